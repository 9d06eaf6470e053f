using System.Text.Json.Nodes;

namespace CsPlaybooks.Success.Accounts;

/// <summary>
/// The handover packet of DOMAIN.md §2 that sales (or the leaving CSM) hands to the CSM. A new customer needs: the
/// contract, decision-makers and key users, the current situation, the problems to solve and the implementation plan;
/// an old customer (<c>isNew: false</c>) also needs plan progress and current usage. Items live in the account:
/// <c>contract</c>, <c>contacts</c> (roles), <c>handover.situation</c>, <c>handover.problems</c>,
/// <c>handover.implementationPlan</c>, <c>handover.planProgress</c>, <c>handover.usage</c> (or a health record).
/// </summary>
public static class HandoverPacket
{
    public sealed record Item(string Key, string Label, bool OldCustomerOnly);

    public static readonly IReadOnlyList<Item> Items =
    [
        new("contract", "the signed contract (start and end dates)", false),
        new("decision-makers", "the decision-makers (contacts with role decision-maker)", false),
        new("key-users", "the key users (contacts with role key-user)", false),
        new("situation", "the customer's current situation (handover.situation)", false),
        new("problems", "the problems to solve (handover.problems)", false),
        new("implementation-plan", "the implementation plan (handover.implementationPlan)", false),
        new("plan-progress", "progress against the plan (handover.planProgress)", true),
        new("current-usage", "current usage (handover.usage or a health record)", true),
    ];

    /// <summary>The packet items this account still lacks (empty when complete).</summary>
    public static IReadOnlyList<Item> Missing(JsonObject account)
    {
        var isNew = account["isNew"] is not JsonValue v || !v.TryGetValue<bool>(out var flag) || flag;
        var handover = account["handover"] as JsonObject;
        var contacts = (account["contacts"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        bool Has(string key) => key switch
        {
            "contract" => account["contract"] is JsonObject c && Filled(c["start"]) && Filled(c["end"]),
            "decision-makers" => contacts.Any(c => (string?)c["role"] == "decision-maker"),
            "key-users" => contacts.Any(c => (string?)c["role"] == "key-user"),
            "situation" => Filled(handover?["situation"]),
            "problems" => Filled(handover?["problems"]),
            "implementation-plan" => Filled(handover?["implementationPlan"]),
            "plan-progress" => Filled(handover?["planProgress"]),
            "current-usage" => Filled(handover?["usage"]) || account["health"] is JsonObject,
            _ => false,
        };
        return Items.Where(i => (isNew ? !i.OldCustomerOnly : true) && !Has(i.Key)).ToList();
    }

    private static bool Filled(JsonNode? node) => node switch
    {
        null => false,
        JsonValue v when v.TryGetValue<string>(out var s) => !string.IsNullOrWhiteSpace(s),
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        _ => true,
    };
}
