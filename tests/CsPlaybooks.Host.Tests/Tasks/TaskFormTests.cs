using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Tasks;

/// <summary>createTask's result form: checked at publish (problem naming the step and field), and a completion checked against it (400 naming the field; nothing changes).</summary>
public abstract class TaskFormTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();
    private readonly HttpClient _integration = fixture.Host.Client(TestHost.IntegrationKey);

    private static JsonObject Playbook(string id, JsonArray form)
    {
        var playbook = TaskSamples.CallPlaybook(id);
        playbook["steps"]![0]!["form"] = form;
        playbook["steps"]!.AsArray().Add(new JsonObject { ["id"] = "note", ["type"] = "setField", ["field"] = "lastCall", ["value"] = "{{ event.data.result.outcome }} {{ event.data.result.seats }}" });
        var connections = playbook["connections"]!.AsArray();
        connections.Remove(connections.Single(c => (string?)c!["outcome"] == "completed"));
        connections.Add(new JsonObject { ["from"] = "wait-call", ["outcome"] = "completed", ["to"] = "note" });
        connections.Add(new JsonObject { ["from"] = "note", ["to"] = "done" });
        return playbook;
    }

    private static JsonArray Form() => new(
        new JsonObject { ["name"] = "outcome", ["type"] = "choice", ["label"] = "How did it go?", ["required"] = true, ["options"] = new JsonArray("reached", "voicemail") },
        new JsonObject { ["name"] = "seats", ["type"] = "number", ["label"] = "Seats wanted" },
        new JsonObject { ["name"] = "followUp", ["type"] = "date" },
        new JsonObject { ["name"] = "happy", ["type"] = "boolean" },
        new JsonObject { ["name"] = "note", ["type"] = "text" });

    [Theory]
    [InlineData("""[{ "name": "outcome", "type": "choice" }]""", "form[0].options")]
    [InlineData("""[{ "name": "outcome", "type": "colour" }]""", "form[0].type")]
    [InlineData("""[{ "name": "two words", "type": "text" }]""", "form[0].name")]
    [InlineData("""[{ "name": "a", "type": "text" }, { "name": "a", "type": "number" }]""", "form[1].name")]
    [InlineData("""[{ "name": "a", "type": "text", "required": "yes" }]""", "form[0].required")]
    [InlineData("""{ "name": "a" }""", "form")]
    public async Task Save_BadForm_ProblemNamesStepAndField(string form, string field)
    {
        var draft = Playbook(Samples.NewId("form"), new JsonArray());
        draft["steps"]![0]!["form"] = JsonNode.Parse(form);
        var problem = await (await _ops.PostJson("/api/playbooks", draft)).Expect(400);
        Assert.Contains(problem["problems"]!.AsArray(), p => (string?)p!["stepId"] == "call" && (string?)p["field"] == field);
    }

    [Fact]
    public async Task Complete_AgainstForm_BadResultRefusedAndNothingChanges_GoodResultReachesPlaybook()
    {
        var id = Samples.NewId("form");
        await Samples.Publish(_ops, Playbook(id, Form()));
        var account = Samples.NewId("acc");
        await Samples.CreateAccount(_integration, Samples.Account(account));
        var instance = await Samples.Enrol(_integration, id, account);
        var task = await TaskSamples.TaskOf(_ops, account);
        Assert.Equal("choice", (string)task["form"]![0]!["type"]!);
        var url = $"/api/tasks/{task["id"]}/complete";

        foreach (var (result, field) in new (object Result, string Field)[]
                 {
                     (new { seats = 3 }, "result.outcome"),
                     (new { outcome = "email" }, "result.outcome"),
                     (new { outcome = "reached", seats = "three" }, "result.seats"),
                     (new { outcome = "reached", followUp = "next week" }, "result.followUp"),
                     (new { outcome = "reached", happy = "yes" }, "result.happy"),
                     (new { outcome = "reached", mood = "good" }, "result.mood"),
                 })
        {
            var problem = await (await _ops.PostJson(url, new { result })).Expect(400);
            Assert.True(problem["errors"]!.AsObject().ContainsKey(field), $"{field}: {problem}");
        }
        await (await _ops.PostJson(url, new { })).Expect(400);
        Assert.Equal("open", (string)(await _ops.GetJson($"/api/tasks/{task["id"]}"))["status"]!);
        Assert.Equal("running", (string)(await Samples.Instance(_ops, instance))["status"]!);

        var done = await (await _ops.PostJson(url, new { result = new { outcome = "reached", seats = 12, followUp = "2026-04-01", happy = true, note = "wants more" } })).Expect(200);
        Assert.Equal("completed", (string)done["status"]!);
        Assert.Equal(12, (int)done["result"]!["seats"]!);
        await Eventually.Get(() => _ops.GetJson($"/api/accounts/{account}"), a => (string?)a["lastCall"] == "reached 12", "the result read by the playbook");
    }
}

public sealed class TaskFormTests_Sqlite(SqliteHost f) : TaskFormTests(f), IClassFixture<SqliteHost>;
public sealed class TaskFormTests_Postgres(PostgresHost f) : TaskFormTests(f), IClassFixture<PostgresHost>;
