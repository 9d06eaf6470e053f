using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Hosting;

/// <summary>
/// Wrong JSON types, over-long values and malformed values in request bodies: 400 problem details naming the field by
/// its path, never 500, and nothing stored. Over-long values are the ones PostgreSQL refused with 500 before (column limits).
/// </summary>
public abstract class BadRequestBodyTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();

    /// <summary>(rule, how to break a valid account, the field path the error must name)</summary>
    public static TheoryData<string, Action<JsonObject>, string> AccountBreakages => new()
    {
        { "name is a number", a => a["name"] = 42, "name" },
        { "timeZone is a number", a => a["timeZone"] = 1, "timeZone" },
        { "contract.start is a number", a => a["contract"]!["start"] = 20260101, "contract.start" },
        { "contract is a list", a => a["contract"] = new JsonArray(), "contract" },
        { "contact email is a number", a => a["contacts"]![0]!["email"] = 5, "contacts[0].email" },
        { "contact role is a number", a => a["contacts"]![0]!["role"] = 3, "contacts[0].role" },
        { "contact is a string", a => a["contacts"]!.AsArray().Add("dana@example.com"), "contacts[1]" },
        { "tier is an object", a => a["tier"] = new JsonObject(), "tier" },
        { "name over 300", a => a["name"] = new string('n', 301), "name" },
        { "csmId over 100", a => a["csmId"] = new string('c', 101), "csmId" },
        { "contact email over 320", a => a["contacts"]![0]!["email"] = new string('e', 310) + "@example.com", "contacts[0].email" },
        { "contact name over 300", a => a["contacts"]![0]!["name"] = new string('n', 301), "contacts[0].name" },
        { "contact id over 100", a => a["contacts"]![0]!["id"] = new string('i', 101), "contacts[0].id" },
        { "name with NUL", a => a["name"] = "Acme\u0000Corp", "name" },
        { "document over 256 KiB", a => a["notes"] = new string('x', 300 * 1024), "" },
    };

    [Theory]
    [MemberData(nameof(AccountBreakages))]
    public async Task PutAccount_BadField_Returns400NamingField_AndStoresNothing(string rule, Action<JsonObject> breakIt, string field)
    {
        var id = Samples.NewId("acct");
        var account = Samples.Account(id);
        breakIt(account);

        var problem = await (await _ops.PutJson($"/api/accounts/{id}", account)).Expect(400);

        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), $"{rule}: expected an error for '{field}', got {problem["errors"]!.ToJsonString()}");
        await (await _ops.GetAsync($"/api/accounts/{id}")).Expect(404);
    }

    [Fact]
    public async Task PutAccount_IdOver100_Returns400NamingId_AndStoresNothing()
    {
        var id = Samples.NewId("acct") + new string('x', 100);
        var problem = await (await _ops.PutJson($"/api/accounts/{id}", Samples.Account(id))).Expect(400);
        Assert.Contains("at most 100", (string)problem["errors"]!["id"]![0]!);
        await (await _ops.GetAsync($"/api/accounts/{id}")).Expect(404);
    }

    [Fact]
    public async Task PutAccount_FieldNameOver200_Returns400_AndStoresNothing()
    {
        var id = Samples.NewId("acct");
        var account = Samples.Account(id);
        account[new string('k', 201)] = "v";
        var problem = await (await _ops.PutJson($"/api/accounts/{id}", account)).Expect(400);
        Assert.Contains("a field name is 201 characters long; at most 200", problem.ToJsonString());
        await (await _ops.GetAsync($"/api/accounts/{id}")).Expect(404);
    }

    [Fact]
    public async Task Renew_BadTypes_Returns400NamingFields_AndKeepsContract()
    {
        var id = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(id));

        var problem = await (await _ops.PostJson($"/api/accounts/{id}/contracts", new { start = 20270101, end = "2028-01-01", currency = 978, value = "lots" })).Expect(400);

        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("start"));
        Assert.True(errors.ContainsKey("currency"));
        Assert.True(errors.ContainsKey("value"));
        var account = await _ops.GetJson($"/api/accounts/{id}");
        Assert.Equal("2026-01-01", (string)account["contract"]!["start"]!);
        Assert.Null(account["contractHistory"]);
    }

    /// <summary>(rule, event body, the field the error must name)</summary>
    public static TheoryData<string, Func<string, object>, string> EventBreakages => new()
    {
        { "name is a number", a => new { name = 5, accountId = a }, "name" },
        { "accountId is a list", a => new { name = "account.opened", accountId = new[] { a } }, "accountId" },
        { "name over 200", a => new { name = new string('e', 201), accountId = a }, "name" },
        { "id over 200", a => new { id = new string('i', 201), name = "account.opened", accountId = a }, "id" },
        { "id is a number", a => new { id = 12, name = "account.opened", accountId = a }, "id" },
        { "accountId over 100", a => new { name = "account.opened", accountId = a + new string('a', 100) }, "accountId" },
        { "data over 64 KiB", a => new { name = "account.opened", accountId = a, data = new { blob = new string('x', 65 * 1024) } }, "data" },
        { "name with NUL", a => new { name = "account\u0000opened", accountId = a }, "name" },
    };

    [Theory]
    [MemberData(nameof(EventBreakages))]
    public async Task PostEvent_BadField_Returns400NamingField_AndStoresNothing(string rule, Func<string, object> body, string field)
    {
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));

        var problem = await (await _ops.PostJson("/api/events", body(account))).Expect(400);

        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), $"{rule}: expected an error for '{field}', got {problem["errors"]!.ToJsonString()}");
        Assert.Empty((await _ops.GetJson($"/api/events?accountId={account}")).AsArray());
    }

    /// <summary>(rule, enrolment body given the account id, the field the error must name)</summary>
    public static TheoryData<string, Func<string, object>, string> EnrolmentBreakages => new()
    {
        { "input is a string", a => new { accountId = a, input = "{\"plan\":\"gold\"}" }, "input" },
        { "input over 64 KiB", a => new { accountId = a, input = new { blob = new string('x', 65 * 1024) } }, "input" },
        { "accountId is a number", _ => new { accountId = 17 }, "accountId" },
        { "idempotencyKey over 400", a => new { accountId = a, idempotencyKey = new string('k', 401) }, "idempotencyKey" },
        { "idempotencyKey is an object", a => new { accountId = a, idempotencyKey = new { } }, "idempotencyKey" },
    };

    [Theory]
    [MemberData(nameof(EnrolmentBreakages))]
    public async Task Enrol_BadField_Returns400NamingField_AndStartsNothing(string rule, Func<string, object> body, string field)
    {
        var playbook = Samples.NewId("enrol");
        await Samples.Publish(_ops, Samples.Onboarding(playbook));
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));

        var problem = await (await _ops.PostJson($"/api/playbooks/{playbook}/enrolments", body(account))).Expect(400);

        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), $"{rule}: expected an error for '{field}', got {problem["errors"]!.ToJsonString()}");
        Assert.Equal(0, (int)(await _ops.GetJson($"/api/instances?playbookId={playbook}"))["total"]!);
    }

    /// <summary>(rule, CSM body, the field the error must name)</summary>
    public static TheoryData<string, object, string> CsmBreakages => new()
    {
        { "name over 200", new { name = new string('n', 201) }, "name" },
        { "name is a number", new { name = 3 }, "name" },
        { "email is a number", new { name = "Dana", email = 5 }, "email" },
        { "email over 320", new { name = "Dana", email = new string('e', 310) + "@example.com" }, "email" },
        { "graphUserId over 200", new { name = "Dana", graphUserId = new string('g', 201) }, "graphUserId" },
        { "isLead is a string", new { name = "Dana", isLead = "yes" }, "isLead" },
        { "capacity is text", new { name = "Dana", capacity = "ten" }, "capacity" },
        { "industry is a number", new { name = "Dana", industries = new object[] { "retail", 4 } }, "industries[1]" },
    };

    [Theory]
    [MemberData(nameof(CsmBreakages))]
    public async Task PutCsm_BadField_Returns400NamingField_AndStoresNothing(string rule, object body, string field)
    {
        var id = Samples.NewId("csm");
        var problem = await (await _ops.PutJson($"/api/csms/{id}", body)).Expect(400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), $"{rule}: expected an error for '{field}', got {problem["errors"]!.ToJsonString()}");
        await (await _ops.GetAsync($"/api/csms/{id}")).Expect(404);
    }

    [Fact]
    public async Task PutCsm_IdOver100_Returns400NamingId_AndStoresNothing()
    {
        var id = Samples.NewId("csm") + new string('x', 100);
        var problem = await (await _ops.PutJson($"/api/csms/{id}", new { name = "Dana" })).Expect(400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("id"));
        await (await _ops.GetAsync($"/api/csms/{id}")).Expect(404);
    }

    [Fact]
    public async Task Publish_NoteIsANumber_Returns400_AndPublishesNothing()
    {
        var id = Samples.NewId("pub");
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id))).Expect(201);
        var problem = await (await _ops.PostJson($"/api/playbooks/{id}/publish", new { note = 1 })).Expect(400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("note"));
        Assert.Equal(0, (int)(await _ops.GetJson($"/api/playbooks/{id}"))["latestVersion"]!);
    }

    [Fact]
    public async Task Cancel_ReasonIsAnObject_Returns400_AndInstanceKeepsRunning()
    {
        var playbook = Samples.NewId("cancel");
        await Samples.Publish(_ops, Samples.Onboarding(playbook));
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));
        var instance = await Samples.Enrol(_ops, playbook, account);

        var problem = await (await _ops.PostJson($"/api/instances/{instance}/cancel", new { reason = new { why = "x" } })).Expect(400);

        Assert.True(problem["errors"]!.AsObject().ContainsKey("reason"));
        Assert.Equal("running", (string)(await Samples.Instance(_ops, instance))["status"]!);
    }

    [Fact]
    public async Task CompleteTask_ResultIsAString_Returns400NamingResult()
    {
        var problem = await (await _ops.PostJson($"/api/tasks/{Guid.NewGuid()}/complete", new { result = "done" })).Expect(400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("result"));
    }

    [Fact]
    public async Task UsageBatch_AccountIdIsANumber_RejectsRowNamingField()
    {
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));

        var report = await (await _ops.PostJson("/api/usage", new object[] { new { accountId = 12, date = "2026-03-01", activeUsers = 3 } })).Expect(400);

        Assert.True(report["rejected"]![0]!["errors"]!.AsObject().ContainsKey("accountId"));
        Assert.Empty((await _ops.GetJson($"/api/accounts/{account}/health"))["history"]!.AsArray());
    }

    [Fact]
    public async Task Import_IdOver100AndNameNumber_RejectsRowsNamingFields_AndStoresNothing()
    {
        var longId = Samples.NewId("imp") + new string('x', 100);
        var numbered = Samples.NewId("imp");
        var rows = new JsonArray(Samples.Account(longId), Samples.Account(numbered));
        rows[1]!["name"] = 99;

        var report = await (await _ops.PostJson("/api/accounts/import", rows)).Expect(200);

        Assert.Equal(0, (int)report["imported"]!);
        Assert.True(report["rows"]![0]!["errors"]!.AsObject().ContainsKey("id"));
        Assert.True(report["rows"]![1]!["errors"]!.AsObject().ContainsKey("name"));
        await (await _ops.GetAsync($"/api/accounts/{numbered}")).Expect(404);
    }

    [Fact]
    public async Task PostEvent_BodyOverDefault1MiB_Returns413_AndStoresNothing()
    {
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));

        var problem = await (await _ops.PostJson("/api/events", BodySizeLimitTests.Event(account, 1_100_000))).Expect(413);

        BodySizeLimitTests.AssertTooLarge(problem, "1 MiB (1,048,576 bytes, setting Limits:RequestBody:Default)");
        Assert.Empty((await _ops.GetJson($"/api/events?accountId={account}")).AsArray());
    }

    [Fact]
    public async Task SaveDraft_2MiB_IsSavedUnderDefaultPlaybookLimit()
    {
        var id = Samples.NewId("big");
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id))).Expect(201);
        var definition = Samples.Onboarding(id);
        definition["variables"] = new JsonObject { ["script"] = new string('v', 2 << 20) };

        await (await _ops.PutJson($"/api/playbooks/{id}/draft", definition)).Expect(200);
    }

    [Fact]
    public async Task Simulate_EventNameIsANumber_Returns400NamingField()
    {
        var id = Samples.NewId("sim");
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id))).Expect(201);
        var problem = await (await _ops.PostJson($"/api/playbooks/{id}/simulate", new { events = new[] { new { name = 1, at = "2026-03-03" } } })).Expect(400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("events[0].name"));
    }
}

public sealed class BadRequestBodyTests_Sqlite(SqliteHost f) : BadRequestBodyTests(f), IClassFixture<SqliteHost>;
public sealed class BadRequestBodyTests_Postgres(PostgresHost f) : BadRequestBodyTests(f), IClassFixture<PostgresHost>;
