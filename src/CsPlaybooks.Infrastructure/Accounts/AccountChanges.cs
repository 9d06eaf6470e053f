using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;

namespace CsPlaybooks.Infrastructure.Accounts;

/// <summary>Applies field changes to an account document and records each in the account's history (who, what, why).</summary>
public static class AccountChanges
{
    public static void Apply(PlaybooksDbContext context, AccountRecord account, IEnumerable<AccountChange> changes, string source, Guid? instanceId, DateTimeOffset now)
    {
        var json = JsonNode.Parse(account.Json)!.AsObject();
        foreach (var change in changes)
        {
            var old = change.ApplyTo(json);
            context.AccountHistory.Add(new AccountHistoryRecord
            {
                Id = Guid.CreateVersion7(now), AccountId = account.Id, At = now, Field = change.Field,
                OldValue = old?.ToJsonString(), NewValue = change.NewValue?.ToJsonString(),
                Source = instanceId is null ? source : $"{source}, step {change.StepId}", InstanceId = instanceId, Reason = change.Reason,
            });
        }
        AccountWriter.Store(account, json, now);
    }

    /// <summary>History rows for what an API call changed at the top level of the document (stage, tier, CSM…).</summary>
    public static void Record(PlaybooksDbContext context, string accountId, JsonObject? before, JsonObject after, string source, string? reason, DateTimeOffset now)
    {
        var fields = after.Select(p => p.Key).Union(before?.Select(p => p.Key) ?? []).Where(f => f != "id");
        foreach (var field in fields)
        {
            var old = before?[field];
            var value = after[field];
            if (JsonNode.DeepEquals(old, value)) continue;
            context.AccountHistory.Add(new AccountHistoryRecord
            {
                Id = Guid.CreateVersion7(now), AccountId = accountId, At = now, Field = field, OldValue = old?.ToJsonString(),
                NewValue = value?.ToJsonString(), Source = source, Reason = reason ?? (before is null ? "account created" : "account updated"),
            });
        }
    }
}
