using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Email;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Playbooks;

/// <summary>
/// The shipped novice-start playbook end to end for a micro account through the API with real SMTP, on the virtual
/// clock: welcome email to the project lead and key user, online configuration task, account.opened and
/// training.completed events, the core-feature nudge after two weeks, stage growth in month two.
/// </summary>
public abstract class NoviceStartEndToEndTests(Db kind)
{
    [Fact]
    public async Task Micro_OpenedAndTrained_WelcomeNudgeAndGrowthInMonthTwo()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = ShippedPlaybookApp.NewHost(kind);
        await using var app = host.WithSmtp(smtp);
        var ops = app.Client();
        var clock = host.Clock!;

        var account = Samples.Account("corner-salon", tier: "micro");
        account["name"] = "Corner Salon";
        account["contract"] = new JsonObject { ["start"] = "2026-03-02", ["end"] = "2027-03-02" };
        account["contacts"] = new JsonArray(
            new JsonObject { ["id"] = "pl", ["name"] = "Pat", ["email"] = "pat@salon.example", ["role"] = "project-lead" },
            new JsonObject { ["id"] = "ku", ["name"] = "Kim", ["email"] = "kim@salon.example", ["role"] = "key-user" });
        await Samples.CreateAccount(ops, account);
        var instance = await Samples.Enrol(ops, "novice-start", "corner-salon");

        var welcome = await Eventually.Get(() => Task.FromResult(smtp.Messages()), m => m.Count == 2, "the welcome emails");
        Assert.Equal(["kim@salon.example", "pat@salon.example"], welcome.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(welcome, m => Assert.StartsWith("Welcome to your first weeks", m.Subject));
        var tasks = await Eventually.Get(() => ops.GetJson("/api/tasks?account=corner-salon"), t => t["items"]!.AsArray().Count == 1, "the configuration task");
        Assert.Equal("Configure Corner Salon online", (string)tasks["items"]![0]!["title"]!);

        clock.Advance(TimeSpan.FromDays(3));
        await (await ops.PostJson("/api/events", new { name = "account.opened", accountId = "corner-salon" })).Expect(202);
        clock.Advance(TimeSpan.FromDays(11));
        var nudges = await Eventually.Get(() => Task.FromResult(smtp.Messages()), m => m.Count == 4, "the core-feature nudges after two weeks");
        Assert.All(nudges.Skip(2), m => Assert.Equal("Three things Corner Salon can do this week", m.Subject));
        Assert.All(nudges.Skip(2), m => Assert.True(m.Headers.Contains("List-Unsubscribe")));
        await (await ops.PostJson("/api/events", new { name = "training.completed", accountId = "corner-salon" })).Expect(202);

        clock.Advance(new DateTimeOffset(2026, 4, 2, 7, 1, 0, TimeSpan.Zero) - clock.GetUtcNow());
        var grown = await Eventually.Get(() => ops.GetJson("/api/accounts/corner-salon"), a => (string?)a["stage"] == "growth", "stage growth in month two");
        Assert.Equal("growth", (string)grown["stage"]!);
        var detail = await Samples.Instance(ops, instance);
        Assert.Equal("month-three", (string)detail["bookmarks"]![0]!["stepId"]!);
        Assert.DoesNotContain(Samples.Journal(detail), j => (string?)j["stepId"] is "warn-week" or "warn-month" or "retrain");
    }
}

public sealed class NoviceStartEndToEndTests_Sqlite() : NoviceStartEndToEndTests(Db.Sqlite);
public sealed class NoviceStartEndToEndTests_Postgres() : NoviceStartEndToEndTests(Db.Postgres);
