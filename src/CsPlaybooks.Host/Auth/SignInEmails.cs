using CsPlaybooks.Infrastructure.Email;
using MimeKit;

namespace CsPlaybooks.Host.Auth;

/// <summary>
/// Invitation and password-reset emails, sent straight through the email transport (SMTP, or the pickup folder when
/// no SMTP is configured): they are for our own users, so customer-mail governance and the outbox do not apply.
/// A failure is logged, not shown to the caller (a reset must not reveal whether the address exists).
/// </summary>
public sealed class SignInEmails(IEmailTransport transport, EmailComposer composer, TimeProvider time, ILogger<SignInEmails> log)
{
    public Task<bool> SendInvitationAsync(string to, string? name, string url, DateTimeOffset expiresAt, CancellationToken ct) =>
        SendAsync(to, name, "You are invited to CsPlaybooks",
            $"You were invited to CsPlaybooks. Set your password here (the link works once, until {expiresAt:u}):\n\n{url}\n", ct);

    public Task<bool> SendPasswordResetAsync(string to, string? name, string url, DateTimeOffset expiresAt, CancellationToken ct) =>
        SendAsync(to, name, "Reset your CsPlaybooks password",
            $"Someone asked to reset the password of this CsPlaybooks account. Choose a new one here (the link works once, until {expiresAt:u}):\n\n{url}\n\n" +
            "If it was not you, ignore this email: your password stays as it is.\n", ct);

    private async Task<bool> SendAsync(string to, string? name, string subject, string text, CancellationToken ct)
    {
        var message = new MimeMessage { Subject = subject, Date = time.GetUtcNow(), MessageId = $"{Guid.NewGuid():N}@{composer.DefaultSender.Domain}" };
        message.From.Add(composer.DefaultSender);
        message.To.Add(new MailboxAddress(name, to));
        message.Headers.Add("X-CsPlaybooks-Sign-In", "1");
        message.Body = new TextPart("plain") { Text = text };
        try
        {
            await transport.SendAsync(message, composer.DefaultSender, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Could not send the sign-in email \"{Subject}\" to {To} via {Transport}", subject, to, transport.Name);
            return false;
        }
    }
}
