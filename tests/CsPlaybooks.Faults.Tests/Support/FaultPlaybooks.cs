using System.Text.Json.Nodes;

namespace CsPlaybooks.Faults.Tests.Support;

/// <summary>The playbooks and accounts the fault tests run, published through the API like a user would.</summary>
public static class FaultPlaybooks
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Each account's one contact has an address of its own, so SMTP arrivals map back to accounts.</summary>
    public static string AddressOf(string accountId) => $"{accountId}@customer.example".ToLowerInvariant();

    public static JsonObject Account(string id, string? email = null, string? csmId = null, string industry = "software")
    {
        var account = new JsonObject
        {
            ["id"] = id, ["name"] = "Acme " + id, ["tier"] = "KA", ["timeZone"] = "Europe/Berlin", ["stage"] = "onboarding", ["industry"] = industry,
            ["contract"] = new JsonObject { ["start"] = "2026-01-01", ["end"] = "2027-01-01" },
            ["contacts"] = new JsonArray(new JsonObject { ["id"] = "c1", ["name"] = "Dana", ["email"] = email ?? AddressOf(id), ["role"] = "decision-maker" }),
        };
        if (csmId is not null) account["csmId"] = csmId;
        return account;
    }

    /// <summary>Steps run one after the other (each step's default outcome to the next), ending in <c>end</c>.</summary>
    public static JsonObject Sequence(string id, params JsonObject[] steps)
    {
        var all = steps.Append(new JsonObject { ["id"] = "done", ["type"] = "end", ["reason"] = "done" }).ToArray();
        var connections = new JsonArray();
        for (var i = 0; i < all.Length - 1; i++)
        {
            var connection = new JsonObject { ["from"] = (string)all[i]["id"]!, ["to"] = (string)all[i + 1]["id"]! };
            if ((string)all[i]["type"]! == "waitForEvent") connection["outcome"] = "received";
            if ((string)all[i]["type"]! == "waitForTask") connection["outcome"] = "completed";
            connections.Add(connection);
        }
        return new JsonObject
        {
            ["id"] = id, ["name"] = "Fault suite " + id, ["trigger"] = new JsonObject { ["type"] = "manual" },
            ["steps"] = new JsonArray(all.Select(s => (JsonNode)s).ToArray()), ["connections"] = connections,
        };
    }

    public static JsonObject Wait(string duration) => new() { ["id"] = "settle", ["type"] = "wait", ["duration"] = duration };

    /// <summary>Waits until the instant an expression gives (e.g. an enrolment input), to the second.</summary>
    public static JsonObject WaitUntil(string expression) => new() { ["id"] = "settle", ["type"] = "waitUntil", ["date"] = expression };

    public static JsonObject SendEmail(string category = "operational") => new()
    {
        ["id"] = "mail", ["type"] = "sendEmail", ["template"] = "welcome", ["to"] = new JsonArray("decision-maker"), ["category"] = category,
    };

    /// <summary>Waits for <paramref name="name"/>; a timeout ends the instance on an end step of its own ("not received").</summary>
    public static JsonObject WaitForEvent(string name) => new() { ["id"] = "wait-event", ["type"] = "waitForEvent", ["event"] = name, ["timeout"] = "P7D" };

    public static JsonObject CreateTask() => new()
    {
        ["id"] = "call", ["type"] = "createTask", ["assignee"] = "csm", ["title"] = "Call {{ account.name }}", ["due"] = "P2D",
    };

    public static JsonObject WaitForTask() => new() { ["id"] = "wait-call", ["type"] = "waitForTask", ["task"] = "call" };

    public static JsonObject SetField(string id, string field, string value) => new() { ["id"] = id, ["type"] = "setField", ["field"] = field, ["value"] = value };

    /// <summary>Creates and publishes a playbook; returns the published version.</summary>
    public static async Task<int> PublishAsync(HttpClient ops, JsonObject definition)
    {
        var id = (string)definition["id"]!;
        AddTimeoutEnds(definition);
        await (await ops.PostJson("/api/playbooks", definition)).Expect(201);
        var published = await (await ops.PostJson($"/api/playbooks/{id}/publish", new JsonObject { ["note"] = "fault suite" })).Expect(200);
        return (int)published["version"]!;
    }

    public static async Task CreateAccountAsync(HttpClient client, JsonObject account) =>
        await (await client.PutJson($"/api/accounts/{account["id"]}", account)).Expect(201, 200);

    /// <summary>Enrols with an idempotency key (the account id), so a retry after a cut connection starts no second instance.</summary>
    public static async Task<HttpResponseMessage> EnrolAsync(HttpClient client, string playbookId, string accountId) =>
        await client.PostJson($"/api/playbooks/{playbookId}/enrolments", new JsonObject { ["accountId"] = accountId, ["idempotencyKey"] = $"enrol-{accountId}" });

    private static void AddTimeoutEnds(JsonObject definition)
    {
        var steps = definition["steps"]!.AsArray();
        var connections = definition["connections"]!.AsArray();
        foreach (var wait in steps.Where(s => (string)s!["type"]! is "waitForEvent" or "waitForTask").ToList())
        {
            var end = $"{wait!["id"]}-missed";
            steps.Add(new JsonObject { ["id"] = end, ["type"] = "end", ["reason"] = "not received" });
            connections.Add(new JsonObject { ["from"] = (string)wait["id"]!, ["outcome"] = (string)wait["type"]! == "waitForTask" ? "overdue" : "timeout", ["to"] = end });
        }
    }
}
