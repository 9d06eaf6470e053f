using CsPlaybooks.Infrastructure.Email;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// The unsubscribe link in digital-touch email. Opening it (GET) only shows a confirmation page with one button: mail
/// scanners and link previews open links, and must not withdraw consent. The button, or a mail client's RFC 8058
/// one-click (POST with <c>List-Unsubscribe=One-Click</c>), unsubscribes. Plain HTML, no script, so it works everywhere.
/// </summary>
public static class UnsubscribeApi
{
    public static IEndpointRouteBuilder MapUnsubscribeApi(this IEndpointRouteBuilder app)
    {
        var unsubscribe = app.MapGroup("/unsubscribe").WithTags("Emails").AllowAnonymous();
        unsubscribe.MapGet("/{token}", Confirm).WithSummary("The link in an email: a confirmation page (changes nothing)");
        unsubscribe.MapPost("/{token}", Unsubscribe).DisableAntiforgery()
            .WithSummary("Withdraws digital-touch consent: the page's button, or RFC 8058 one-click (List-Unsubscribe=One-Click)");
        return app;
    }

    private static async Task<IResult> Confirm(string token, UnsubscribeService service, HttpResponse response, CancellationToken ct)
    {
        var link = await service.PreviewAsync(token, ct);
        if (link.Status != UnsubscribeStatus.Ready) return Problem(link, response);
        if (link.AlreadyWithdrawn) return Page(response, 200, "You are already unsubscribed", Withdrawn(link));
        return Page(response, 200, "Unsubscribe from these emails?",
            $"<p>{Who(link)} will no longer receive digital-touch emails (tips, offers, success stories) about {Html(link.AccountName)}. " +
            "Operational emails about your service continue.</p>" +
            "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">" +
            "<button type=\"submit\">Unsubscribe</button></form>");
    }

    private static async Task<IResult> Unsubscribe(string token, UnsubscribeService service, HttpResponse response, CancellationToken ct)
    {
        var result = await service.UnsubscribeAsync(token, ct);
        return result.Status == UnsubscribeStatus.Done ? Page(response, 200, "You are unsubscribed", Withdrawn(result)) : Problem(result, response);
    }

    private static IResult Problem(UnsubscribeResult result, HttpResponse response) => result.Status == UnsubscribeStatus.NotFound
        ? Page(response, 404, "Link no longer valid", "<p>We could not find this subscription; it may have been removed already.</p>")
        : Page(response, 400, "Invalid link", "<p>This unsubscribe link is damaged or not ours. Copy the whole link from the email and try again.</p>");

    private static string Withdrawn(UnsubscribeResult r) =>
        $"<p>{Who(r)} will no longer receive digital-touch emails (tips, offers, success stories) about {Html(r.AccountName)}. " +
        "Operational emails about your service continue. To subscribe again, ask your customer success manager.</p>";

    private static string Who(UnsubscribeResult r) => r.ContactName is { Length: > 0 } name ? Html(name) : "You";

    private static string Html(string? text) => CustomerPage.Html(text);

    private static IResult Page(HttpResponse response, int status, string title, string body) => CustomerPage.Render(response, status, title, body);
}
