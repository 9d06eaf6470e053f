using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Persistence;

/// <summary>
/// Rows a unit of work removes, updates and appends by key commit with its tracked changes in one transaction, whatever
/// order their statements run in: a row removed by key and added again under the same key in the same unit is the new
/// row afterwards (the delete runs before EF's insert), and rows removed, updated and appended beside EF's changes in
/// numbers beyond one command's parameters all land.
/// </summary>
public abstract class StagedRowsTests(HostFixture fixture)
{
    private PlaybooksDb Db => fixture.Host.Services.GetRequiredService<PlaybooksDb>();

    [Fact]
    public async Task RowRemovedByKey_AndAddedAgainUnderTheSameKey_IsTheNewRow()
    {
        var instance = Guid.NewGuid();
        var kept = Bookmark(instance, "b1", "before");
        await using (var context = Db.Create())
        {
            context.Bookmarks.Add(kept);
            await context.SaveChangesAsync();
        }

        await using (var context = Db.Create())
        {
            context.Removed.Add<BookmarkRecord>(kept.Id);
            context.Bookmarks.Add(Bookmark(instance, "b1", "after"));
            context.Appended.Add(new JournalRecord { InstanceId = instance, At = DateTimeOffset.UnixEpoch, Kind = "test", Summary = "re-added" });
            await context.SaveChangesAsync();
        }

        await using var check = Db.Create();
        Assert.Equal("after", Assert.Single(await check.Bookmarks.Where(b => b.InstanceId == instance).ToListAsync()).StepId);
        Assert.Equal(1, await check.Journal.CountAsync(j => j.InstanceId == instance));
    }

    [Fact]
    public async Task ManyRowsRemovedUpdatedAndAppended_BesideTrackedChanges_AllCommitTogether()
    {
        var instance = Guid.NewGuid();
        var old = Enumerable.Range(0, 300).Select(i => Bookmark(instance, $"old{i}", "old")).ToList();
        // Due in a far year, so the fixture host's event pump leaves them alone (claimed and delivered, they would be marked processed meanwhile).
        var never = new DateTimeOffset(2999, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var events = Enumerable.Range(0, 300).Select(i => new EventRecord { Id = $"{instance:N}-{i}", Name = "staged", AccountId = "a", ReceivedAt = DateTimeOffset.UnixEpoch, DeliverAt = never }).ToList();
        await using (var context = Db.Create())
        {
            context.Bookmarks.AddRange(old);
            context.Events.AddRange(events);
            await context.SaveChangesAsync();
        }

        await using (var context = Db.Create())
        {
            foreach (var row in old) context.Removed.Add<BookmarkRecord>(row.Id);
            context.Bookmarks.Add(Bookmark(instance, "new", "new"));
            foreach (var e in events) context.Updated.Add<EventRecord>(e.Id, (nameof(EventRecord.Outcome), "done"), (nameof(EventRecord.DeliverAt), null));
            for (var i = 0; i < 300; i++)
                context.Appended.Add(new JournalRecord { InstanceId = instance, At = DateTimeOffset.UnixEpoch, Kind = "test", Summary = $"entry {i}" });
            await context.SaveChangesAsync();
        }

        await using var check = Db.Create();
        Assert.Equal("new", Assert.Single(await check.Bookmarks.Where(b => b.InstanceId == instance).ToListAsync()).StepId);
        var ids = events.Select(e => e.Id).ToList();
        Assert.Equal(300, await check.Events.CountAsync(e => ids.Contains(e.Id) && e.Outcome == "done" && e.DeliverAt == null));
        Assert.Equal(300, await check.Journal.CountAsync(j => j.InstanceId == instance));
    }

    [Fact]
    public async Task TrackedRowsWithAToken_ChangedBesideAppendedRows_CommitTogether_OnlyTheirChangedColumnsWritten()
    {
        var (a, b) = (await StoredInstance(), await StoredInstance());
        await using (var context = Db.Create())
        {
            var rows = await context.Instances.Where(i => i.Id == a.Id || i.Id == b.Id).ToListAsync();
            foreach (var row in rows)
            {
                row.StateJson = $"{{\"at\":\"{row.Id}\"}}";
                row.Revision++;
                row.FinishedAt = DateTimeOffset.UnixEpoch.AddDays(1);
            }
            rows[0].Status = "completed";
            context.Appended.Add(new JournalRecord { InstanceId = a.Id, At = DateTimeOffset.UnixEpoch, Kind = "test", Summary = "beside" });
            // Another writer changes a column this unit did not touch, without the token: it stays as that writer left it.
            await using (var other = Db.Create())
                await other.Instances.Where(i => i.Id == a.Id || i.Id == b.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.FaultMessage, "kept"));
            Assert.Equal(2 + 1, await context.SaveChangesAsync());
            Assert.All(context.ChangeTracker.Entries<InstanceRecord>(), e => Assert.Equal((EntityState.Unchanged, 1), (e.State, e.Entity.Revision)));
        }

        await using var check = Db.Create();
        var stored = await check.Instances.AsNoTracking().Where(i => i.Id == a.Id || i.Id == b.Id).ToListAsync();
        Assert.All(stored, i => Assert.Equal((1, $"{{\"at\":\"{i.Id}\"}}", "kept", DateTimeOffset.UnixEpoch.AddDays(1)), (i.Revision, i.StateJson, i.FaultMessage, i.FinishedAt)));
        Assert.Equal(["completed", "running"], stored.Select(i => i.Status).Order());
        Assert.Equal(1, await check.Journal.CountAsync(j => j.InstanceId == a.Id));
    }

