using MailKit.Net.Smtp;
using MailKit.Security;
using CsPlaybooks.Infrastructure.Outbox;
using MimeKit;

namespace CsPlaybooks.Infrastructure.Email;

/// <summary>Hands a composed message over for delivery.</summary>
public interface IEmailTransport
{
    /// <summary>smtp or pickup.</summary>
    string Name { get; }
    Task SendAsync(MimeMessage message, MailboxAddress envelopeFrom, CancellationToken ct);
}

/// <summary>
/// MailKit over SMTP, one connection per message. A 5xx answer refusing this message (sender, recipient or content) is
/// permanent; anything else (connection refused, timeouts, 4xx, a dropped connection) is retried. Once the server
/// answered 250 to the data, the message counts as handed over even if closing the connection fails.
/// </summary>
public sealed class SmtpEmailTransport(SmtpOptions options) : IEmailTransport
{
    public string Name => "smtp";

    public async Task SendAsync(MimeMessage message, MailboxAddress envelopeFrom, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        var security = !options.UseTls ? SecureSocketOptions.None : options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        try
        {
            await client.ConnectAsync(options.Host!, options.Port, security, ct);
            if (!string.IsNullOrEmpty(options.User)) await client.AuthenticateAsync(options.User, options.Password ?? "", ct);
            await client.SendAsync(message, envelopeFrom, message.To.Mailboxes, ct);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            throw new PermanentDeliveryException($"the mail server refused the message ({(int)e.StatusCode}): {e.Message}");
        }
        try
        {
            await client.DisconnectAsync(true, ct);
        }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            // accepted already; a QUIT that fails does not undo that
        }
    }
}

/// <summary>The embedded default: each message becomes <c>MESSAGE-ID.eml</c> in a folder (written atomically, never twice).</summary>
public sealed class PickupDirectoryTransport(string directory) : IEmailTransport
{
    public string Name => "pickup";
    public string Directory { get; } = directory;

    public async Task SendAsync(MimeMessage message, MailboxAddress envelopeFrom, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        var path = Path.Combine(Directory, name + ".eml");
        if (File.Exists(path)) return;
        var temp = path + ".tmp";
        await message.WriteToAsync(temp, ct);
        File.Move(temp, path, overwrite: true);
    }
}
