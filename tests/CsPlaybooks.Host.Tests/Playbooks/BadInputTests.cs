using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Playbooks;

/// <summary>Every validation rule and malformed JSON: 400 problem details naming the step, and nothing saved.</summary>
public abstract class BadInputTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();

    /// <summary>(name, how to break the definition, the step id the error must name or null, text the message must contain)</summary>
    public static TheoryData<string, Action<JsonObject>, string?, string> Breakages => new()
    {
        { "unknown step type", d => Step(d, "settle")["type"] = "teleport", "settle", "unknown step type \"teleport\"" },
        { "duplicate id", d => Steps(d).Add(new JsonObject { ["id"] = "settle", ["type"] = "end" }), "settle", "more than one step" },
        { "missing id", d => Steps(d).Add(new JsonObject { ["type"] = "end" }), null, "has no id" },
        { "dangling connection", d => Connections(d).Add(new JsonObject { ["from"] = "settle", ["to"] = "nowhere" }), "settle", "'nowhere', which is not a step" },
        { "unknown outcome", d => Connections(d).Add(new JsonObject { ["from"] = "wait-opened", ["outcome"] = "maybe", ["to"] = "done" }), "wait-opened", "no outcome \"maybe\"" },
        { "unreachable step", d => Steps(d).Add(new JsonObject { ["id"] = "orphan", ["type"] = "end" }), "orphan", "can never be reached" },
        { "cycle without waiting", d => AddSpinLoop(d), "check", "has no waiting step" },
        { "bad duration", d => Step(d, "settle")["duration"] = "7 days", "settle", "not an ISO-8601 duration" },
        { "template syntax", d => AddStep(d, new JsonObject { ["id"] = "note", ["type"] = "setVariable", ["variable"] = "x", ["value"] = "{% if %}" }), "note", "template syntax error" },
        { "condition syntax", d => AddStep(d, new JsonObject { ["id"] = "check", ["type"] = "branch", ["condition"] = "account.tier == == 'KA'" }), "check", "condition syntax error" },
        { "missing required setting", d => Step(d, "wait-opened").Remove("event"), "wait-opened", "'event' is required" },
        { "unknown trigger", d => d["trigger"] = new JsonObject { ["type"] = "telepathy" }, null, "unknown trigger type" },
        { "bad cron", d => d["trigger"] = new JsonObject { ["type"] = "schedule", ["cron"] = "0 0 25 * * ?" }, null, "cron" },
        // Anything that ends up in a length-limited column is checked against FieldLimits, the same on every provider.
        { "playbook id too long", d => d["id"] = new string('p', 101), null, "'id' is 101 characters long; at most 100" },
        { "playbook name too long", d => d["name"] = new string('n', 201), null, "'name' is 201 characters long; at most 200" },
        { "description too long", d => d["description"] = new string('d', 4001), null, "'description' is 4,001 characters long; at most 4,000" },
        { "step id too long", d => Steps(d).Add(new JsonObject { ["id"] = new string('s', 101), ["type"] = "end" }), null, "'id' is 101 characters long; at most 100" },
        { "step id not a string", d => Steps(d).Add(new JsonObject { ["id"] = 7, ["type"] = "end" }), null, "'id' must be a string" },
        { "waitForEvent event too long", d => Step(d, "wait-opened")["event"] = new string('e', 201), "wait-opened", "'event' is 201 characters long; at most 200" },
        { "event name with NUL", d => Step(d, "wait-opened")["event"] = "account\u0000opened", "wait-opened", "NUL character" },
        { "trigger event too long", d => d["trigger"] = new JsonObject { ["type"] = "event", ["event"] = new string('e', 201) }, null, "'event' is 201 characters long; at most 200" },
        { "task title too long", d => AddStep(d, new JsonObject { ["id"] = "call", ["type"] = "createTask", ["assignee"] = "csm", ["title"] = new string('t', 501) }), "call", "'title' is 501 characters long; at most 500" },
        { "email template name too long", d => AddStep(d, new JsonObject { ["id"] = "mail", ["type"] = "sendEmail", ["template"] = new string('m', 201), ["to"] = new JsonArray("decision-maker") }), "mail", "'template' is 201 characters long; at most 200" },
        { "setField path too long", d => AddStep(d, new JsonObject { ["id"] = "mark", ["type"] = "setField", ["field"] = new string('f', 201), ["value"] = "x" }), "mark", "'field' is 201 characters long; at most 200" },
        { "startPlaybook id too long", d => AddStep(d, new JsonObject { ["id"] = "next", ["type"] = "startPlaybook", ["playbook"] = new string('p', 101) }), "next", "'playbook' is 101 characters long; at most 100" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task Create_InvalidDefinition_Returns400NamingStep_AndSavesNothing(string rule, Action<JsonObject> breakIt, string? stepId, string message)
    {
        var id = Samples.NewId("bad");
        var definition = Samples.Onboarding(id);
        breakIt(definition);
        var before = (await _ops.GetJson("/api/playbooks")).AsArray().Count;

        var problem = await (await _ops.PostJson("/api/playbooks", definition)).Expect(400);

        AssertProblem(problem, stepId, message, rule);
        await (await _ops.GetAsync($"/api/playbooks/{id}")).Expect(404);
        Assert.Equal(before, (await _ops.GetJson("/api/playbooks")).AsArray().Count);
    }

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task SaveDraft_InvalidDefinition_Returns400_AndKeepsPreviousDraft(string rule, Action<JsonObject> breakIt, string? stepId, string message)
    {
        var id = Samples.NewId("bad");
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id))).Expect(201);
        var definition = Samples.Onboarding(id, wait: "P5D");
        breakIt(definition);

        var problem = await (await _ops.PutJson($"/api/playbooks/{id}/draft", definition)).Expect(400);

        AssertProblem(problem, stepId, message, rule);
        var draft = await _ops.GetJson($"/api/playbooks/{id}/draft");
        Assert.Equal("P1D", (string)draft["steps"]![0]!["duration"]!);
    }

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task Validate_InvalidDefinition_ListsErrorWithStep(string rule, Action<JsonObject> breakIt, string? stepId, string message)
    {
        var definition = Samples.Onboarding(Samples.NewId("bad"));
        breakIt(definition);
        var result = await (await _ops.PostJson("/api/playbooks/validate", definition)).Expect(200);
        Assert.False((bool)result["valid"]!, rule);
        Assert.Contains(result["errors"]!.AsArray(), e => (string?)e!["stepId"] == stepId && ((string)e["message"]!).Contains(message));
    }

    [Fact]
    public async Task Validate_ValidDefinition_IsValid()
    {
        var result = await (await _ops.PostJson("/api/playbooks/validate", Samples.Onboarding(Samples.NewId("ok")))).Expect(200);
        Assert.True((bool)result["valid"]!);
        Assert.Empty(result["errors"]!.AsArray());
    }

    [Theory]
    [InlineData("{ \"id\": \"x\", \"steps\": [ ", "line 1")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{ \"id\": \"x\" \"name\": \"y\" }", "malformed JSON")]
    public async Task Create_MalformedJson_Returns400WithPosition(string body, string expected)
    {
        var before = (await _ops.GetJson("/api/playbooks")).AsArray().Count;
        var problem = await (await _ops.PostRaw("/api/playbooks", body)).Expect(400);
        Assert.Contains(expected, problem.ToJsonString());
        Assert.Equal(before, (await _ops.GetJson("/api/playbooks")).AsArray().Count);
    }

    [Fact]
    public async Task Events_MissingFields_Returns400NamingFields()
    {
        var problem = await (await _ops.PostJson("/api/events", new { data = 5 })).Expect(400);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("name"));
        Assert.True(errors.ContainsKey("accountId"));
        Assert.True(errors.ContainsKey("data"));
    }

    [Fact]
    public async Task Events_UnknownAccount_Returns404AndStoresNothing()
    {
        var account = Samples.NewId("ghost");
        await (await _ops.PostJson("/api/events", new { name = "account.opened", accountId = account })).Expect(404);
        Assert.Empty((await _ops.GetJson($"/api/events?accountId={account}")).AsArray());
    }

    [Fact]
    public async Task Accounts_BadTimeZoneAndDates_Returns400_AndCreatesNothing()
    {
        var id = Samples.NewId("acct");
        var account = Samples.Account(id, timeZone: "Mars/Olympus");
        account["contract"]!["end"] = "next year";
        var problem = await (await _ops.PutJson($"/api/accounts/{id}", account)).Expect(400);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("timeZone"));
        Assert.True(errors.ContainsKey("contract.end"));
        await (await _ops.GetAsync($"/api/accounts/{id}")).Expect(404);
    }

    private static void AssertProblem(JsonNode problem, string? stepId, string message, string rule)
    {
        Assert.Equal(400, (int)problem["status"]!);
        var problems = problem["problems"]!.AsArray();
        Assert.True(problems.Any(p => (string?)p!["stepId"] == stepId && ((string)p["message"]!).Contains(message)),
            $"{rule}: expected a problem for step '{stepId}' containing \"{message}\"; got {problems.ToJsonString()}");
    }

    private static JsonArray Steps(JsonObject d) => d["steps"]!.AsArray();
    private static JsonArray Connections(JsonObject d) => d["connections"]!.AsArray();
    private static JsonObject Step(JsonObject d, string id) => Steps(d).Single(s => (string)s!["id"]! == id)!.AsObject();

    private static void AddStep(JsonObject d, JsonObject step)
    {
        Steps(d).Add(step);
        Connections(d).Add(new JsonObject { ["from"] = "settle", ["to"] = (string)step["id"]! });
    }

    /// <summary>settle → check ⇄ bump: a loop of a branch and a setVariable that never waits.</summary>
    private static void AddSpinLoop(JsonObject d)
    {
        AddStep(d, new JsonObject { ["id"] = "check", ["type"] = "branch", ["condition"] = "variables.n < 10" });
        Steps(d).Add(new JsonObject { ["id"] = "bump", ["type"] = "setVariable", ["variable"] = "n", ["value"] = "{{ variables.n | plus: 1 }}" });
        Connections(d).Add(new JsonObject { ["from"] = "check", ["outcome"] = "true", ["to"] = "bump" });
        Connections(d).Add(new JsonObject { ["from"] = "bump", ["to"] = "check" });
    }
}

public sealed class BadInputTests_Sqlite(SqliteHost f) : BadInputTests(f), IClassFixture<SqliteHost>;
public sealed class BadInputTests_Postgres(PostgresHost f) : BadInputTests(f), IClassFixture<PostgresHost>;
