using System.Text.Json.Nodes;

namespace CsPlaybooks.Infrastructure.Accounts;

/// <summary>
/// A new contract term for an account (a renewal, from the API or a CRM's closed-won deal): the current contract moves
/// to <c>contractHistory</c>, the new one takes its place, and <c>contract.renewed</c> is raised with both.
/// </summary>
public static class ContractRenewal
{
    /// <param name="contract">{ start, end, value?, currency?, … } with dates as yyyy-MM-dd.</param>
    public static void Apply(AccountEdit edit, JsonObject document, JsonObject contract, string? reason, string? note)
    {
        var old = document["contract"]?.DeepClone();
        if (old is JsonObject previous)
        {
            if (document["contractHistory"] is not JsonArray history) document["contractHistory"] = history = [];
            history.Add(previous.DeepClone());
        }
        document["contract"] = contract;
        edit.Raise($"contract.renewed:{edit.AccountId}:{contract["start"]}:{contract["end"]}", "contract.renewed", new JsonObject
        {
            ["reason"] = reason, ["note"] = note, ["previous"] = old, ["contract"] = contract.DeepClone(),
        });
    }
}
