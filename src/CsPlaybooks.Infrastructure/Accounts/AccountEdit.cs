using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Events;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;

namespace CsPlaybooks.Infrastructure.Accounts;

/// <summary>
/// One attempt at changing an account (see <see cref="AccountWriter"/>): the document to change in place, the
/// context to stage related rows on (they commit together), and the events the change raises.
/// </summary>
public sealed class AccountEdit
{
    private readonly List<NewEvent> _raised = [];

    internal AccountEdit(PlaybooksDbContext context, string accountId, AccountRecord? record, DateTimeOffset now)
    {
        Context = context;
        AccountId = accountId;
        Record = record;
        Json = record is null ? null : JsonNode.Parse(record.Json)!.AsObject();
        Now = now;
    }

    public PlaybooksDbContext Context { get; }
    public string AccountId { get; }
    /// <summary>The stored row; null when the account does not exist (yet).</summary>
    public AccountRecord? Record { get; }
    /// <summary>The document to change in place; null when the account does not exist. <see cref="Replace"/> sets it whole.</summary>
    public JsonObject? Json { get; private set; }
    public DateTimeOffset Now { get; }
    /// <summary>Why, for the history rows; defaults to "account created" / "account updated".</summary>
    public string? Reason { get; set; }
    /// <summary>False for derived data that keeps a history of its own (health, usage summaries).</summary>
    public bool RecordsHistory { get; set; } = true;
    internal IReadOnlyList<NewEvent> Raised => _raised;
    internal bool Replaced { get; private set; }

    /// <summary>Replaces (or creates) the whole document.</summary>
    public void Replace(JsonObject document)
    {
        Json = (JsonObject)document.DeepClone();
        Replaced = true;
    }

    /// <summary>An event stored in the same transaction as the change and delivered after it.</summary>
    public void Raise(string id, string name, JsonObject? data = null) => _raised.Add(new NewEvent(id, name, AccountId, data));
}
