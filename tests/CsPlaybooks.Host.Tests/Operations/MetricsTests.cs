using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Email;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Success.Email;

namespace CsPlaybooks.Host.Tests.Operations;

/// <summary>
/// Metrics are read per process, and the backlog gauges of every host alive in the process share their names: these
/// tests run alone, so what they scrape is their own host's.
/// </summary>
[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>/metrics scraped anonymously from the real host after real work: bursts, a timer, an email sent through a real SMTP server.</summary>
[Collection(nameof(MetricsCollection))]
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_AfterBurstsATimerAndAnEmail_NamedSeriesMove()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = EmailHost.Start(smtp, Db.Sqlite);
        var ops = host.Client();
        var anonymous = host.Client(key: null);
        var before = await PrometheusText.ScrapeAsync(anonymous);
        var playbook = Samples.NewId("pb");
        var account = EmailHost.Account(Samples.NewId("acct"));
        await Samples.CreateAccount(ops, account);
        await Samples.Publish(ops, MailThenWait(playbook));

        var instance = await Samples.Enrol(ops, playbook, (string)account["id"]!);
        await host.Services.DrainPumpsAsync();
        Assert.Equal("sent", (string)(await ops.GetJson($"/api/emails?instanceId={instance}"))["items"]![0]!["state"]!);
        host.Clock.Advance(TimeSpan.FromHours(1));
        await host.Services.DrainPumpsAsync();
        Assert.Equal("completed", (string)(await Samples.Instance(ops, instance))["status"]!);

        var after = await PrometheusText.ScrapeAsync(anonymous);
        var pb = $"playbook={playbook}";
        Assert.False(before.Has("csplaybooks_bursts_total", pb));
        Assert.Equal(2, after.Sum("csplaybooks_bursts_total", pb)); // the enrolment and the timer
        Assert.Equal(2, after.Sum("csplaybooks_burst_duration_seconds_count", pb));
        Assert.True(after.Sum("csplaybooks_burst_duration_seconds_sum", pb) > 0);
        Assert.Equal(1, after.Sum("csplaybooks_timer_lateness_seconds_count") - before.Sum("csplaybooks_timer_lateness_seconds_count"));
        Assert.Equal(1, after.Sum("csplaybooks_emails_total", "outcome=sent") - before.Sum("csplaybooks_emails_total", "outcome=sent"));
        Assert.Equal(1, after.Sum("csplaybooks_outbox_deliveries_total", "kind=email", "outcome=sent")
            - before.Sum("csplaybooks_outbox_deliveries_total", "kind=email", "outcome=sent"));
        Assert.True(after.Has("csplaybooks_timers_due"), "the backlog gauges are exported");
        Assert.Equal(0, after.Sum("csplaybooks_timers_due"));
        Assert.True(after.Has("http_server_request_duration_seconds_count"), "ASP.NET Core's own metrics are exported");
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task Metrics_MetricsPortConfigured_NotServedOnTheApiPort()
    {
        await using var host = new TestHost(TestDatabase.Create(Db.Sqlite), settings: new Dictionary<string, string> { ["Observability:MetricsPort"] = "9464" });
        var response = await host.CreateClient().GetAsync("/metrics");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>sendEmail (operational: no quiet hours) → wait one hour → end.</summary>
    private static JsonObject MailThenWait(string id) => new()
    {
        ["id"] = id, ["name"] = "Metrics " + id, ["trigger"] = new JsonObject { ["type"] = "manual" },
        ["steps"] = new JsonArray(
            new JsonObject { ["id"] = "mail", ["type"] = "sendEmail", ["template"] = "welcome", ["to"] = new JsonArray("decision-maker"), ["category"] = EmailCategories.Operational },
            new JsonObject { ["id"] = "pause", ["type"] = "wait", ["duration"] = "PT1H" },
            new JsonObject { ["id"] = "done", ["type"] = "end" }),
        ["connections"] = new JsonArray(
            new JsonObject { ["from"] = "mail", ["to"] = "pause" },
            new JsonObject { ["from"] = "pause", ["to"] = "done" }),
    };
}
