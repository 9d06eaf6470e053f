namespace CsPlaybooks.Engine.Runtime;

/// <summary>What one burst did: the new state and everything that must commit with it.</summary>
public sealed record BurstResult(
    InstanceState State,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<OutboxMessage> Outbox,
    IReadOnlyList<Bookmark> AddedBookmarks,
    IReadOnlyList<Bookmark> RemovedBookmarks)
{
    /// <summary>Changes to the account's document, applied in the same transaction.</summary>
    public IReadOnlyList<AccountChange> AccountChanges { get; init; } = [];

    /// <summary>False when the stimulus found nothing to do (e.g. a bookmark already consumed).</summary>
    public bool Changed { get; init; } = true;
}
