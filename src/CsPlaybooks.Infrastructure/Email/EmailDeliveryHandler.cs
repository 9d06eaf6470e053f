using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Observability;
using CsPlaybooks.Infrastructure.Outbox;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Success.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CsPlaybooks.Infrastructure.Email;

/// <summary>
/// Delivers outbox messages of kind <c>email</c>: records the email (one row per dedup key), applies governance
/// (consent → suppressed; quiet hours / frequency cap → deferred, which the pump does not count as a failed attempt),
/// then hands it to SMTP or the pickup folder. The cap is checked and the send reserved (state <c>sending</c>) in one
/// transaction holding the recipient's lock, so nodes cannot both pass it. <c>sent</c> is recorded only after the
/// transport accepted the message (SMTP 250). An attempt that a crash interrupted after the reservation is sent again
/// with the same Message-ID and counted in <c>resends</c>: delivery is at least once, duplicates share the Message-ID.
/// </summary>
public sealed class EmailDeliveryHandler(
    PlaybooksDb db, AccountStore accounts, EmailGovernance governance, EmailComposer composer, IEmailTransport transport,
    TimeProvider time, ILogger<EmailDeliveryHandler> log) : IOutboxHandler
{
    public string Kind => EmailMessage.Kind;

    public async Task DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        EmailMessage message;
        try
        {
            message = EmailMessage.FromJson(delivery.Payload);
        }
        catch (JsonException e)
        {
            throw new PermanentDeliveryException($"the email payload is invalid: {e.Message}");
        }
        await using var context = db.Create();
        var email = await FindOrCreateAsync(context, delivery, message, ct);
        if (email.State is EmailStates.Sent or EmailStates.Suppressed) return;
        if (email.State == EmailStates.Sending) await ResumeInterruptedAsync(context, email);
        else if (!await ReserveAsync(context, email, ct)) return;
        await HandOverAsync(context, email, delivery, ct);
    }

    /// <summary>
    /// A crash (or a lost lease) left the email reserved: whether the server took it is unknown, so it goes again with
    /// the same Message-ID (receivers and our dedup collapse a duplicate) — never recorded as sent without an answer.
    /// </summary>
    private async Task ResumeInterruptedAsync(PlaybooksDbContext context, EmailRecord email)
    {
        email.Resends++;
        email.Attempts++;
        email.Reason = $"an earlier attempt was interrupted before the mail server's answer was recorded; sent again with the same Message-ID (resend {email.Resends})";
        await SaveAsync(context, email);
        log.LogWarning("email {Id} to {Address}: interrupted attempt, sending again as {MessageId}", email.Id, email.RecipientAddress, email.MessageId);
    }

    /// <summary>Governance and the reservation under the recipient's lock; false when suppressed, throws when deferred.</summary>
    private async Task<bool> ReserveAsync(PlaybooksDbContext context, EmailRecord email, CancellationToken ct)
    {
        await using var transaction = await RecipientLocks.LockAsync(context, email.RecipientAddress, time.GetUtcNow(), ct);
        switch (await DecideAsync(context, email, ct))
        {
            case GovernanceDecision.Suppress s:
                email.State = EmailStates.Suppressed;
                email.Reason = s.Reason;
                email.DeferredUntil = null;
                await SaveAsync(context, email);
                await transaction.CommitAsync(CancellationToken.None);
                PlaybookTelemetry.Email("suppressed");
                log.LogInformation("email {Id} to {Address} suppressed: {Reason}", email.Id, email.RecipientAddress, s.Reason);
                return false;
            case GovernanceDecision.Defer d:
                email.State = EmailStates.Deferred;
                email.Reason = d.Reason;
                email.DeferredUntil = d.Until.ToDateTimeOffset();
                await SaveAsync(context, email);
                await transaction.CommitAsync(CancellationToken.None);
                PlaybookTelemetry.Email("deferred");
                throw new DeliveryDeferredException(email.DeferredUntil.Value, d.Reason);
        }
        email.State = EmailStates.Sending;
        email.SentAt = time.GetUtcNow();
        email.MessageId ??= composer.MessageIdFor(email.DedupKey);
        email.Transport = transport.Name;
        email.Attempts++;
        email.Reason = null;
        email.DeferredUntil = null;
        await SaveAsync(context, email);
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    private async Task HandOverAsync(PlaybooksDbContext context, EmailRecord email, OutboxDelivery delivery, CancellationToken ct)
    {
        try
        {
            await transport.SendAsync(composer.Compose(email, email.SentAt!.Value), composer.DefaultSender, ct);
        }
        catch (Exception e)
        {
            var final = e is PermanentDeliveryException || delivery.LastChance;
            email.State = final ? EmailStates.Failed : EmailStates.Queued;
            email.SentAt = null;
            email.Reason = (final ? "" : $"attempt {delivery.Attempt} failed, will retry: ") + e.Message;
            await SaveAsync(context, email);
            PlaybookTelemetry.Email(final ? "failed" : "retry");
            throw;
        }
        email.State = EmailStates.Sent;
        if (email.Resends == 0) email.Reason = null;
        await SaveAsync(context, email);
        PlaybookTelemetry.Email("sent");
        log.LogInformation("email {Id} ({Template}) sent to {Address} via {Transport}", email.Id, email.Template, email.RecipientAddress, transport.Name);
    }

    private async Task<GovernanceDecision> DecideAsync(PlaybooksDbContext context, EmailRecord email, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var account = await accounts.FindAsync(context, email.AccountId, ct);
        if (account is null) return new GovernanceDecision.Suppress($"account '{email.AccountId}' no longer exists");
        var contact = EmailRecipient.FindContact(account.Json["contacts"] as JsonArray, email.ContactId, email.RecipientAddress);
        var zone = EmailRecipient.ZoneOf(contact, account.Zone);
        var since = now - governance.Cap.Window;
        var sends = email.Category != EmailCategories.DigitalTouch ? [] : await context.Emails.AsNoTracking()
            .Where(e => e.RecipientAddress == email.RecipientAddress && e.Category == EmailCategories.DigitalTouch && e.Id != email.Id
                && (e.State == EmailStates.Sent || e.State == EmailStates.Sending) && e.SentAt > since)
            .Select(e => e.SentAt!.Value).ToListAsync(ct);
        return governance.Decide(new EmailCheck(email.Category, email.RecipientAddress, contact, zone,
            sends.Select(Instant.FromDateTimeOffset).ToList(), Instant.FromDateTimeOffset(now)));
    }

    private async Task<EmailRecord> FindOrCreateAsync(PlaybooksDbContext context, OutboxDelivery delivery, EmailMessage message, CancellationToken ct)
    {
        var existing = await context.Emails.FirstOrDefaultAsync(e => e.DedupKey == delivery.DedupKey, ct);
        if (existing is not null) return existing;
        var now = time.GetUtcNow();
        var email = new EmailRecord
        {
            Id = Guid.CreateVersion7(now), OutboxId = delivery.Id, DedupKey = delivery.DedupKey, InstanceId = delivery.InstanceId, StepId = delivery.StepId,
            AccountId = message.AccountId, ContactId = message.ContactId,
            RecipientAddress = message.To.Address.Trim().ToLowerInvariant(), RecipientName = Fit(message.To.Name, FieldLimits.DisplayName),
            FromAddress = message.From?.Address, FromName = Fit(message.From?.Name, FieldLimits.DisplayName), Category = message.Category, Template = message.Template,
            Subject = Fit(message.Subject, FieldLimits.EmailSubject)!, Html = message.Html, Text = message.Text,
            Survey = message.Survey is null ? null : JsonSerializer.Serialize(message.Survey, JsonSerializerOptions.Web), State = EmailStates.Queued, CreatedAt = now, UpdatedAt = now,
        };
        context.Emails.Add(email);
        await context.SaveChangesAsync(ct);
        return email;
    }

    /// <summary>Rendered text can outgrow its column (a template looping over data): cut, rather than fail the send forever.</summary>
    private static string? Fit(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";

    private async Task SaveAsync(PlaybooksDbContext context, EmailRecord email)
    {
        email.UpdatedAt = time.GetUtcNow();
        await context.SaveChangesAsync(CancellationToken.None);
    }
}
