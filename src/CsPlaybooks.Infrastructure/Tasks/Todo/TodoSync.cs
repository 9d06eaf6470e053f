using CsPlaybooks.Infrastructure.Outbox;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Tasks.Todo;

/// <summary>
/// Picks up completions made in Microsoft To Do: every <see cref="GraphOptions.PollInterval"/> (on the TimeProvider) it
/// reads the status of each open mirrored task and completes the ones done in To Do here (which resumes waiting playbooks).
/// A 429/503 ends the round early; the next round carries on.
/// </summary>
public sealed class TodoSync(PlaybooksDb db, TodoClient todo, TaskService tasks, IOptions<GraphOptions> options, TimeProvider time, ILogger<TodoSync> log) : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.PollInterval, time, ct);
                await SyncAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "To Do sync failed; retrying at the next interval");
            }
        }
    }

    /// <summary>One round; returns how many tasks were completed from To Do.</summary>
    public async Task<int> SyncAsync(CancellationToken ct)
    {
        List<(Guid Id, string User, string List, string Task)> open;
        await using (var context = db.Create())
        {
            open = (await context.Tasks.AsNoTracking()
                .Where(t => t.Status == TaskService.Open && t.GraphTaskId != null && t.GraphListId != null && t.GraphUserId != null)
                .OrderBy(t => t.CreatedAt).Take(BatchSize).Select(t => new { t.Id, t.GraphUserId, t.GraphListId, t.GraphTaskId }).ToListAsync(ct))
                .Select(t => (t.Id, t.GraphUserId!, t.GraphListId!, t.GraphTaskId!)).ToList();
        }
        var completed = 0;
        foreach (var (id, user, list, taskId) in open)
        {
            string? status;
            try
            {
                status = await todo.StatusAsync(user, list, taskId, ct);
            }
            catch (RetryAfterException e)
            {
                log.LogInformation("To Do throttled the sync ({Message}); continuing next round", e.Message);
                break;
            }
            if (status != "completed") continue;
            var (result, _) = await tasks.CompleteAsync(id, "Microsoft To Do", onlyCsmId: null, fromTodo: true, ct);
            if (result == TaskCompletion.Completed) completed++;
        }
        return completed;
    }
}