    [Fact]
    public async Task TrackedRowWhoseTokenChangedSinceRead_FailsTheSave_NothingOfTheUnitStored_AndItStaysChanged()
    {
        var (a, b) = (await StoredInstance(), await StoredInstance());
        await using var context = Db.Create();
        var rows = await context.Instances.Where(i => i.Id == a.Id || i.Id == b.Id).ToListAsync();
        foreach (var row in rows)
        {
            row.StateJson = "{\"mine\":true}";
            row.Revision++;
        }
        context.Appended.Add(new JournalRecord { InstanceId = a.Id, At = DateTimeOffset.UnixEpoch, Kind = "test", Summary = "lost with the unit" });
        await using (var other = Db.Create())
            await other.Instances.Where(i => i.Id == b.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.StateJson, "{\"theirs\":true}").SetProperty(i => i.Revision, 1));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());

        Assert.All(context.ChangeTracker.Entries<InstanceRecord>(), e =>
        {
            Assert.Equal(EntityState.Modified, e.State);
            Assert.Equal(0, e.Property(i => i.Revision).OriginalValue);
        });
        await using var check = Db.Create();
        var stored = await check.Instances.AsNoTracking().Where(i => i.Id == a.Id || i.Id == b.Id).ToDictionaryAsync(i => i.Id);
        Assert.Equal(("{}", 0), (stored[a.Id].StateJson, stored[a.Id].Revision));
        Assert.Equal(("{\"theirs\":true}", 1), (stored[b.Id].StateJson, stored[b.Id].Revision));
        Assert.Equal(0, await check.Journal.CountAsync(j => j.InstanceId == a.Id));
    }

    [Fact]
    public async Task AppendedRows_BeyondOneCommand_WithoutATransaction_AllOrNone()
    {
        var prefix = Guid.NewGuid().ToString("N");
        EventRecord Event(int i) => new() { Id = $"{prefix}-{i}", Name = "staged", AccountId = "a", ReceivedAt = DateTimeOffset.UnixEpoch, DeliverAt = DateTimeOffset.UnixEpoch };
        await using (var context = Db.Create())
        {
            context.Events.Add(Event(3_999));
            await context.SaveChangesAsync();
        }

        // 4,000 events are more parameters than one command takes: the last command repeats a stored id and is refused.
        await using (var context = Db.Create())
        {
            for (var i = 0; i < 4_000; i++) context.Appended.Add(Event(i));
            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        }

        await using var check = Db.Create();
        Assert.Equal(1, await check.Events.CountAsync(e => e.Id.StartsWith(prefix)));
    }

    private async Task<InstanceRecord> StoredInstance()
    {
        var instance = new InstanceRecord
        {
            Id = Guid.NewGuid(), PlaybookId = "staged", Version = 1, AccountId = "a", Status = "running", StateJson = "{}",
            CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
        };
        await using var context = Db.Create();
        context.Instances.Add(instance);
        await context.SaveChangesAsync();
        return instance;
    }

    private static BookmarkRecord Bookmark(Guid instance, string id, string step) =>
        new() { Id = $"{instance:N}:{id}", InstanceId = instance, AccountId = "a", StepId = step, EventName = "staged" };
}

public sealed class StagedRowsTests_Sqlite(SqliteHost f) : StagedRowsTests(f), IClassFixture<SqliteHost>;
public sealed class StagedRowsTests_Postgres(PostgresHost f) : StagedRowsTests(f), IClassFixture<PostgresHost>;
