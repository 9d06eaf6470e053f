using System.Net;
using System.Security.Cryptography;
using System.Text;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Surveys;
using CsPlaybooks.Success.Email;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CsPlaybooks.Infrastructure.Email;

/// <summary>
/// Turns an email row into a MIME message: From the CSM (or the step's address, else <c>Email:From</c>), text and
/// HTML as multipart/alternative, a stable Message-Id, and for digital-touch mail the recipient's signed unsubscribe
/// link in the body (where the template put <c>{{ unsubscribe_url }}</c>, else as a footer) and in the
/// <c>List-Unsubscribe</c> / <c>List-Unsubscribe-Post</c> headers (RFC 8058 one-click); for a survey email, one signed
/// link per score (<see cref="SurveyLinks"/>).
/// </summary>
public sealed class EmailComposer(IOptions<EmailOptions> options, UnsubscribeTokens tokens, SurveyLinks surveys)
{
    public MailboxAddress DefaultSender { get; } = MailboxAddress.Parse(options.Value.From);

    /// <summary>Message-Id from the dedup key: the same email always has the same id, even across retries.</summary>
    public string MessageIdFor(string dedupKey) =>
        $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dedupKey)))[..32]}@{DefaultSender.Domain}";

    public string UnsubscribeUrl(EmailRecord email) =>
        $"{options.Value.PublicBaseUrl.TrimEnd('/')}/unsubscribe/{tokens.Create(email.AccountId, email.ContactId ?? email.RecipientAddress)}";

    public MimeMessage Compose(EmailRecord email, DateTimeOffset date)
    {
        var from = email.FromAddress is { } address ? new MailboxAddress(email.FromName, address) : DefaultSender;
        var message = new MimeMessage { Subject = email.Subject, Date = date, MessageId = email.MessageId ?? MessageIdFor(email.DedupKey) };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(email.RecipientName, email.RecipientAddress));
        message.Headers.Add("X-CsPlaybooks-Email", email.Id.ToString());

        var digitalTouch = email.Category == EmailCategories.DigitalTouch;
        var link = digitalTouch ? UnsubscribeUrl(email) : "";
        var html = surveys.Place(email, email.Html?.Replace(EmailMessage.UnsubscribeUrlPlaceholder, link), date, WebUtility.HtmlEncode);
        var text = surveys.Place(email, email.Text?.Replace(EmailMessage.UnsubscribeUrlPlaceholder, link), date, url => url);
        if (digitalTouch)
        {
            message.Headers.Add("List-Unsubscribe", $"<{link}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            var placed = (email.Html?.Contains(EmailMessage.UnsubscribeUrlPlaceholder) ?? false) || (email.Text?.Contains(EmailMessage.UnsubscribeUrlPlaceholder) ?? false);
            if (!placed)
            {
                if (html is not null) html += $"\n<p style=\"font-size:small;color:#666\"><a href=\"{WebUtility.HtmlEncode(link)}\">Unsubscribe</a> from these emails.</p>\n";
                if (text is not null) text += $"\n\n--\nUnsubscribe from these emails: {link}\n";
            }
        }
        message.Body = new BodyBuilder { HtmlBody = html, TextBody = text }.ToMessageBody();
        return message;
    }
}
