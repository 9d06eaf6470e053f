using System.Text;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// The product's database. One subclass per provider carries that provider's migrations:
/// <code>dotnet ef migrations add NAME -p src/CsPlaybooks.Infrastructure -s src/CsPlaybooks.Infrastructure -c SqlitePlaybooksDbContext -o Persistence/Migrations/Sqlite</code>
/// (likewise PostgresPlaybooksDbContext → Migrations/Postgres, SqlServerPlaybooksDbContext → Migrations/SqlServer).
/// Columns are snake_case so the hand-written claim queries read naturally. People who sign in are ASP.NET Core Identity
/// users (<see cref="UserRecord"/>, one role each, so no role tables).
/// </summary>
public abstract class PlaybooksDbContext(DbContextOptions options) : IdentityUserContext<UserRecord>(options), IDataProtectionKeyContext
{
    public DbSet<PlaybookRecord> Playbooks => Set<PlaybookRecord>();
    public DbSet<PlaybookVersionRecord> PlaybookVersions => Set<PlaybookVersionRecord>();
    public DbSet<InstanceRecord> Instances => Set<InstanceRecord>();
    public DbSet<BookmarkRecord> Bookmarks => Set<BookmarkRecord>();
    public DbSet<JournalRecord> Journal => Set<JournalRecord>();
    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();
    public DbSet<EventRecord> Events => Set<EventRecord>();
    public DbSet<EventDeliveryRecord> EventDeliveries => Set<EventDeliveryRecord>();
    public DbSet<AccountRecord> Accounts => Set<AccountRecord>();
    public DbSet<AccountHistoryRecord> AccountHistory => Set<AccountHistoryRecord>();
    public DbSet<UsageFactRecord> UsageFacts => Set<UsageFactRecord>();
    public DbSet<HealthRecord> HealthHistory => Set<HealthRecord>();
    public DbSet<SegmentMemberRecord> SegmentMembers => Set<SegmentMemberRecord>();
    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();
    public DbSet<TaskCommentRecord> TaskComments => Set<TaskCommentRecord>();
    public DbSet<CsmRecord> Csms => Set<CsmRecord>();
    public DbSet<CsmAssignmentRecord> CsmAssignments => Set<CsmAssignmentRecord>();
    public DbSet<EmailRecord> Emails => Set<EmailRecord>();
    public DbSet<SurveyResponseRecord> SurveyResponses => Set<SurveyResponseRecord>();
    public DbSet<RecipientLockRecord> RecipientLocks => Set<RecipientLockRecord>();
    public DbSet<HostSecretRecord> Secrets => Set<HostSecretRecord>();
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();
    public DbSet<SignInLinkRecord> SignInLinks => Set<SignInLinkRecord>();
    public DbSet<CrmSyncRunRecord> CrmSyncRuns => Set<CrmSyncRunRecord>();
    public DbSet<CrmCursorRecord> CrmCursors => Set<CrmCursorRecord>();
    /// <summary>The Data Protection key ring (session cookies, antiforgery tokens), shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Rows staged to be appended in bulk, untracked (journal entries, event deliveries, posted events); the next SaveChangesAsync inserts them.</summary>
    internal AppendedRows Appended { get; } = new();

    /// <summary>Rows staged to be deleted by key without being read (consumed bookmarks); the next SaveChangesAsync deletes them.</summary>
    internal RemovedRows Removed { get; } = new();

    /// <summary>Rows staged to be updated by key without being tracked (delivered events marked processed); the next SaveChangesAsync updates them after EF's statements.</summary>
    internal UpdatedRows Updated { get; } = new();

    /// <summary>Rows appended, removed or updated by key, waiting for the next SaveChangesAsync.</summary>
    internal int Staged => Appended.Count + Removed.Count + Updated.Count;

    /// <summary>
    /// Saves the removed rows, the tracked changes, the updated and the appended rows in one transaction (the caller's, if
    /// one is open): EF's statements, then the removed, updated and appended rows in one more round trip (the removed rows
    /// first, in a round trip of their own, when EF inserts a row under a removed key). On PostgreSQL the changed rows with
    /// a concurrency token go in that round trip too (<see cref="GuardedUpdates"/>), and when that leaves EF nothing to do
    /// and no transaction is open, the save is that one command and no BEGIN or COMMIT: PostgreSQL runs the statements of
    /// one command as one implicit transaction, all or none of them.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Changes are detected once for the whole save, not again by each step that asks about them (taking the guarded
        // rows, looking for re-added keys, HasChanges, EF's own save): each detection scans every tracked row.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect) ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveDetectedAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private async Task<int> SaveDetectedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var guarded = Provider == DatabaseProvider.Postgres ? GuardedUpdates.Take(this) : GuardedUpdates.None;
        if (Staged == 0 && guarded.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var removeFirst = Removed.AnyAddedAgain(this);
        var oneCommand = Provider == DatabaseProvider.Postgres && Database.CurrentTransaction is null && !removeFirst && !ChangeTracker.HasChanges();
        IDbContextTransaction? own = null;
        int saved;
        try
        {
            if (oneCommand) await Database.OpenConnectionAsync(cancellationToken);
            else if (Database.CurrentTransaction is null) own = await Database.BeginTransactionAsync(cancellationToken);
            var statements = new StatementBatch(this, Database.CurrentTransaction?.GetDbTransaction())
            {
                BeginWhenSplit = async token => (own = await Database.BeginTransactionAsync(token)).GetDbTransaction(),
            };
            if (removeFirst)
            {
                await Removed.AppendToAsync(statements, cancellationToken);
                await statements.FlushAsync(cancellationToken);
            }
            saved = oneCommand ? 0 : await base.SaveChangesAsync(false, cancellationToken);
            await guarded.AppendToAsync(statements, cancellationToken);
            if (!removeFirst) await Removed.AppendToAsync(statements, cancellationToken);
            await Updated.AppendToAsync(statements, cancellationToken);
            await Appended.AppendToAsync(statements, cancellationToken);
            await statements.FlushAsync(cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException e)
        {
            guarded.Restore();
            // Callers tell a refused commit by DbUpdateException, as SaveChanges reports it for the tracked rows.
            throw e.SqlState == GuardedUpdates.ConflictState
                ? new DbUpdateConcurrencyException($"rows changed since they were read: {e.Message}", e)
                : new DbUpdateException($"the appended, updated or removed rows could not be saved: {e.Message}", e);
        }
        catch
        {
            guarded.Restore();
            throw;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
            if (oneCommand) await Database.CloseConnectionAsync();
        }
        if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
        saved += Staged + guarded.Count;
        Appended.Clear();
        Removed.Clear();
        Updated.Clear();
        return saved;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) => Staged == 0
        ? base.SaveChanges(acceptAllChangesOnSuccess)
        : throw new InvalidOperationException("appended, updated and removed rows are saved by SaveChangesAsync");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PlaybooksDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}

public enum DatabaseProvider { Sqlite, Postgres, SqlServer }
