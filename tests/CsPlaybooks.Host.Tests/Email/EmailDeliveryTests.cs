using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Email;
using CsPlaybooks.Infrastructure.Outbox;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Success.Email;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CsPlaybooks.Host.Tests.Email;

/// <summary>sendEmail end to end through the HTTP API, the real outbox pump and a real SMTP server (aiosmtpd), on a virtual clock.</summary>
public abstract class EmailDeliveryTests
{
    /// <summary>The database the host runs on (the cap and state queries differ per provider).</summary>
    protected abstract Db Db { get; }

    private static readonly string Digital = EmailCategories.DigitalTouch;
    private static readonly string Operational = EmailCategories.Operational;

    [Fact]
    public async Task SendEmail_InsideBusinessHours_ArrivesRenderedFromCsmWithUnsubscribeHeaders()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = EmailHost.Start(smtp, Db);
        var ops = host.Client();
        var (instance, account) = await Run(ops, EmailHost.Account(Samples.NewId("acct")), ("welcome", Digital));

        var email = await WaitForState(host, ops, instance, "sent");
        var message = Assert.Single(smtp.Messages());
        Assert.Equal($"Welcome to Acme {account}, Dana", message.Subject);
        Assert.Equal(EmailHost.CsmEmail, message.From.Mailboxes.Single().Address);
        Assert.Equal("Casey CSM", message.From.Mailboxes.Single().Name);
        Assert.Equal("dana@acme.example", message.To.Mailboxes.Single().Address);
        Assert.Contains("<p>Hello Dana,</p><p>I am Casey CSM, your CSM.</p>", message.HtmlBody);
        Assert.Contains("Hello Dana, I am Casey CSM, your CSM.", message.TextBody);
        Assert.StartsWith("<http://localhost/unsubscribe/", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal((string)email["messageId"]!, message.MessageId);

        Assert.Equal("Dana", (string)email["to"]!["name"]!);
        Assert.Equal(Digital, (string)email["category"]!);
        var detail = await ops.GetJson($"/api/emails/{email["id"]}");
        Assert.Contains("I am Casey CSM", (string)detail["html"]!);
        Assert.Equal(1, (int)(await ops.GetJson($"/api/emails?accountId={account}&state=sent"))["total"]!);
        await (await ops.GetAsync("/api/emails?state=lost")).Expect(400);
    }

    [Fact]
    public async Task SendEmail_CsmRenamedAfterAssignment_SentFromTheCsmRecordAsItIsNow()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = EmailHost.Start(smtp, Db);
        var ops = host.Client();
        var csm = Samples.NewId("csm");
        await Tasks.TaskSamples.PutCsm(ops, csm, Tasks.TaskSamples.Csm("Old Name", "high", []));
        var account = EmailHost.Account(Samples.NewId("acct"));
        account.Remove("csm");
        account["csmId"] = csm;
        await Samples.CreateAccount(ops, account);
        var renamed = Tasks.TaskSamples.Csm("New Name", "high", []);
        renamed["email"] = "new.name@vendor.example";
        await Tasks.TaskSamples.PutCsm(ops, csm, renamed);

