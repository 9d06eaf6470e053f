using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Email;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Timers;
using CsPlaybooks.Success.Email;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Operations;

/// <summary>/health/ready reports Degraded when work waits longer than Observability:BacklogDegradedAfter, on the virtual clock.</summary>
[Collection(nameof(MetricsCollection))]
public sealed class ReadinessTests
{
    private static readonly TimeSpan Threshold = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Ready_TimerHeldByADeadNode_DegradedPastTheThreshold_HealthyOnceItFires()
    {
        await using var host = new TestHost(TestDatabase.Create(Db.Postgres), TestHost.NewClock(),
            settings: new Dictionary<string, string> { ["Observability:BacklogDegradedAfter"] = "00:10:00" });
        var ops = host.Client();
        var anonymous = host.CreateClient();
        var account = Samples.NewId("acct");
        var playbook = Samples.NewId("pb");
        await Samples.CreateAccount(ops, Samples.Account(account));
        await Samples.Publish(ops, Samples.Onboarding(playbook, wait: "PT1H"));
        var instance = await Samples.Enrol(ops, playbook, account);
        Assert.Equal("Healthy", await Ready(anonymous));

        // A node claims the timer when it falls due and dies holding the lease: nobody fires it until the lease ends.
        var dueAt = host.Clock!.GetUtcNow().AddHours(1);
        var claimed = await host.Services.GetRequiredService<RowClaimer>().ClaimAsync("bookmarks", "due_at", null, "dead-node", dueAt, TimeSpan.FromHours(1), 10, default);
        Assert.Single(claimed);
        host.Clock!.Advance(TimeSpan.FromHours(1) + Threshold - TimeSpan.FromMinutes(1));
        await host.DrainAsync();
        Assert.Equal("Healthy", await Ready(anonymous));

        host.Clock!.Advance(TimeSpan.FromMinutes(2));
        await host.DrainAsync();
        Assert.Equal("Degraded", await Ready(anonymous));
        var metrics = await PrometheusText.ScrapeAsync(anonymous);
        Assert.Equal(1, metrics.Sum("csplaybooks_timers_due"));
        Assert.Equal((Threshold + TimeSpan.FromMinutes(1)).TotalSeconds, metrics.Sum("csplaybooks_timers_lag_seconds"));
        Assert.Equal("settle", (string)(await Samples.Instance(ops, instance))["bookmarks"]![0]!["stepId"]!);

        host.Clock!.Advance(TimeSpan.FromHours(1)); // the dead node's lease has ended: the timer is taken over and fires
        await host.DrainAsync();
        Assert.Equal("Healthy", await Ready(anonymous));
        Assert.Equal(0, (await PrometheusText.ScrapeAsync(anonymous)).Sum("csplaybooks_timers_due"));
        Assert.Equal("wait-opened", (string)(await Samples.Instance(ops, instance))["bookmarks"]![0]!["stepId"]!);
    }

    [Fact]
    public async Task Ready_SmtpDown_DegradedOnceTheEmailHasFailedLongerThanTheThreshold_HealthyWhenSent()
    {
        await using var smtp = new SmtpTestServer(); // port reserved, server not running
        await using var host = EmailHost.Start(smtp, Db.Sqlite, ("Observability:BacklogDegradedAfter", "00:10:00"), ("Outbox:MaxBackoff", "00:02:00"));
        var ops = host.Client();
        var anonymous = host.Client(key: null);
        var account = EmailHost.Account(Samples.NewId("acct"));
        await Samples.CreateAccount(ops, account);
        var playbook = Samples.NewId("pb");
        await Samples.Publish(ops, EmailHost.Playbook(playbook, ("welcome", EmailCategories.Operational)));
        await Samples.Enrol(ops, playbook, (string)account["id"]!);
        await host.Services.DrainPumpsAsync();
        Assert.Equal("Healthy", await Ready(anonymous));

        for (var minute = 0; minute < 9; minute++)
        {
            host.Clock!.Advance(TimeSpan.FromMinutes(1));
            await host.Services.DrainPumpsAsync();
        }
        Assert.Equal("Healthy", await Ready(anonymous));
        host.Clock!.Advance(TimeSpan.FromMinutes(2));
        await host.Services.DrainPumpsAsync();
        Assert.Equal("Degraded", await Ready(anonymous));
        var metrics = await PrometheusText.ScrapeAsync(anonymous);
        Assert.Equal(1, metrics.Sum("csplaybooks_outbox_depth", "kind=email"));
        Assert.True(metrics.Sum("csplaybooks_outbox_lag_seconds", "kind=email") > Threshold.TotalSeconds);
        Assert.True(metrics.Sum("csplaybooks_outbox_oldest_age_seconds", "kind=email") > Threshold.TotalSeconds);
        Assert.True(metrics.Sum("csplaybooks_emails_total", "outcome=retry") >= 3);
        Assert.True(metrics.Sum("csplaybooks_outbox_deliveries_total", "kind=email", "outcome=retry") >= 3);

        await smtp.StartAsync();
        host.Clock!.Advance(TimeSpan.FromMinutes(3)); // past the longest back-off
        await host.Services.DrainPumpsAsync();
        Assert.Single(smtp.Messages());
        Assert.Equal("Healthy", await Ready(anonymous));
        Assert.Equal(0, (await PrometheusText.ScrapeAsync(anonymous)).Sum("csplaybooks_outbox_depth", "kind=email"));
    }

    private static async Task<string> Ready(HttpClient client) => await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync();
}
