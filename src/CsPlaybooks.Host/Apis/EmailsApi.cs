using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Email;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>Customer email: what was queued, deferred (why, until when), sent, failed or suppressed (why). The unsubscribe link is <see cref="UnsubscribeApi"/>.</summary>
public static class EmailsApi
{
    public static IEndpointRouteBuilder MapEmailsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/emails").WithTags("Emails").RequireAuthorization(Policies.Read);
        read.MapGet("/", List).WithSummary("Filter by accountId, instanceId, state (queued, deferred, sending, sent, failed, suppressed); newest first");
        read.MapGet("/{id:guid}", Get).WithSummary("One email with its rendered subject, HTML and text");
        return app;
    }

    private static async Task<IResult> List(string? accountId, Guid? instanceId, string? state, int? skip, int? take, PlaybooksDb db, CancellationToken ct)
    {
        if (state is not null && !EmailStates.All.Contains(state))
            return Problems.Invalid("The filter is invalid", [("state", $"'state' must be one of {string.Join(", ", EmailStates.All)}")]);
        await using var context = db.Create();
        var query = context.Emails.AsNoTracking();
        if (accountId is not null) query = query.Where(e => e.AccountId == accountId);
        if (instanceId is not null) query = query.Where(e => e.InstanceId == instanceId);
        if (state is not null) query = query.Where(e => e.State == state);
        var total = await query.CountAsync(ct);
        var page = await query.OrderByDescending(e => e.Id).Skip(Math.Max(0, skip ?? 0)).Take(Math.Clamp(take ?? 50, 1, 500)).ToListAsync(ct);
        return Results.Ok(new { total, items = page.Select(Summary) });
    }

    private static async Task<IResult> Get(Guid id, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var e = await context.Emails.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return Problems.NotFound($"no email {id}");
        return Results.Ok(new { email = Summary(e), e.Html, e.Text, e.DedupKey, e.OutboxId });
    }

    private static object Summary(EmailRecord e) => new
    {
        e.Id, e.AccountId, e.InstanceId, e.StepId, e.ContactId,
        To = new { Address = e.RecipientAddress, Name = e.RecipientName },
        From = e.FromAddress is null ? null : new { Address = e.FromAddress, Name = e.FromName },
        e.Subject, e.Template, e.Category, e.State, e.Reason, e.DeferredUntil, e.SentAt, e.MessageId, e.Transport, e.Attempts, e.Resends, e.CreatedAt, e.UpdatedAt,
    };
}