        var playbook = Samples.NewId("pb");
        await Samples.Publish(ops, EmailHost.Playbook(playbook, ("welcome", Digital)));
        var instance = await Samples.Enrol(ops, playbook, (string)account["id"]!);
        await WaitForState(host, ops, instance, "sent");
        var from = Assert.Single(smtp.Messages()).From.Mailboxes.Single();
        Assert.Equal(("New Name", "new.name@vendor.example"), (from.Name, from.Address));
    }

    [Fact]
    public async Task SendEmail_SubjectRenderedLongerThanItsColumn_SentCut()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = EmailHost.Start(smtp, Db);
        host.WriteTemplate("long", "{% for i in (1..200) %}{{ account.name }} {% endfor %}", null, "Hello");
        var ops = host.Client();
        var (instance, _) = await Run(ops, EmailHost.Account(Samples.NewId("acct")), ("long", Operational));

        var email = await WaitForState(host, ops, instance, "sent");
        var subject = (string)email["subject"]!;
        Assert.Equal(1000, subject.Length);
        Assert.EndsWith("…", subject);
        Assert.Equal(subject, Assert.Single(smtp.Messages()).Subject);
    }

    [Fact]
    public async Task SendEmail_OutsideRecipientQuietHours_DeferredThenSentWhenWindowOpens()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = EmailHost.Start(smtp, Db);
        var ops = host.Client();
        // 09:00 UTC on Monday is 01:00 in Los Angeles: deferred to 09:00 PST = 17:00 UTC.
        var (instance, _) = await Run(ops, EmailHost.Account(Samples.NewId("acct"), "America/Los_Angeles"), ("welcome", Digital));

        var email = await WaitForState(host, ops, instance, "deferred");
        await host.Services.DrainPumpsAsync(); // the email row is saved before the pump records the outbox message
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse((string)email["deferredUntil"]!));
        Assert.Contains("quiet hours in America/Los_Angeles", (string)email["reason"]!);
        var outbox = (await Samples.Instance(ops, instance))["outbox"]![0]!;
        Assert.Equal(0, (int)outbox["attempts"]!);
        Assert.StartsWith("deferred: quiet hours", (string)outbox["lastError"]!);

        host.Clock.Advance(TimeSpan.FromHours(7));
        await host.Services.DrainPumpsAsync();
        Assert.Empty(smtp.Messages());
        host.Clock.Advance(TimeSpan.FromHours(1));
        await WaitForState(host, ops, instance, "sent");
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task SendEmail_FourthDigitalTouchInSevenDays_DeferredWithReasonUntilSlotFrees()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = EmailHost.Start(smtp, Db);
        var ops = host.Client();
        var account = EmailHost.Account(Samples.NewId("acct"));
        var (instance, _) = await Run(ops, account, ("welcome", Digital), ("welcome", Digital), ("welcome", Digital), ("welcome", Digital), ("invoice", Operational));

        var list = await Eventually.Get(Nudged(host, () => ops.GetJson($"/api/emails?instanceId={instance}")),
            l => States(l).Count(s => s == "sent") == 4 && States(l).Count(s => s == "deferred") == 1, "3 digital-touch + 1 operational sent, 1 deferred");
        var deferred = list["items"]!.AsArray().Single(e => (string)e!["state"]! == "deferred")!;
        Assert.Equal(Digital, (string)deferred["category"]!);
        Assert.Contains("frequency cap: 3 digital-touch emails to dana@acme.example within 7 days", (string)deferred["reason"]!);
        var firstSent = list["items"]!.AsArray().Where(e => (string)e!["category"]! == Digital && (string)e["state"]! == "sent").Min(e => DateTimeOffset.Parse((string)e!["sentAt"]!));
        Assert.Equal(firstSent.AddDays(7), DateTimeOffset.Parse((string)deferred["deferredUntil"]!));
        Assert.Equal(4, smtp.Messages().Count);

        host.Clock.Advance(TimeSpan.FromDays(7));
        await Eventually.Get(Nudged(host, () => ops.GetJson($"/api/emails?instanceId={instance}&state=sent")), l => (int)l["total"]! == 5, "the capped email once the window frees");
        Assert.Equal(5, smtp.Messages().Count);
    }

    [Fact]
    public async Task Unsubscribe_StopsDigitalTouchButNotOperational()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = EmailHost.Start(smtp, Db);
        var ops = host.Client();
        var account = EmailHost.Account(Samples.NewId("acct"));
        var (first, accountId) = await Run(ops, account, ("welcome", Digital));
        await WaitForState(host, ops, first, "sent");
        var link = new Uri(smtp.Messages().Single().Headers["List-Unsubscribe"]!.Trim('<', '>'));

        var anonymous = host.Client(key: null);
        Assert.Equal(400, (int)(await anonymous.GetAsync(link.PathAndQuery + "x")).StatusCode);
        var page = await anonymous.PostAsync(link.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Contains("You are unsubscribed", await page.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)(await anonymous.GetAsync(link.PathAndQuery)).StatusCode); // idempotent
        var stored = await ops.GetJson($"/api/accounts/{accountId}");
        Assert.Equal("withdrawn", (string)stored["contacts"]![0]!["consent"]!["digital-touch"]!);

        var second = Samples.NewId("pb");
        await Samples.Publish(ops, EmailHost.Playbook(second, ("welcome", Digital), ("invoice", Operational)));
        var instance = await Samples.Enrol(ops, second, accountId);
        var list = await Eventually.Get(Nudged(host, () => ops.GetJson($"/api/emails?instanceId={instance}")),
            l => States(l).Order().SequenceEqual(["sent", "suppressed"]), "digital-touch suppressed, operational sent");
        var suppressed = list["items"]!.AsArray().Single(e => (string)e!["state"]! == "suppressed")!;
        Assert.Equal(Digital, (string)suppressed["category"]!);
        Assert.Contains("withdrew consent for digital-touch", (string)suppressed["reason"]!);
        var messages = smtp.Messages();
        Assert.Equal(2, messages.Count);
        Assert.Equal($"Your invoice for Acme {accountId}", messages[1].Subject);
        Assert.Null(messages[1].Headers["List-Unsubscribe"]);
    }

    [Fact]
    public async Task SmtpDown_RetriedWithBackoff_ThenSentOnceWhenItComesUp()
    {
        await using var smtp = new SmtpTestServer(); // port reserved, server not running yet
        await using var host = EmailHost.Start(smtp, Db);
        var ops = host.Client();
        var (instance, _) = await Run(ops, EmailHost.Account(Samples.NewId("acct")), ("welcome", Digital));

        await Eventually.Get(async () =>
        {
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            return await Samples.Instance(ops, instance);
        }, d => (int)d["outbox"]![0]!["attempts"]! >= 3, "three failed attempts");
        var queued = await WaitForState(host, ops, instance, "queued");
        Assert.Contains("will retry", (string)queued["reason"]!);
        Assert.Equal("pending", (string)(await Samples.Instance(ops, instance))["outbox"]![0]!["state"]!);
        Assert.Empty(smtp.Messages());

        await smtp.StartAsync();
        await Eventually.Get(async () =>
        {
            host.Clock.Advance(TimeSpan.FromSeconds(2));
            return await ops.GetJson($"/api/emails?instanceId={instance}");
        }, l => States(l).SequenceEqual(["sent"]), "delivery once SMTP is up");
        await Eventually.Get(Nudged(host, () => Samples.Instance(ops, instance)), d => (string)d["outbox"]![0]!["state"]! == "sent", "the outbox message to be recorded as sent");
        host.Clock.Advance(TimeSpan.FromHours(2));
        await host.Services.DrainPumpsAsync();
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task SmtpDownForHours_KeepsRetryingWithinRetryFor_ThenSentOnceWithoutManualRetry()
    {
        await using var smtp = new SmtpTestServer();
        await using var host = EmailHost.Start(smtp, Db, ("Outbox:MaxBackoff", "00:10:00"));
        var ops = host.Client();
        var (instance, _) = await Run(ops, EmailHost.Account(Samples.NewId("acct")), ("welcome", Digital));

        for (var step = 0; step < 3 * 6; step++)
        {
            host.Clock.Advance(TimeSpan.FromMinutes(10));
            await host.Services.DrainPumpsAsync();
        }
        var outbox = (await Samples.Instance(ops, instance))["outbox"]![0]!;
        Assert.Equal("pending", (string)outbox["state"]!);
        Assert.True((int)outbox["attempts"]! > 8, $"only {outbox["attempts"]} attempts in 3 hours");
        Assert.Empty((await Samples.Instance(ops, instance))["incidents"]!.AsArray());

        await smtp.StartAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(13)); // the longest back-off: 10 min + 20 % jitter
        await host.Services.DrainPumpsAsync();
        Assert.Equal(["sent"], States(await ops.GetJson($"/api/emails?instanceId={instance}")));
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task SmtpDownLongerThanRetryFor_FailsWithIncident_NotBefore()
    {
        await using var smtp = new SmtpTestServer();
        await using var host = EmailHost.Start(smtp, Db, ("Outbox:RetryFor", "00:30:00"), ("Outbox:MaxBackoff", "00:05:00"));
        var ops = host.Client();
        var (instance, _) = await Run(ops, EmailHost.Account(Samples.NewId("acct")), ("welcome", Digital));
        await host.Services.DrainPumpsAsync();
        var firstFailure = host.Clock.GetUtcNow();

        while (host.Clock.GetUtcNow() - firstFailure < TimeSpan.FromMinutes(29))
        {
            host.Clock.Advance(TimeSpan.FromMinutes(1));
            await host.Services.DrainPumpsAsync();
        }
        Assert.Equal("pending", (string)(await Samples.Instance(ops, instance))["outbox"]![0]!["state"]!);

        host.Clock.Advance(TimeSpan.FromMinutes(7));
        await host.Services.DrainPumpsAsync();
        var detail = await Samples.Instance(ops, instance);
        Assert.Equal("failed", (string)detail["outbox"]![0]!["state"]!);
        Assert.Contains(detail["incidents"]!.AsArray(), i => ((string)i!["message"]!).Contains("still failing after"));
        Assert.Equal(["failed"], States(await ops.GetJson($"/api/emails?instanceId={instance}")));
    }

    [Fact]
    public async Task NoSmtpConfigured_WritesEmlFileToPickupDirectory()
    {
        await using var host = EmailHost.Start(smtp: null, Db);
        var ops = host.Client();
        var (instance, account) = await Run(ops, EmailHost.Account(Samples.NewId("acct")), ("welcome", Digital));

        var email = await WaitForState(host, ops, instance, "sent");
        Assert.Equal("pickup", (string)email["transport"]!);
        var file = Assert.Single(Directory.GetFiles(host.PickupDirectory, "*.eml"));
        var message = MimeMessage.Load(file);
        Assert.Equal($"Welcome to Acme {account}, Dana", message.Subject);
        Assert.Equal((string)email["messageId"]!, message.MessageId);
    }

    [Fact]
    public async Task Delivery_InterruptedAfterReservation_SentAgainWithSameMessageId_AndCounted()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = EmailHost.Start(smtp, Db);
        var handler = host.Services.GetServices<IOutboxHandler>().Single(h => h.Kind == EmailMessage.Kind);
        var db = host.Services.GetRequiredService<PlaybooksDb>();
        var now = host.Clock.GetUtcNow();
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(host.Client(), EmailHost.Account(account));
        var key = $"crash/{account}/1/email/c1";
        var message = new EmailMessage(account, "c1", new EmailAddress("dana@acme.example", "Dana"), null, Digital, "welcome", "Hi", null, "Hello");
        await using (var context = db.Create())
        {
            // A previous attempt reserved the send ('sending', Message-ID fixed) and the process died: whether the
            // server took the message is unknown.
            context.Emails.Add(new EmailRecord
            {
                Id = Guid.CreateVersion7(), DedupKey = key, StepId = "mail-1", AccountId = account, ContactId = "c1",
                RecipientAddress = "dana@acme.example", Category = Digital, Template = "welcome", Subject = "Hi", Text = "Hello",
                State = EmailStates.Sending, SentAt = now, MessageId = $"<{account}@test.example>", Attempts = 1, CreatedAt = now, UpdatedAt = now,
            });
            await context.SaveChangesAsync();
        }
        var delivery = new OutboxDelivery(Guid.NewGuid(), Guid.NewGuid(), "mail-1", key, message.ToJson(), 2);
        await handler.DeliverAsync(delivery, CancellationToken.None);
        await handler.DeliverAsync(delivery, CancellationToken.None); // already sent: not again

        var arrived = Assert.Single(smtp.Messages());
        Assert.Equal($"{account}@test.example", arrived.MessageId);
        var email = Assert.Single((await host.Client().GetJson($"/api/emails?accountId={account}"))["items"]!.AsArray())!;
        Assert.Equal("sent", (string)email["state"]!);
        Assert.Equal(1, (int)email["resends"]!);
        Assert.Contains("sent again with the same Message-ID", (string)email["reason"]!);
    }

    [Fact]
    public async Task SmtpRefusesTheMessage_5xx_FailsAtOnceWithIncident()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = EmailHost.Start(smtp, Db);
        var ops = host.Client();
        var account = EmailHost.Account(Samples.NewId("acct"));
        account["contacts"]![0]!["email"] = "reject-550@acme.example";
        var (instance, _) = await Run(ops, account, ("welcome", Digital));

        var email = await WaitForState(host, ops, instance, "failed");
        await host.Services.DrainPumpsAsync(); // the email row is saved before the pump records the outbox message
        Assert.Contains("550", (string)email["reason"]!);
        Assert.Equal(1, (int)email["attempts"]!);
        var detail = await Samples.Instance(ops, instance);
        Assert.Equal("failed", (string)detail["outbox"]![0]!["state"]!);
        Assert.Contains(detail["incidents"]!.AsArray(), i => ((string)i!["message"]!).Contains("could not be delivered"));
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task Publish_MissingTemplate_IsValidationErrorNamingStep_AndSimulationShowsRenderedEmail()
    {
        await using var host = EmailHost.Start(smtp: null, Db);
        var ops = host.Client();
        var bad = EmailHost.Playbook(Samples.NewId("pb"), ("nope", Digital));
        var problem = await (await ops.PostJson("/api/playbooks", bad)).Expect(400);
        Assert.Contains(problem["problems"]!.AsArray(), p => (string?)p!["stepId"] == "mail-1" && (string?)p["field"] == "template"
            && ((string)p["message"]!).Contains("email template 'nope' not found"));
        host.WriteTemplate("broken", "{{ account.name ", null, "x");
        var validation = await (await ops.PostJson("/api/playbooks/validate", EmailHost.Playbook(Samples.NewId("pb"), ("broken", Digital)))).Expect(200);
        Assert.False((bool)validation["valid"]!);
        Assert.Contains(validation["errors"]!.AsArray(), p => (string?)p!["stepId"] == "mail-1" && ((string)p["message"]!).Contains("broken.subject.liquid: template syntax error"));

        var account = EmailHost.Account(Samples.NewId("acct"));
        var simulation = await (await ops.PostJson($"/api/playbooks/{Samples.NewId("pb")}/simulate",
            new JsonObject { ["definition"] = EmailHost.Playbook("sim", ("welcome", Digital)), ["account"] = account })).Expect(200);
        var captured = simulation["timeline"]!.AsArray().Single(t => (string)t!["type"]! == "email")!;
        Assert.Equal($"Welcome to Acme {account["id"]}, Dana", (string)captured["detail"]!["subject"]!);
        Assert.Equal("dana@acme.example", (string)captured["detail"]!["to"]!["address"]!);
    }

    private static async Task<(Guid Instance, string Account)> Run(HttpClient ops, JsonObject account, params (string, string)[] emails)
    {
        var accountId = (string)account["id"]!;
        await Samples.CreateAccount(ops, account);
        var playbook = Samples.NewId("pb");
        await Samples.Publish(ops, EmailHost.Playbook(playbook, emails));
        return (await Samples.Enrol(ops, playbook, accountId), accountId);
    }

    /// <summary>
    /// Polls, nudging the virtual clock by 100 ms each time: the pumps sleep on the virtual clock between polls, so
    /// without a nudge a pump that went to sleep just after the test advanced the clock would never wake up.
    /// </summary>
    private static Func<Task<T>> Nudged<T>(EmailHost host, Func<Task<T>> probe) => async () =>
    {
        host.Clock.Advance(TimeSpan.FromMilliseconds(100));
        return await probe();
    };

    private static async Task<JsonNode> WaitForState(EmailHost host, HttpClient ops, Guid instance, string state)
    {
        var list = await Eventually.Get(Nudged(host, () => ops.GetJson($"/api/emails?instanceId={instance}")),
            l => States(l).Contains(state), $"an email of instance {instance} in state {state}");
        return list["items"]!.AsArray().First(e => (string)e!["state"]! == state)!;
    }

    private static List<string> States(JsonNode list) => list["items"]!.AsArray().Select(e => (string)e!["state"]!).ToList();
}

public sealed class EmailDeliveryTests_Sqlite : EmailDeliveryTests { protected override Db Db => Db.Sqlite; }
public sealed class EmailDeliveryTests_Postgres : EmailDeliveryTests { protected override Db Db => Db.Postgres; }
