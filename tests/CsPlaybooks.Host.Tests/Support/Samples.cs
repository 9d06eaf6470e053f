using System.Text.Json.Nodes;

namespace CsPlaybooks.Host.Tests.Support;

/// <summary>Definitions and accounts used by the tests; each test passes its own ids so tests never share data.</summary>
public static class Samples
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>wait → waitForEvent(account.opened, timeout) → end / escalate.</summary>
    public static JsonObject Onboarding(string id, string wait = "P1D", string timeout = "P7D", JsonObject? trigger = null) => new()
    {
        ["id"] = id,
        ["name"] = "Onboarding " + id,
        ["trigger"] = trigger ?? new JsonObject { ["type"] = "manual" },
        ["steps"] = new JsonArray(
            new JsonObject { ["id"] = "settle", ["type"] = "wait", ["duration"] = wait, ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 } },
            new JsonObject { ["id"] = "wait-opened", ["type"] = "waitForEvent", ["event"] = "account.opened", ["timeout"] = timeout, ["position"] = new JsonObject { ["x"] = 0, ["y"] = 120 } },
            new JsonObject { ["id"] = "done", ["type"] = "end", ["reason"] = "opened" },
            new JsonObject { ["id"] = "escalate", ["type"] = "end", ["reason"] = "not opened in time" }),
        ["connections"] = new JsonArray(
            new JsonObject { ["from"] = "settle", ["to"] = "wait-opened" },
            new JsonObject { ["from"] = "wait-opened", ["outcome"] = "received", ["to"] = "done" },
            new JsonObject { ["from"] = "wait-opened", ["outcome"] = "timeout", ["to"] = "escalate" }),
    };

    /// <summary>waitForEvent "ping" → count → wait again: the instance's <c>pings</c> variable counts the events delivered to it.</summary>
    public static JsonObject Counter(string id) => new()
    {
        ["id"] = id,
        ["variables"] = new JsonObject { ["pings"] = 0 },
        ["steps"] = new JsonArray(
            new JsonObject { ["id"] = "wait-ping", ["type"] = "waitForEvent", ["event"] = "ping" },
            new JsonObject { ["id"] = "count", ["type"] = "setVariable", ["variable"] = "pings", ["value"] = "{{ variables.pings | plus: 1 }}" }),
        ["connections"] = new JsonArray(
            new JsonObject { ["from"] = "wait-ping", ["outcome"] = "received", ["to"] = "count" },
            new JsonObject { ["from"] = "count", ["to"] = "wait-ping" }),
    };

    public static JsonObject Account(string id, string tier = "KA", string timeZone = "Europe/Berlin") => new()
    {
        ["id"] = id,
        ["name"] = "Account " + id,
        ["tier"] = tier,
        ["timeZone"] = timeZone,
        ["stage"] = "onboarding",
        ["contract"] = new JsonObject { ["start"] = "2026-01-01", ["end"] = "2027-01-01", ["value"] = 24000, ["currency"] = "EUR" },
        ["contacts"] = new JsonArray(new JsonObject { ["id"] = "c1", ["name"] = "Dana", ["email"] = "dana@example.com", ["role"] = "decision-maker" }),
    };

    /// <summary>Creates and publishes a playbook; returns the published version.</summary>
    public static async Task<int> Publish(HttpClient ops, JsonObject definition)
    {
        var id = (string)definition["id"]!;
        var exists = await ops.GetAsync($"/api/playbooks/{id}");
        if (exists.IsSuccessStatusCode) await (await ops.PutJson($"/api/playbooks/{id}/draft", definition)).Expect(200);
        else await (await ops.PostJson("/api/playbooks", definition)).Expect(201);
        var published = await (await ops.PostJson($"/api/playbooks/{id}/publish", new { note = "test" })).Expect(200);
        return (int)published["version"]!;
    }

    public static async Task CreateAccount(HttpClient client, JsonObject account) =>
        await (await client.PutJson($"/api/accounts/{account["id"]}", account)).Expect(201);

    public static async Task<Guid> Enrol(HttpClient client, string playbookId, string accountId)
    {
        var body = await (await client.PostJson($"/api/playbooks/{playbookId}/enrolments", new { accountId })).Expect(201);
        return Guid.Parse((string)body["instanceId"]!);
    }

    public static Task<JsonNode> Instance(HttpClient client, Guid id) => client.GetJson($"/api/instances/{id}");

    public static IEnumerable<JsonNode> Journal(JsonNode instance) => instance["journal"]!.AsArray().Select(j => j!);
}
