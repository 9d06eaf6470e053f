using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Email;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>Customer email: what was queued, deferred (why, until when), sent, failed or suppressed (why). The unsubscribe link is <see cref="UnsubscribeApi"/>.</summary>
public static class EmailsApi
{
    public static IEndpointRouteBuilder MapEmailsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/emails").WithTags("Emails").RequireAuthorization(Policies.Read);
        read.MapGet("/", List).ProducesProblem(400).WithSummary("Paged on the server: accountId, instanceId, state (queued, deferred, sending, sent, failed, suppressed), playbookId, q (subject, recipient or account contains), the account filters tier, stage, industry, csmId, healthBand, tag; sort (created, updated; '-' descending; default newest first), skip, take ≤ 500 → { total, items }");
        read.MapGet("/{id:guid}", Get).ProducesProblem(404).WithSummary("One email with its rendered subject, HTML and text");
        return app;
    }

    private static async Task<Results<Ok<Page<EmailSummary>>, ProblemHttpResult>> List(string? accountId, Guid? instanceId, string? state,
        [AsParameters] AccountFilterParameters accounts, string? playbookId, string? q, string? sort, int? skip, int? take, PlaybooksDb db, CancellationToken ct)
    {
        var check = new ListQuery();
        check.OneOf("state", state, EmailStates.All);
        var filter = accounts.Read(check);
        var search = check.Text("q", q);
        var (key, descending) = check.Sort(sort, "-created", ["created", "updated"]);
        var (from, count) = check.Paging(skip, take);
        if (check.Problem is { } problem) return problem;
        await using var context = db.Create();
        var query = context.Emails.AsNoTracking();
        if (accountId is not null) query = query.Where(e => e.AccountId == accountId);
        if (instanceId is not null) query = query.Where(e => e.InstanceId == instanceId);
        if (state is not null) query = query.Where(e => e.State == state);
        if (!filter.IsEmpty) query = query.Where(e => filter.Ids(context).Contains(e.AccountId));
        if (playbookId is not null) query = query.Where(e => context.Instances.Any(i => i.Id == e.InstanceId && i.PlaybookId == playbookId));
        if (search is not null)
        {
            var lower = search.ToLowerInvariant();
            query = query.Where(e => e.Subject.ToLower().Contains(lower) || e.RecipientAddress.ToLower().Contains(lower) || e.AccountId.ToLower().Contains(lower));
        }
        var total = await query.CountAsync(ct);
        var sorted = key == "updated"
            ? descending ? query.OrderByDescending(e => e.UpdatedAt).ThenByDescending(e => e.Id) : query.OrderBy(e => e.UpdatedAt).ThenBy(e => e.Id)
            : descending ? query.OrderByDescending(e => e.Id) : query.OrderBy(e => e.Id);
        var page = await sorted.Skip(from).Take(count).ToListAsync(ct);
        return TypedResults.Ok(new Page<EmailSummary>(total, page.Select(EmailSummary.Of).ToList()));
    }

    private static async Task<Results<Ok<EmailDetail>, ProblemHttpResult>> Get(Guid id, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var e = await context.Emails.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return Problems.NotFound($"no email {id}");
        return TypedResults.Ok(new EmailDetail(EmailSummary.Of(e), e.Html, e.Text, e.DedupKey, e.OutboxId));
    }
}

/// <summary>One email with its rendered bodies.</summary>
public sealed record EmailDetail(EmailSummary Email, string? Html, string? Text, string DedupKey, Guid OutboxId);

/// <summary>An email in the list (the rendered bodies are in the detail).</summary>
public sealed record EmailSummary(
    Guid Id, string AccountId, Guid? InstanceId, string? StepId, string? ContactId, EmailSummary.Mailbox To, EmailSummary.Mailbox? From, string Subject,
    string Template, string Category, string State, string? Reason, DateTimeOffset? DeferredUntil, DateTimeOffset? SentAt, string? MessageId,
    string? Transport, int Attempts, int Resends, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public sealed record Mailbox(string Address, string? Name);

    public static EmailSummary Of(EmailRecord e) => new(e.Id, e.AccountId, e.InstanceId, e.StepId, e.ContactId, new(e.RecipientAddress, e.RecipientName),
        e.FromAddress is null ? null : new(e.FromAddress, e.FromName), e.Subject, e.Template, e.Category, e.State, e.Reason, e.DeferredUntil,
        e.SentAt, e.MessageId, e.Transport, e.Attempts, e.Resends, e.CreatedAt, e.UpdatedAt);
}
