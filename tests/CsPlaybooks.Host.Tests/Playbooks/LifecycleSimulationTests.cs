using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;
using Xunit.Abstractions;

namespace CsPlaybooks.Host.Tests.Playbooks;

/// <summary>
/// The whole lifecycle: one account through all five shipped playbooks together on the virtual clock — handover starts
/// novice start, novice start's stage changes bring the growth report and win-back in, the contract date brings
/// pre-renewal — with emails through governance and tasks completed as scripted.
/// </summary>
public sealed class LifecycleSimulationTests(ShippedPlaybooksHost fixture, ITestOutputHelper output) : IClassFixture<ShippedPlaybooksHost>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero); // Monday 09:00 in Berlin
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1), Cest = TimeSpan.FromHours(2);
    private readonly HttpClient _ops = fixture.Host.Client();

    private static JsonObject Account(string tier) => new()
    {
        ["id"] = $"life-{tier}", ["name"] = tier == "KA" ? "Grand Hotels" : "Corner Salon", ["tier"] = tier, ["isNew"] = true,
        ["industry"] = tier == "KA" ? "tourism" : "beauty", ["timeZone"] = "Europe/Berlin", ["stage"] = "signing", ["seats"] = 20,
        ["contract"] = new JsonObject { ["start"] = "2026-03-02", ["end"] = "2027-03-02" },
        ["csm"] = new JsonObject { ["id"] = "csm-1", ["name"] = "Casey Chen", ["email"] = "casey@vendor.example" },
        ["health"] = new JsonObject { ["score"] = 80, ["band"] = "green" },
        ["contacts"] = new JsonArray(
            new JsonObject { ["id"] = "dm", ["name"] = "Dana Decider", ["email"] = "dana@customer.example", ["role"] = "decision-maker" },
            new JsonObject { ["id"] = "pl", ["name"] = "Pat Lead", ["email"] = "pat@customer.example", ["role"] = "project-lead" },
            new JsonObject { ["id"] = "ku", ["name"] = "Kim User", ["email"] = "kim@customer.example", ["role"] = "key-user" }),
        ["handover"] = new JsonObject { ["situation"] = "bookings in spreadsheets", ["problems"] = new JsonArray("double bookings"), ["implementationPlan"] = "pilot one branch, then all" },
    };

    private sealed record Entry(DateTimeOffset At, string Playbook, string Type, string? Step, JsonNode Json);

    private async Task<(List<Entry> Timeline, JsonNode Result)> Lifecycle(object body)
    {
        var result = await (await _ops.PostJson("/api/simulations/lifecycle", body)).Expect(200);
        var entries = result["timeline"]!.AsArray().Select(t => new Entry(DateTimeOffset.Parse((string)t!["at"]!), (string?)t["playbook"] ?? "", (string)t["type"]!, (string?)t["stepId"], t)).ToList();
        foreach (var e in entries) output.WriteLine($"{e.At:yyyy-MM-dd HH:mm zzz} {e.Playbook,-22} {e.Type,-22} {e.Step,-22} {(string)e.Json["summary"]!}");
        // Every entry of a run names its playbook; only account-level entries (scripted changes, usage, unheard events) have none.
        Assert.All(entries.Where(e => e.Json["enrolment"] is not null), e => Assert.NotEqual("", e.Playbook));
        return (entries, result);
    }

    /// <summary>When each milestone first happened: (playbook, entry type, step) → time.</summary>
    private static List<(DateTimeOffset, string)> Milestones(List<Entry> timeline, params (string Playbook, string Type, string? Step)[] milestones) =>
        milestones.Select(m => (timeline.First(e => e.Playbook == m.Playbook && e.Type == m.Type && (m.Step is null || e.Step == m.Step)).At, $"{m.Playbook} {m.Type} {m.Step}")).ToList();

    private static List<DateTimeOffset> Enrolments(JsonNode result, string playbook) =>
        result["enrolments"]!.AsArray().Where(e => (string)e!["playbook"]! == playbook).Select(e => DateTimeOffset.Parse((string)e!["at"]!)).ToList();

    private static DateTimeOffset Utc(int y, int m, int d, int h) => new(y, m, d, h, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Lifecycle_KeyAccount_HandoverNoviceGrowthPreRenewalWinBack_InDatedSequence()
    {
        var (timeline, result) = await Lifecycle(new
        {
            account = Account("KA"), start = Start, until = new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero),
            events = new object[]
            {
                new { at = Start, name = "account.signed" },
                new { at = Start.AddDays(3), name = "account.opened" },
                new { at = Start.AddDays(20), name = "training.completed" },
            },
            taskCompletions = new object[]
            {
                new { playbook = "pre-renewal", step = "ask-why", after = "P1D", result = new { cause = "no-incentive", note = "budget cut" } },
                new { playbook = "win-back", step = "ask-cause", after = "P2D", result = new { cause = "management-changed" } },
            },
        });

        Assert.Equal(
        [
            (Start, "handover trigger.enrolled "),
            (Start, "handover email.sent intro"),                         // csm.assigned came from assignCsm keeping the account's CSM
            (Start, "novice-start trigger.enrolled "),                    // handover's startPlaybook
            (Start, "novice-start task.created ka-pilot"),
            (Utc(2026, 4, 2, 7), "novice-start step.completed growth"),  // month two, 09:00 Berlin: stage → growth
            (Utc(2026, 5, 1, 8), "growth-monthly-report trigger.enrolled "), // the first schedule tick that sees stage growth
            (Utc(2026, 6, 2, 7), "novice-start instance.completed done"),
            (Utc(2026, 11, 2, 6), "pre-renewal trigger.enrolled "),      // one third of the term left, at the sweep
            (Utc(2026, 11, 2, 6), "pre-renewal email.deferred offer-email"), // 07:00 Berlin is quiet hours
            (Utc(2026, 11, 2, 8), "pre-renewal email.sent offer-email"),
            (Utc(2027, 3, 3, 8), "pre-renewal step.completed churned"),  // not renewed; the CSM recorded why a day later
            (Utc(2027, 3, 4, 6), "win-back trigger.enrolled "),          // churned enters win-back's segment at the next sweep
            (Utc(2027, 3, 6, 6), "win-back step.completed remedy-management-changed"),
            (Utc(2027, 3, 8, 8), "win-back email.sent offer"),           // Saturday deferred to Monday 09:00 Berlin
        ], Milestones(timeline,
            ("handover", "trigger.enrolled", null), ("handover", "email.sent", "intro"), ("novice-start", "trigger.enrolled", null),
            ("novice-start", "task.created", "ka-pilot"), ("novice-start", "step.completed", "growth"), ("growth-monthly-report", "trigger.enrolled", null),
            ("novice-start", "instance.completed", "done"), ("pre-renewal", "trigger.enrolled", null), ("pre-renewal", "email.deferred", "offer-email"),
            ("pre-renewal", "email.sent", "offer-email"), ("pre-renewal", "step.completed", "churned"), ("win-back", "trigger.enrolled", null),
            ("win-back", "step.completed", "remedy-management-changed"), ("win-back", "email.sent", "offer")));

        // A monthly report on the 1st while the stage is growth: May to November; from 2 November the stage is renewal, then churned.
        Assert.Equal(Enumerable.Range(5, 7).Select(m => Utc(2026, m, 1, 8)), Enrolments(result, "growth-monthly-report"));
        Assert.Equal([Start], Enrolments(result, "handover"));
        Assert.Equal([Start], Enrolments(result, "novice-start"));
        Assert.Equal("churned", (string)result["account"]!["stage"]!);
    }

    [Fact]
    public async Task Lifecycle_Micro_UsageTurnsHealthRed_AtRiskBringsWinBack()
    {
        var usage = Enumerable.Range(0, 20).Select(d => new { date = new DateOnly(2026, 5, 4).AddDays(d).ToString("yyyy-MM-dd"), activeUsers = 1, featuresUsed = new[] { "bookings" } });
        var (timeline, result) = await Lifecycle(new
        {
            account = Account("micro"), start = Start, until = new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero),
            events = new object[] { new { at = Start, name = "account.signed" }, new { at = Start.AddDays(2), name = "account.opened" }, new { at = Start.AddDays(10), name = "training.completed" } },
            usage,
            taskCompletions = new object[] { new { playbook = "win-back", step = "ask-cause", after = "P1D", result = new { cause = "unclear-usage-guidance" } } },
        });

        Assert.Equal(
        [
            (Start, "handover trigger.enrolled "),
            (Start, "novice-start trigger.enrolled "),
            (Start, "novice-start email.sent welcome"),
            (Utc(2026, 3, 16, 8), "novice-start email.sent core-features"),   // digital touch after 14 days
            (Utc(2026, 4, 2, 7), "novice-start step.completed growth"),
            (Utc(2026, 5, 1, 8), "growth-monthly-report email.sent success-story"),
            (Utc(2026, 6, 2, 7), "novice-start step.completed at-risk"),      // health red by month three
            (Utc(2026, 6, 3, 6), "win-back trigger.enrolled "),               // at-risk enters win-back's segment
            (Utc(2026, 6, 4, 6), "win-back task.created remedy-unclear-usage-guidance"),
            (Utc(2026, 11, 2, 6), "pre-renewal trigger.enrolled "),
        ], Milestones(timeline,
            ("handover", "trigger.enrolled", null), ("novice-start", "trigger.enrolled", null), ("novice-start", "email.sent", "welcome"),
            ("novice-start", "email.sent", "core-features"), ("novice-start", "step.completed", "growth"), ("growth-monthly-report", "email.sent", "success-story"),
            ("novice-start", "step.completed", "at-risk"), ("win-back", "trigger.enrolled", null), ("win-back", "task.created", "remedy-unclear-usage-guidance"),
            ("pre-renewal", "trigger.enrolled", null)));

        // The usage facts went through the health calculator: 1 active user of 20 seats is red, and the band change was raised.
        var scored = timeline.First(e => e.Type == "usage.recorded");
        Assert.Equal("red", (string)scored.Json["detail"]!["band"]!);
        Assert.Contains(timeline, e => e.Type == "event.ignored" && ((string)e.Json["summary"]!).StartsWith("health.changed"));
        // No micro KA work: no kick-off, no pilot; reports only while in growth (May, June).
        Assert.DoesNotContain(timeline, e => e.Step is "kickoff" or "ka-pilot");
        Assert.Equal([Utc(2026, 5, 1, 8), Utc(2026, 6, 1, 8)], Enrolments(result, "growth-monthly-report"));
    }

    /// <summary>A draft that sends two digital-touch emails to the decision-maker when 'promo.go' arrives.</summary>
    private static JsonObject TwoTouches(string id) => JsonNode.Parse($$"""
        {
          "id": "{{id}}", "name": "Two touches", "trigger": { "type": "event", "event": "promo.go" },
          "steps": [
            { "id": "first", "type": "sendEmail", "template": "success-story", "to": ["decision-maker"], "category": "digital-touch" },
            { "id": "second", "type": "sendEmail", "template": "core-features", "to": ["decision-maker"], "category": "digital-touch" }
          ],
          "connections": [ { "from": "first", "to": "second" } ]
        }
        """)!.AsObject();

    [Fact]
    public async Task Lifecycle_FrequencyCapAcrossPlaybooks_DefersTheFourthDigitalTouchOfTheWeek()
    {
        var (a, b) = ($"cap-a-{Guid.NewGuid():N}"[..16], $"cap-b-{Guid.NewGuid():N}"[..16]);
        await (await _ops.PostJson("/api/playbooks", TwoTouches(a))).Expect(201);
        await (await _ops.PostJson("/api/playbooks", TwoTouches(b))).Expect(201);
        var go = new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero); // Tuesday 10:00 Berlin
        var (timeline, _) = await Lifecycle(new
        {
            playbooks = new object[] { new { id = a, version = "draft" }, new { id = b, version = "draft" } },
            account = Account("micro"), start = Start, until = Start.AddDays(30),
            events = new[] { new { at = go, name = "promo.go" } },
        });

        var sent = timeline.Where(e => e.Type == "email.sent").Select(e => (e.At, e.Playbook)).ToList();
        Assert.Equal([(go, a), (go, a), (go, b), (go.AddDays(7), b)], sent);
        var deferred = Assert.Single(timeline, e => e.Type == "email.deferred");
        Assert.Equal(b, deferred.Playbook);
        Assert.Contains("frequency cap: 3 digital-touch emails to dana@customer.example within 7 days", (string)deferred.Json["summary"]!);
    }

    [Fact]
    public async Task Lifecycle_BadInput_Returns400NamingTheFields()
    {
        var problem = await (await _ops.PostJson("/api/simulations/lifecycle", new
        {
            playbooks = new object[] { "handover", 7 },
            usage = new[] { new { date = "yesterday" } },
            taskCompletions = new[] { new { step = "ask-cause", after = "soon" } },
        })).Expect(400);
        var fields = problem["problems"]!.AsArray().Select(p => (string?)p!["field"]).ToList();
        Assert.Contains("playbooks", fields);
        Assert.Contains("usage[0].date", fields);
        Assert.Contains("taskCompletions[0].after", fields);
        await (await _ops.PostJson("/api/simulations/lifecycle", new { playbooks = new[] { "no-such-playbook" } })).Expect(404);
    }
}
