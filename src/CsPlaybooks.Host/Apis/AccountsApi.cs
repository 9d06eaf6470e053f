using System.Security.Claims;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using CsPlaybooks.Success.Accounts;

namespace CsPlaybooks.Host.Apis;

/// <summary>Accounts as integrations push them (the customer-success fields grow with the domain issue).</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(Policies.Read);
        read.MapGet("/", List).WithSummary("Accounts, ordered by id (skip/take)");
        read.MapGet("/{id}", Get);
        read.MapGet("/{id}/timeline", Timeline).WithSummary("The account's whole history, newest first: field changes (who, what, why), events, playbook steps");
        var write = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(Policies.Ingest);
        write.MapPut("/{id}", Put).WithSummary("Create or replace an account: { name, tier, timeZone, contract: { start, end }, contacts, … }");
        write.MapDelete("/{id}", Delete);
        write.MapPost("/import", AccountImport.Import)
            .WithSummary("Bulk import: a JSON array of accounts or text/csv (dotted headers nest) → { imported, rejected, rows: [{ row, id, status, errors }] }");
        return app;
    }

    private static async Task<IResult> List(int? skip, int? take, AccountStore accounts, CancellationToken ct) =>
        Results.Ok((await accounts.ListAsync(Math.Max(0, skip ?? 0), Math.Clamp(take ?? 100, 1, 1000), ct)).Select(a => a.Json));

    private static async Task<IResult> Get(string id, AccountStore accounts, CancellationToken ct) =>
        await accounts.FindAsync(id, ct) is { } a ? Results.Ok(a.Json) : Problems.NotFound($"no account '{id}'");

    private static async Task<IResult> Timeline(string id, int? take, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        if (!await context.Accounts.AnyAsync(a => a.Id == id, ct)) return Problems.NotFound($"no account '{id}'");
        var limit = Math.Clamp(take ?? 200, 1, 2000);
        var changes = await context.AccountHistory.AsNoTracking().Where(h => h.AccountId == id).OrderByDescending(h => h.At).Take(limit).ToListAsync(ct);
        var events = await context.Events.AsNoTracking().Where(e => e.AccountId == id).OrderByDescending(e => e.ReceivedAt).Take(limit).ToListAsync(ct);
        var steps = await context.Journal.AsNoTracking()
            .Join(context.Instances.Where(i => i.AccountId == id), j => j.InstanceId, i => i.Id, (j, i) => new { j.At, j.Kind, j.Summary, j.StepId, i.PlaybookId, i.Version, j.InstanceId, j.Id })
            .OrderByDescending(j => j.Id).Take(limit).ToListAsync(ct);
        var entries = changes.Select(h => new TimelineEntry(h.At, "change", $"{h.Field}: {h.OldValue ?? "–"} → {h.NewValue ?? "–"}", h.Source, h.Reason, null))
            .Concat(events.Select(e => new TimelineEntry(e.ReceivedAt, "event", e.Name, "integration", e.Outcome, null)))
            .Concat(steps.Select(j => new TimelineEntry(j.At, j.Kind, j.Summary, $"{j.PlaybookId} v{j.Version}" + (j.StepId is null ? "" : $", step {j.StepId}"), null, j.InstanceId)))
            .OrderByDescending(e => e.At).Take(limit);
        return Results.Ok(entries);
    }

    private sealed record TimelineEntry(DateTimeOffset At, string Type, string Summary, string Source, string? Detail, Guid? InstanceId);

    private static async Task<IResult> Put(string id, HttpRequest request, ClaimsPrincipal user, AccountStore accounts, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadObjectAsync(request, ct);
        if (problem is not null) return problem;
        var (account, errors) = AccountDocument.Read(id, body!);
        if (account is null) return Problems.Invalid("The account is invalid", errors);
        var created = await accounts.UpsertAsync(account, $"api: {user.Identity?.Name}", ct);
        return created ? Results.Created($"/api/accounts/{id}", account.Json) : Results.Ok(account.Json);
    }

    private static async Task<IResult> Delete(string id, AccountStore accounts, CancellationToken ct) =>
        await accounts.DeleteAsync(id, ct) ? Results.NoContent() : Problems.NotFound($"no account '{id}'");
}
