using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Playbooks;

/// <summary>The host with the repository's workflows/ folder: the shipped playbooks load and publish.</summary>
public sealed class ShippedPlaybooksHost : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Host = new TestHost(TestDatabase.Create(Db.Sqlite), workflowsDirectory: Path.Combine(RepositoryRoot(), "workflows"));
        _ = Host.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CsPlaybooks.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CsPlaybooks.sln not found");
    }
}

/// <summary>Timelines of the shipped playbooks for a key account and a micro account, on the simulation's virtual clock.</summary>
public sealed class ShippedPlaybookTests(ShippedPlaybooksHost fixture) : IClassFixture<ShippedPlaybooksHost>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly HttpClient _ops = fixture.Host.Client();

    private static JsonObject Account(string tier, bool completePacket = true) => new()
    {
        ["id"] = $"sim-{tier}", ["name"] = tier == "KA" ? "Grand Hotels" : "Corner Salon", ["tier"] = tier, ["isNew"] = true,
        ["industry"] = tier == "KA" ? "tourism" : "beauty", ["timeZone"] = "Europe/Berlin",
        ["contract"] = new JsonObject { ["start"] = "2026-03-02", ["end"] = "2027-03-02" },
        ["csm"] = new JsonObject { ["id"] = "csm-1", ["name"] = "Casey Chen", ["email"] = "casey@vendor.example" },
        ["contacts"] = new JsonArray(
            new JsonObject { ["id"] = "dm", ["name"] = "Dana Decider", ["email"] = "dana@customer.example", ["role"] = "decision-maker" },
            new JsonObject { ["id"] = "pl", ["name"] = "Pat Lead", ["email"] = "pat@customer.example", ["role"] = "project-lead" },
            new JsonObject { ["id"] = "ku", ["name"] = "Kim User", ["email"] = "kim@customer.example", ["role"] = "key-user" }),
        ["handover"] = completePacket
            ? new JsonObject { ["situation"] = "bookings in spreadsheets", ["problems"] = new JsonArray("double bookings"), ["implementationPlan"] = "pilot one branch, then all" }
            : new JsonObject { ["situation"] = "bookings in spreadsheets" },
    };

    private async Task<JsonArray> Simulate(string playbook, JsonObject account, int days, params object[] events)
    {
        var result = await (await _ops.PostJson($"/api/playbooks/{playbook}/simulate", new
        {
            version = 1, account, start = Start, until = Start.AddDays(days), events,
        })).Expect(200);
        return result["timeline"]!.AsArray();
    }

    private static List<JsonNode> OfType(JsonArray timeline, string type) => timeline.Where(t => (string)t!["type"]! == type).Select(t => t!).ToList();

    [Fact]
    public async Task ShippedPlaybooks_LoadAndArePublished()
    {
        var playbooks = (await _ops.GetJson("/api/playbooks")).AsArray().Select(p => (string)p!["id"]!).ToList();
        Assert.Contains("handover", playbooks);
        Assert.Contains("novice-start", playbooks);
        Assert.Contains("win-back", playbooks);
        Assert.Contains("pre-renewal", playbooks);
        Assert.Contains("growth-monthly-report", playbooks);
    }

    /// <summary>handover's trigger: the account is enrolled when it is signed.</summary>
    private static readonly object Signed = new { at = Start, name = "account.signed" };

    [Fact]
    public async Task Handover_KeyAccount_IntroFromCsmToDecisionMaker_KickoffTask_ThenNoviceStart()
    {
        var timeline = await Simulate("handover", Account("KA"), 10, Signed, new { at = Start.AddHours(1), name = "csm.assigned" });

        Assert.Single(OfType(timeline, "assignCsm"));
        var email = Assert.Single(OfType(timeline, "email"));
        Assert.Equal("dana@customer.example", (string)email["detail"]!["to"]!["address"]!);
        Assert.Equal("casey@vendor.example", (string)email["detail"]!["from"]!["address"]!);
        Assert.Equal("Casey Chen will look after Grand Hotels", (string)email["detail"]!["subject"]!);
        Assert.Equal(Start.AddHours(1), DateTimeOffset.Parse((string)email["at"]!));
        var kickoff = Assert.Single(OfType(timeline, "task"));
        Assert.Equal("csm", (string)kickoff["detail"]!["assignee"]!);
        Assert.Equal("Hold the kick-off meeting with Grand Hotels", (string)kickoff["detail"]!["title"]!);
        Assert.Equal(Start.AddHours(1).AddDays(7), DateTimeOffset.Parse((string)kickoff["detail"]!["dueAt"]!));
        Assert.Contains(timeline, t => (string?)t!["stepId"] == "onboarding" && ((string)t["summary"]!).Contains("→ onboarding"));
        Assert.Equal("novice-start", (string)Assert.Single(OfType(timeline, "startPlaybook"))["detail"]!["playbookId"]!);
        Assert.Contains(timeline, t => (string?)t!["stepId"] == "classify" && ((string)t["summary"]!).Contains("new KA in tourism"));
    }

    [Fact]
    public async Task Handover_Micro_NoKickoff_AndIncompletePacketGoesToSales()
    {
        var micro = await Simulate("handover", Account("micro"), 10, Signed, new { at = Start.AddHours(1), name = "csm.assigned" });
        Assert.Empty(OfType(micro, "task"));
        Assert.Single(OfType(micro, "email"));

        var incomplete = await Simulate("handover", Account("micro", completePacket: false), 2, Signed);
        var ask = Assert.Single(OfType(incomplete, "task"));
        Assert.Equal("sales", (string)ask["detail"]!["assignee"]!);
        Assert.Contains("the problems to solve", (string)ask["detail"]!["description"]!);
        Assert.Contains("the implementation plan", (string)ask["detail"]!["description"]!);
        Assert.DoesNotContain("key users", (string)ask["detail"]!["description"]!);
        Assert.Empty(OfType(incomplete, "assignCsm"));
    }

    [Fact]
    public async Task NoviceStart_KeyAccount_OnTrack_ConfigureAndPilot_GrowthInMonthTwo()
    {
        var account = Account("KA");
        account["health"] = new JsonObject { ["band"] = "green", ["score"] = 82 };
        var timeline = await Simulate("novice-start", account, 100,
            new { at = Start.AddDays(3), name = "account.opened" }, new { at = Start.AddDays(20), name = "training.completed" });

        var tasks = OfType(timeline, "task").Select(t => (string)t["detail"]!["title"]!).ToList();
        Assert.Equal(["Configure and test the system for Grand Hotels", "Pilot Grand Hotels in one department or branch"], tasks);
        Assert.Empty(OfType(timeline, "email"));
        var growth = timeline.Single(t => (string?)t!["stepId"] == "growth" && (string)t["type"]! == "step.completed")!;
        Assert.Equal(new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.FromHours(2)), DateTimeOffset.Parse((string)growth["at"]!));
        Assert.Contains(timeline, t => (string)t!["type"]! == "instance.completed" && (string)t["summary"]! == "novice period complete");
    }

    [Fact]
    public async Task NoviceStart_Micro_NeverOpened_WarningsAtWeekAndMonth_NudgeEmail_AtRiskInMonthThree()
    {
        var timeline = await Simulate("novice-start", Account("micro"), 100);

        var emails = OfType(timeline, "email");
        Assert.Equal(["pat@customer.example", "kim@customer.example"], emails.Take(2).Select(e => (string)e["detail"]!["to"]!["address"]!));
        Assert.All(emails.Take(2), e => Assert.Equal(Start, DateTimeOffset.Parse((string)e["at"]!)));
        var nudges = emails.Where(e => (string)e["detail"]!["template"]! == "core-features").ToList();
        Assert.Equal(2, nudges.Count);
        Assert.All(nudges, n => Assert.Equal(Start.AddDays(14), DateTimeOffset.Parse((string)n["at"]!)));
        Assert.All(nudges, n => Assert.Equal("digital-touch", (string)n["detail"]!["category"]!));

        var tasks = OfType(timeline, "task").ToDictionary(t => (string)t["stepId"]!, t => DateTimeOffset.Parse((string)t["at"]!));
        Assert.Equal(Start.AddDays(7), tasks["warn-week"]);
        // week 1 ends 2026-03-09 09:00 Berlin; P23D later on the calendar is 2026-04-01 09:00, now summer time (+02:00)
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(2)), tasks["warn-month"]);
        Assert.True(tasks.ContainsKey("retrain"));
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 9, 0, 0, TimeSpan.FromHours(2)), tasks["investigate"]);
        Assert.Contains(timeline, t => (string?)t!["stepId"] == "at-risk" && ((string)t["summary"]!).Contains("→ at-risk"));
    }

    /// <summary>In a simulation the instance id is empty, so task keys are predictable: {32 zeros}/{step}/{path}.</summary>
    private static object CauseRecorded(int hours, string cause) => new
    {
        at = Start.AddHours(hours), name = "task.completed",
        data = new { taskKey = "00000000000000000000000000000000/ask-cause/1", result = new { cause, note = "told us on the phone" } },
    };

    [Fact]
    public async Task WinBack_KeyAccount_ManagementChanged_RemedyOfferAndWonBack()
    {
        var account = Account("KA");
        account["stage"] = "at-risk";
        var timeline = await Simulate("win-back", account, 90, CauseRecorded(24, "management-changed"),
            new { at = Start.AddDays(20), name = "account.reactivated" });

        var tasks = OfType(timeline, "task");
        Assert.Equal("Record why Grand Hotels is at-risk", (string)tasks[0]["detail"]!["title"]!);
        Assert.Equal("Engage Grand Hotels's new management: report on the work and results so far", (string)tasks[1]["detail"]!["title"]!);
        Assert.Equal(2, tasks.Count);
        Assert.Contains(timeline, t => (string?)t!["stepId"] == "record" && (string)t["summary"]! == "churn reason: management-changed");
        var offer = Assert.Single(OfType(timeline, "email"));
        Assert.Equal("dana@customer.example", (string)offer["detail"]!["to"]!["address"]!);
        Assert.Equal(Start.AddHours(24), DateTimeOffset.Parse((string)offer["at"]!));
        Assert.Contains(timeline, t => (string?)t!["stepId"] == "growth" && ((string)t["summary"]!).Contains("→ growth"));
    }

    [Fact]
    public async Task WinBack_Micro_UnclearGuidance_RetrainingThenLostAfterSixtyDays()
    {
        var account = Account("micro");
        account["stage"] = "churned";
        // Enrolled by the segment trigger at the next sweep (3 March 06:00 UTC); the cause is recorded four hours later.
        var timeline = await Simulate("win-back", account, 120, CauseRecorded(26, "unclear-usage-guidance"));

        Assert.Equal("Re-train Corner Salon and improve the usage guidance", (string)OfType(timeline, "task")[1]["detail"]!["title"]!);
        var lost = timeline.Single(t => (string?)t!["stepId"] == "lost" && (string)t["type"]! == "step.completed")!;
        // offer at 11:00 Berlin (CET) on 3 March; P60D later on the calendar is 2 May 11:00, now CEST
        Assert.Equal(new DateTimeOffset(2026, 5, 2, 11, 0, 0, TimeSpan.FromHours(2)), DateTimeOffset.Parse((string)lost["at"]!));
        Assert.Contains(timeline, t => (string?)t!["stepId"] == "churned" && ((string)t["summary"]!).Contains("stage already churned"));
    }

    [Fact]
    public async Task WinBack_CauseNeverRecorded_RemindsThenTellsTheLeadThenStops_OneTaskAYear()
    {
        var account = Account("KA");
        account["stage"] = "at-risk";
        var timeline = await Simulate("win-back", account, 365);

        var enrolled = DateTimeOffset.Parse((string)Assert.Single(OfType(timeline, "trigger.enrolled"))["at"]!);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero), enrolled); // the first sweep after the start
        Assert.Equal("ask-cause", (string)Assert.Single(OfType(timeline, "task"))["stepId"]!);
        var notes = OfType(timeline, "notify").Select(n => ((string)n["detail"]!["to"]!, DateTimeOffset.Parse((string)n["at"]!))).ToList();
        Assert.Equal([("csm", enrolled.AddDays(5)), ("cs-lead", enrolled.AddDays(10))], notes);
        var stopped = Assert.Single(OfType(timeline, "instance.completed"));
        Assert.Equal("no-cause", (string)stopped["stepId"]!);
        Assert.Equal(enrolled.AddDays(20), DateTimeOffset.Parse((string)stopped["at"]!));
    }

    [Fact]
    public async Task WinBack_CauseRecordedAfterTheReminder_RecoveryPlanStarts()
    {
        var account = Account("micro");
        account["stage"] = "at-risk";
        var timeline = await Simulate("win-back", account, 60, CauseRecorded(24 * 8, "no-incentive"));

        Assert.Equal(["csm"], OfType(timeline, "notify").Select(n => (string)n["detail"]!["to"]!));
        Assert.Contains(timeline, t => (string?)t!["stepId"] == "record" && (string)t["summary"]! == "churn reason: no-incentive");
        Assert.Equal("remedy-no-incentive", (string)OfType(timeline, "task")[1]["stepId"]!);
    }

    private static JsonObject RenewalAccount(string tier, double health, double? criterionCurrent)
    {
        var account = Account(tier);
        account["stage"] = "growth";
        account["contract"] = new JsonObject { ["start"] = "2025-07-01", ["end"] = "2026-07-01" };
        account["health"] = new JsonObject
        {
            ["score"] = health, ["band"] = health >= 75 ? "green" : health >= 50 ? "yellow" : "red",
            ["indicators"] = new JsonArray(new JsonObject { ["name"] = "activity", ["score"] = health, ["explanation"] = "test" }),
        };
        if (criterionCurrent is { } current)
            account["successCriteria"] = new JsonArray(new JsonObject { ["metric"] = "bookings per week", ["baseline"] = 100, ["target"] = 200, ["current"] = current });
        return account;
    }

    [Fact]
    public async Task PreRenewal_HealthyKeyAccount_EarlyOffer_RenewedRecordsReason()
    {
        var timeline = await Simulate("pre-renewal", RenewalAccount("KA", 90, 190), 150,
            new { at = Start.AddDays(30), name = "contract.renewed", data = new { reason = "value delivered" } });

        Assert.Contains(timeline, t => (string?)t!["stepId"] == "assess" && (string)t["type"]! == "step.completed" && (string)t["detail"]!["outcome"]! == "high");
        var task = Assert.Single(OfType(timeline, "task"));
        Assert.Equal("Offer Grand Hotels an early renewal", (string)task["detail"]!["title"]!);
        Assert.Equal("renewal-offer", (string)Assert.Single(OfType(timeline, "email"))["detail"]!["template"]!);
        Assert.Contains(timeline, t => (string?)t!["stepId"] == "record-renewal" && (string)t["summary"]! == "renewal reason: value delivered");
        Assert.Contains(timeline, t => (string)t!["type"]! == "instance.completed" && (string)t["summary"]! == "renewed");
        Assert.DoesNotContain(timeline, t => (string?)t!["stepId"] == "wait-end" && (string)t["type"]! == "step.resumed");
    }

    [Fact]
    public async Task PreRenewal_AtRiskMicro_RiskReviewWithNamedRisks_NotRenewedAtContractEnd()
    {
        // Simulation is deterministic: a first run tells the key of the task the CSM will complete in the second.
        var firstRun = await Simulate("pre-renewal", RenewalAccount("micro", 40, null), 125);
        var key = (string)OfType(firstRun, "task").First(t => (string?)t["stepId"] == "ask-why")["detail"]!["key"]!;
        var timeline = await Simulate("pre-renewal", RenewalAccount("micro", 40, null), 150,
            new { at = new DateTimeOffset(2026, 7, 2, 9, 0, 0, TimeSpan.Zero), name = "task.completed",
                  data = new { taskKey = key, result = new { cause = "budget cut" } } });

        var review = OfType(timeline, "task")[0];
        Assert.StartsWith("Renewal risk review for Corner Salon", (string)review["detail"]!["title"]!);
        Assert.Contains("health red (40)", (string)review["detail"]!["description"]!);
        Assert.Contains("no success criteria agreed", (string)review["detail"]!["description"]!);
        Assert.Empty(OfType(timeline, "email"));
        var ask = OfType(timeline, "task").Single(t => (string?)t["stepId"] == "ask-why");
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.FromHours(2)), DateTimeOffset.Parse((string)ask["at"]!));
        Assert.Contains(timeline, t => (string?)t!["stepId"] == "record-non-renewal" && (string)t["summary"]! == "non-renewal reason: budget cut");
        Assert.Contains(timeline, t => (string)t!["type"]! == "instance.completed" && (string)t["summary"]! == "not renewed");
    }

    private static JsonObject GrowthAccount(string tier)
    {
        var account = Account(tier);
        account["stage"] = "growth";
        account["usage"] = new JsonObject
        {
            ["months"] = new JsonObject
            {
                ["2026-02"] = new JsonObject { ["activeUsers"] = 8.0, ["features"] = new JsonArray("editor"), ["materialInput"] = 40, ["contentOutput"] = 12, ["apiCalls"] = 0 },
                ["2026-03"] = new JsonObject { ["activeUsers"] = 11.5, ["features"] = new JsonArray("editor", "reports"), ["materialInput"] = 55, ["contentOutput"] = 20, ["apiCalls"] = 300 },
            },
        };
        account["plan"] = new JsonObject { ["nextMonth"] = new JsonArray("roll out to the second branch") };
        return account;
    }

    [Fact]
    public async Task GrowthMonthlyReport_KeyAccountInApril_ReportToProjectLead_CheckInMonthlyAndQuarterlyReviews()
    {
        var result = await (await _ops.PostJson("/api/playbooks/growth-monthly-report/simulate", new
        {
            version = 1, account = GrowthAccount("KA"), start = new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero), until = "2026-04-30",
        })).Expect(200);
        var timeline = result["timeline"]!.AsArray();

        var email = Assert.Single(OfType(timeline, "email"));
        Assert.Equal("pat@customer.example", (string)email["detail"]!["to"]!["address"]!);
        Assert.Equal("Grand Hotels: your March 2026 report", (string)email["detail"]!["subject"]!);
        var text = (string)email["detail"]!["text"]!;
        Assert.Contains("Active users: 11.5 a day on average (up; 8 the month before)", text);
        Assert.Contains("Features used: 2 (editor, reports)", text);
        Assert.Contains("- roll out to the second branch", text);
        Assert.Equal(["Monthly call with Grand Hotels's project lead", "Monthly business review with Grand Hotels", "Quarterly business review with Grand Hotels"],
            OfType(timeline, "task").Select(t => (string)t["detail"]!["title"]!));
    }

    [Fact]
    public async Task GrowthMonthlyReport_MicroInMay_ReportCheckInAndSuccessStory_NoReviews()
    {
        var result = await (await _ops.PostJson("/api/playbooks/growth-monthly-report/simulate", new
        {
            version = 1, account = GrowthAccount("micro"), start = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero), until = "2026-05-30",
        })).Expect(200);
        var timeline = result["timeline"]!.AsArray();

        var emails = OfType(timeline, "email");
        Assert.Equal("Corner Salon: your April 2026 report", (string)emails[0]["detail"]!["subject"]!);
        Assert.Contains("We received no usage data for this month", (string)emails[0]["detail"]!["text"]!);
        Assert.Equal(["pat@customer.example", "kim@customer.example"], emails.Skip(1).Select(e => (string)e["detail"]!["to"]!["address"]!));
        Assert.All(emails.Skip(1), e => Assert.Equal("success-story", (string)e["detail"]!["template"]!));
        Assert.Equal(["Monthly call with Corner Salon's project lead"], OfType(timeline, "task").Select(t => (string)t["detail"]!["title"]!));
    }
}
