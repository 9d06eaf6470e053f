using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Tasks;

/// <summary>Playbooks, CSMs and accounts for the task tests; every id is fresh so tests never see each other's data.</summary>
public static class TaskSamples
{
    /// <summary>createTask (csm, due P2D, required) → waitForTask → end "done" (completed) / end "late" (overdue).</summary>
    public static JsonObject CallPlaybook(string id, string due = "P2D", bool required = true) => new()
    {
        ["id"] = id,
        ["name"] = "Call " + id,
        ["trigger"] = new JsonObject { ["type"] = "manual" },
        ["steps"] = new JsonArray(
            new JsonObject
            {
                ["id"] = "call", ["type"] = "createTask", ["assignee"] = "csm", ["title"] = "Call {{ account.name }}",
                ["description"] = "Tier {{ account.tier }}", ["due"] = due, ["priority"] = "high", ["required"] = required,
            },
            new JsonObject { ["id"] = "wait-call", ["type"] = "waitForTask", ["task"] = "call" },
            new JsonObject { ["id"] = "done", ["type"] = "end", ["reason"] = "called" },
            new JsonObject { ["id"] = "late", ["type"] = "end", ["reason"] = "call overdue" }),
        ["connections"] = new JsonArray(
            new JsonObject { ["from"] = "call", ["to"] = "wait-call" },
            new JsonObject { ["from"] = "wait-call", ["outcome"] = "completed", ["to"] = "done" },
            new JsonObject { ["from"] = "wait-call", ["outcome"] = "overdue", ["to"] = "late" }),
    };

    public static JsonObject Csm(string name, string touchModel, string[] industries, int? capacity = null, bool isLead = false, string? graphUserId = null) => new()
    {
        ["name"] = name, ["email"] = $"{name.ToLowerInvariant().Replace(' ', '.')}@example.com", ["touchModel"] = touchModel,
        ["capacity"] = capacity, ["industries"] = new JsonArray([.. industries.Select(i => (JsonNode)i)]), ["tiers"] = new JsonArray(),
        ["isLead"] = isLead, ["graphUserId"] = graphUserId,
    };

    public static async Task PutCsm(HttpClient ops, string id, JsonObject csm) =>
        Assert.True((await ops.PutJson($"/api/csms/{id}", csm)).IsSuccessStatusCode);

    public static JsonObject Account(string id, string tier, string industry, string? csmId = null)
    {
        var account = Samples.Account(id, tier);
        account["industry"] = industry;
        if (csmId is not null) account["csmId"] = csmId;
        return account;
    }

    public static async Task<JsonArray> Tasks(HttpClient client, string query) => (await client.GetJson($"/api/tasks?{query}"))["items"]!.AsArray();

    public static async Task<JsonNode> TaskOf(HttpClient ops, string account, Func<JsonNode, bool>? where = null) =>
        (await Eventually.Get(() => Tasks(ops, $"account={account}"), t => t.Any(x => where?.Invoke(x!) ?? true), $"a task for {account}"))
        .First(x => where?.Invoke(x!) ?? true)!;
}
