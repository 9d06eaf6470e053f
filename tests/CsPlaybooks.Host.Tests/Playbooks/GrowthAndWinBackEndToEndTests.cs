using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Email;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Playbooks;

/// <summary>growth-monthly-report and win-back end to end through the API with real SMTP delivery.</summary>
public abstract class GrowthAndWinBackEndToEndTests(Db kind)
{
    [Fact]
    public async Task GrowthMonthlyReport_MonthlyTick_ReportEmailedToProjectLead_CheckInTask()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = ShippedPlaybookApp.NewHost(kind);
        await using var app = host.WithSmtp(smtp);
        var ops = app.Client();
        var account = Samples.Account("harbour-cafe", tier: "ordinary");
        account["name"] = "Harbour Cafe";
        account["stage"] = "growth";
        account["contacts"] = new JsonArray(new JsonObject { ["id"] = "pl", ["name"] = "Pat", ["email"] = "pat@harbour.example", ["role"] = "project-lead" });
        await Samples.CreateAccount(ops, account);
        await (await ops.PostJson("/api/accounts/harbour-cafe/usage", new object[]
        {
            new { date = "2026-02-10", activeUsers = 6, featuresUsed = new[] { "menu" } },
            new { date = "2026-02-11", activeUsers = 8, featuresUsed = new[] { "menu", "orders" } },
        })).Expect(200);

        var job = app.Services.GetRequiredService<ScheduledEnrolmentJob>();
        await job.EnrolMatchingAsync("growth-monthly-report", new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), CancellationToken.None);

        // The report and the success story (ordinary tier) are delivered in parallel: find the report by subject.
        var messages = await Eventually.Get(() => Task.FromResult(smtp.Messages()), m => m.Count == 2, "the report and the success story");
        var report = messages.Single(m => m.Subject == "Harbour Cafe: your February 2026 report");
        Assert.Equal("pat@harbour.example", report.To.Mailboxes.Single().Address);
        Assert.Contains("Active users: 7 a day on average", report.TextBody);
        Assert.Contains("Features used: 2 (menu, orders)", report.TextBody);
        Assert.Single(messages, m => m.Subject?.StartsWith("How teams like Harbour Cafe") == true);
        var tasks = await Eventually.Get(() => ops.GetJson("/api/tasks?account=harbour-cafe"), t => t["items"]!.AsArray().Count == 1, "the check-in task");
        Assert.Equal("Monthly call with Harbour Cafe's project lead", (string)tasks["items"]![0]!["title"]!);
    }

    [Fact]
    public async Task WinBack_AtRisk_CauseRecordedOnTask_RemedyAndOffer_Reactivated()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = ShippedPlaybookApp.NewHost(kind);
        await using var app = host.WithSmtp(smtp);
        var ops = app.Client();
        var account = Samples.Account("lakeside-spa");
        account["name"] = "Lakeside Spa";
        account["stage"] = "at-risk";
        await Samples.CreateAccount(ops, account);

        await (await ops.PostJson("/api/triggers/sweep", new { })).Expect(200);
        var ask = await Eventually.Get(() => ops.GetJson("/api/tasks?account=lakeside-spa"), t => t["items"]!.AsArray().Count == 1, "the task to record the cause");
        var askId = (string)ask["items"]![0]!["id"]!;
        Assert.Equal("Record why Lakeside Spa is at-risk", (string)ask["items"]![0]!["title"]!);

        await (await ops.PostJson($"/api/tasks/{askId}/complete", new { result = new { cause = "decision-maker-not-involved", note = "the owner never saw the rollout" } })).Expect(200);

        var offer = await Eventually.Get(() => Task.FromResult(smtp.Messages()), m => m.Count == 1, "the win-back offer");
        Assert.Equal("dana@example.com", offer[0].To.Mailboxes.Single().Address);
        Assert.Equal("Lakeside Spa: let us make it work for you", offer[0].Subject);
        var tasks = await Eventually.Get(() => ops.GetJson("/api/tasks?account=lakeside-spa&status=open"), t => t["items"]!.AsArray().Count == 1, "the remedy task");
        Assert.Equal("Set up an executives' meeting with Lakeside Spa and involve the decision-maker", (string)tasks["items"]![0]!["title"]!);
        Assert.Equal("cs-lead", (string)tasks["items"]![0]!["assignee"]!["role"]!);
        var withReason = await ops.GetJson("/api/accounts/lakeside-spa");
        Assert.Equal("decision-maker-not-involved", (string)withReason["reasons"]!["churn"]!["cause"]!);

        await (await ops.PostJson("/api/events", new { name = "account.reactivated", accountId = "lakeside-spa" })).Expect(202);
        var back = await ops.GetJson("/api/accounts/lakeside-spa");
        Assert.Equal("growth", (string)back["stage"]!);
        Assert.Equal("won back", (string)back["winBack"]!["outcome"]!);
    }
}

public sealed class GrowthAndWinBackEndToEndTests_Sqlite() : GrowthAndWinBackEndToEndTests(Db.Sqlite);
public sealed class GrowthAndWinBackEndToEndTests_Postgres() : GrowthAndWinBackEndToEndTests(Db.Postgres);
