using System.Net;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Email;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>Customer email: what was queued, deferred (why, until when), sent, failed or suppressed (why); and the one-click unsubscribe.</summary>
public static class EmailsApi
{
    public static IEndpointRouteBuilder MapEmailsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/emails").WithTags("Emails").RequireAuthorization(Policies.Read);
        read.MapGet("/", List).WithSummary("Filter by accountId, instanceId, state (queued, deferred, sending, sent, failed, suppressed); newest first");
        read.MapGet("/{id:guid}", Get).WithSummary("One email with its rendered subject, HTML and text");
        var unsubscribe = app.MapGroup("/unsubscribe").WithTags("Emails").AllowAnonymous();
        unsubscribe.MapGet("/{token}", Unsubscribe).WithSummary("One-click unsubscribe link from an email: withdraws digital-touch consent");
        unsubscribe.MapPost("/{token}", Unsubscribe).WithSummary("RFC 8058 one-click unsubscribe (List-Unsubscribe-Post)").DisableAntiforgery();
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

    private static async Task<IResult> Unsubscribe(string token, UnsubscribeService service, CancellationToken ct)
    {
        var result = await service.UnsubscribeAsync(token, ct);
        return result.Status switch
        {
            UnsubscribeStatus.Done => Page(200, "You are unsubscribed",
                $"{Who(result)} will no longer receive digital-touch emails (tips, offers, success stories) for {WebUtility.HtmlEncode(result.AccountName)}. " +
                "Operational emails about your service continue. To subscribe again, ask your customer success manager."),
            UnsubscribeStatus.NotFound => Page(404, "Link no longer valid", "We could not find this subscription; it may have been removed already."),
            _ => Page(400, "Invalid link", "This unsubscribe link is damaged or not ours. Copy the whole link from the email and try again."),
        };
    }

    private static string Who(UnsubscribeResult r) => r.ContactName is { Length: > 0 } name ? WebUtility.HtmlEncode(name) : "You";

    private static IResult Page(int status, string title, string text) => Results.Content(
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>" +
        $"<body style=\"font-family:sans-serif;max-width:40em;margin:4em auto\"><h1>{title}</h1><p>{text}</p></body></html>",
        "text/html; charset=utf-8", statusCode: status);
}
