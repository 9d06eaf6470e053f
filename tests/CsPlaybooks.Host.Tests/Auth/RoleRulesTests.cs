using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Host.Tests.Tasks;

namespace CsPlaybooks.Host.Tests.Auth;

/// <summary>
/// The same role rules for a signed-in person and an API key, endpoint group by endpoint group. Requests that pass
/// authorization are made invalid on purpose (empty bodies, unknown ids), so the answer tells the rule apart (400/404
/// = allowed, 403 = refused) and nothing changes.
/// </summary>
public abstract class RoleRulesTests(AuthHostFixture fixture)
{
    private async Task<HttpClient> Caller(string kind, string role)
    {
        string? csmId = null;
        if (role == "csm")
        {
            csmId = Samples.NewId("csm");
            await TaskSamples.PutCsm(fixture.Host.Client(), csmId, TaskSamples.Csm("Rules " + csmId, "high", ["rules"]));
        }
        if (kind == "user") return (await fixture.InvitedAndSignedIn(role, csmId)).Client;
        var ops = await fixture.SignedInOps();
        var key = (string)(await (await ops.Client.PostJson("/api/keys", new { name = Samples.NewId(role), role, csmId })).Expect(201))["key"]!;
        var client = fixture.Host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Theory]
    //          kind    role           read design ingest tasks complete reassign people keys
    [InlineData("user", "ops",         200, 400,   400,   200,  404,     400,     200,   200)]
    [InlineData("key",  "ops",         200, 400,   400,   200,  404,     400,     200,   200)]
    [InlineData("user", "cs-lead",     200, 403,   403,   200,  404,     400,     403,   403)]
    [InlineData("key",  "cs-lead",     200, 403,   403,   200,  404,     400,     403,   403)]
    [InlineData("user", "csm",         200, 403,   403,   200,  404,     403,     403,   403)]
    [InlineData("key",  "csm",         200, 403,   403,   200,  404,     403,     403,   403)]
    [InlineData("user", "viewer",      200, 403,   403,   200,  403,     403,     403,   403)]
    [InlineData("key",  "viewer",      200, 403,   403,   200,  403,     403,     403,   403)]
    [InlineData("key",  "integration", 200, 403,   400,   403,  403,     403,     403,   403)]
    public async Task EndpointGroups_SameRulesForPeopleAndKeys(string kind, string role,
        int read, int design, int ingest, int tasks, int complete, int reassign, int people, int keys)
    {
        var client = await Caller(kind, role);

        await (await client.GetAsync("/api/playbooks")).Expect(read);
        await (await client.GetAsync("/api/reports/health")).Expect(read == 200 ? 200 : 403);
        await (await client.PostRaw("/api/playbooks", "{}")).Expect(design);
        await (await client.PutJson($"/api/csms/{Samples.NewId("csm")}", new { })).Expect(design);
        await (await client.PostRaw("/api/events", "{}")).Expect(ingest);
        await (await client.GetAsync("/api/tasks")).Expect(tasks);
        await (await client.PostJson($"/api/tasks/{Guid.NewGuid()}/complete", new { })).Expect(complete);
        await (await client.PostRaw($"/api/tasks/{Guid.NewGuid()}/reassign", "{}")).Expect(reassign);
        await (await client.GetAsync("/api/users")).Expect(people);
        await (await client.PostJson("/api/users/invitations", new { })).Expect(people == 200 ? 400 : 403);
        await (await client.GetAsync("/api/keys")).Expect(keys);
    }

    [Fact]
    public async Task CsLead_SeesAndCompletesEveryCsmsTasks()
    {
        var ops = fixture.Host.Client();
        var csmId = Samples.NewId("csm");
        await TaskSamples.PutCsm(ops, csmId, TaskSamples.Csm("Led " + csmId, "high", ["lead"]));
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(ops, TaskSamples.Account(account, "KA", "retail", csmId: csmId));
        var playbook = Samples.NewId("pb");
        await Samples.Publish(ops, TaskSamples.CallPlaybook(playbook));
        await Samples.Enrol(ops, playbook, account);
        var task = await TaskSamples.TaskOf(ops, account);

        var lead = await fixture.InvitedAndSignedIn("cs-lead");
        Assert.Single(await TaskSamples.Tasks(lead.Client, $"account={account}"));
        var done = await (await lead.Client.PostJson($"/api/tasks/{task["id"]}/complete", new { })).Expect(200);
        Assert.Equal("completed", (string)done["status"]!);
        await (await lead.Client.PostJson($"/api/tasks/{task["id"]}/reassign", new { csmId })).Expect(409);
    }

    [Fact]
    public async Task CsLead_ReassignsATask_NewCsmSeesIt_OldCsmNoLonger()
    {
        var ops = fixture.Host.Client();
        var from = Samples.NewId("csm");
        var to = Samples.NewId("csm");
        await TaskSamples.PutCsm(ops, from, TaskSamples.Csm("From " + from, "high", ["move"]));
        await TaskSamples.PutCsm(ops, to, TaskSamples.Csm("To " + to, "high", ["move"]));
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(ops, TaskSamples.Account(account, "KA", "retail", csmId: from));
        var playbook = Samples.NewId("pb");
        await Samples.Publish(ops, TaskSamples.CallPlaybook(playbook));
        await Samples.Enrol(ops, playbook, account);
        var task = await TaskSamples.TaskOf(ops, account);
        var oldCsm = await fixture.InvitedAndSignedIn("csm", from);
        var newCsm = await fixture.InvitedAndSignedIn("csm", to);
        var lead = await fixture.InvitedAndSignedIn("cs-lead");
        Assert.True((bool)(await lead.Client.GetJson("/api/me"))["can"]!["reassignTasks"]!);

        var unknown = await (await lead.Client.PostJson($"/api/tasks/{task["id"]}/reassign", new { csmId = "no-such-csm" })).Expect(400);
        Assert.NotNull(unknown["errors"]!["csmId"]);
        await (await oldCsm.Client.PostJson($"/api/tasks/{task["id"]}/reassign", new { csmId = to })).Expect(403);
        var moved = await (await lead.Client.PostJson($"/api/tasks/{task["id"]}/reassign", new { csmId = to })).Expect(200);

        Assert.Equal(to, (string)moved["assignee"]!["csmId"]!);
        await (await oldCsm.Client.GetAsync($"/api/tasks/{task["id"]}")).Expect(404);
        await (await newCsm.Client.PostJson($"/api/tasks/{task["id"]}/complete", new { })).Expect(200);
    }
}

public sealed class RoleRulesTests_Sqlite(SqliteAuthHost f) : RoleRulesTests(f), IClassFixture<SqliteAuthHost>;
public sealed class RoleRulesTests_Postgres(PostgresAuthHost f) : RoleRulesTests(f), IClassFixture<PostgresAuthHost>;
