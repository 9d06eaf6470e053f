using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Reports;

/// <summary>A manual playbook that does what the enrolment input says: record a reason, set a stage, flag an expansion, or wait.</summary>
public static class ReportSamples
{
    public static JsonObject OutcomePlaybook(string id, int holdoutPercent = 0)
    {
        static JsonObject Step(string stepId, string type, params (string Key, JsonNode Value)[] settings)
        {
            var step = new JsonObject { ["id"] = stepId, ["type"] = type };
            foreach (var (k, v) in settings) step[k] = v;
            return step;
        }
        static JsonObject Link(string from, string to, string? outcome = null) =>
            outcome is null ? new JsonObject { ["from"] = from, ["to"] = to } : new JsonObject { ["from"] = from, ["outcome"] = outcome, ["to"] = to };
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = "Outcomes " + id,
            ["trigger"] = new JsonObject { ["type"] = "manual" },
            ["enrolment"] = new JsonObject { ["holdoutPercent"] = holdoutPercent },
            ["steps"] = new JsonArray(
                Step("route", "switch", ("value", "variables.kind"), ("cases", new JsonArray("renewal", "non-renewal", "churn", "at-risk", "expansion", "wait"))),
                Step("renewed", "recordReason", ("kind", "renewal"), ("cause", "variables.cause")),
                Step("not-renewed", "recordReason", ("kind", "non-renewal"), ("cause", "variables.cause")),
                Step("churned", "recordReason", ("kind", "churn"), ("cause", "variables.cause")),
                Step("mark-churned", "setStage", ("stage", "churned")),
                Step("mark-at-risk", "setStage", ("stage", "at-risk")),
                Step("hand-to-sales", "setField", ("field", "expansion.upsell"), ("value", "{{ variables.cause }}")),
                Step("wait-done", "waitForEvent", ("event", "report.test.done"), ("timeout", "P30D")),
                Step("done", "end")),
            ["connections"] = new JsonArray(
                Link("route", "renewed", "renewal"), Link("route", "not-renewed", "non-renewal"), Link("route", "churned", "churn"),
                Link("route", "mark-at-risk", "at-risk"), Link("route", "hand-to-sales", "expansion"), Link("route", "wait-done", "wait"),
                Link("route", "done", "default"), Link("churned", "mark-churned"),
                Link("wait-done", "done", "received"), Link("wait-done", "done", "timeout")),
        };
    }

    public static async Task<Guid> Enrol(HttpClient client, string playbookId, string accountId, string kind, string cause = "")
    {
        var body = await (await client.PostJson($"/api/playbooks/{playbookId}/enrolments",
            new { accountId, input = new { kind, cause } })).Expect(201);
        return Guid.Parse((string)body["instanceId"]!);
    }

    public static async Task<string> Account(HttpClient client, string tag, string tier = "KA", string stage = "onboarding")
    {
        var id = Samples.NewId("rep");
        var account = Samples.Account(id, tier);
        account["stage"] = stage;
        account["seats"] = 10;
        account["tags"] = new JsonArray(tag);
        await Samples.CreateAccount(client, account);
        return id;
    }
}
