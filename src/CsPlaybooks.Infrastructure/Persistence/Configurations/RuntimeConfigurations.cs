using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CsPlaybooks.Infrastructure.Persistence.Configurations;

internal sealed class InstanceConfiguration : IEntityTypeConfiguration<InstanceRecord>
{
    public void Configure(EntityTypeBuilder<InstanceRecord> b)
    {
        b.ToTable("instances");
        b.HasKey(i => i.Id);
        b.Property(i => i.PlaybookId).HasMaxLength(FieldLimits.Id);
        b.Property(i => i.AccountId).HasMaxLength(FieldLimits.Id);
        b.Property(i => i.Status).HasMaxLength(20);
        b.Property(i => i.EnrolmentKey).HasMaxLength(FieldLimits.EnrolmentKey);
        b.Property(i => i.ReentryGuard).HasMaxLength(250);
        b.Property(i => i.FaultedStepId).HasMaxLength(FieldLimits.StepId);
        b.Property(i => i.Revision).IsConcurrencyToken();
        b.HasIndex(i => new { i.PlaybookId, i.Version, i.Status });
        b.HasIndex(i => new { i.AccountId, i.Status });
        // an account's instances of one playbook, newest last: the holdout report's latest instance per account (without
        // it SQLite, which keeps no statistics, searched the playbook's 100,000 instances for each of them)
        b.HasIndex(i => new { i.AccountId, i.PlaybookId, i.CreatedAt });
        b.HasIndex(i => i.CreatedAt); // the instance list's default order, newest first: a page without sorting them all
        b.HasIndex(i => i.EnrolmentKey).IsUnique();
        b.HasIndex(i => i.ReentryGuard).IsUnique();
    }
}

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<BookmarkRecord>
{
    public void Configure(EntityTypeBuilder<BookmarkRecord> b)
    {
        b.ToTable("bookmarks");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasMaxLength(80);
        b.Property(x => x.AccountId).HasMaxLength(FieldLimits.Id);
        b.Property(x => x.StepId).HasMaxLength(FieldLimits.StepId);
        b.Property(x => x.EventName).HasMaxLength(FieldLimits.EventName);
        b.Property(x => x.ClaimedBy).HasMaxLength(100);
        b.Property(x => x.ClaimedUntil).IsConcurrencyToken();
        b.HasIndex(x => x.DueAt);
        b.HasIndex(x => new { x.AccountId, x.EventName });
        b.HasIndex(x => x.InstanceId);
    }
}

internal sealed class JournalConfiguration : IEntityTypeConfiguration<JournalRecord>
{
    public void Configure(EntityTypeBuilder<JournalRecord> b)
    {
        b.ToTable("journal");
        b.HasKey(j => j.Id);
        b.Property(j => j.Kind).HasMaxLength(50);
        b.Property(j => j.StepId).HasMaxLength(FieldLimits.StepId);
        b.HasIndex(j => new { j.InstanceId, j.Id });
    }
}

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxRecord>
{
    public void Configure(EntityTypeBuilder<OutboxRecord> b)
    {
        b.ToTable("outbox");
        b.HasKey(o => o.Id);
        b.Property(o => o.Kind).HasMaxLength(50);
        b.Property(o => o.StepId).HasMaxLength(FieldLimits.StepId);
        b.Property(o => o.DedupKey).HasMaxLength(300);
        b.Property(o => o.State).HasMaxLength(20);
        b.Property(o => o.ClaimedBy).HasMaxLength(100);
        b.Property(o => o.ClaimedUntil).IsConcurrencyToken();
        b.HasIndex(o => o.DedupKey).IsUnique();
        b.HasIndex(o => new { o.State, o.NextAttemptAt });
        b.HasIndex(o => o.InstanceId);
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<IncidentRecord>
{
    public void Configure(EntityTypeBuilder<IncidentRecord> b)
    {
        b.ToTable("incidents");
        b.HasKey(i => i.Id);
        b.Property(i => i.Kind).HasMaxLength(50);
        b.Property(i => i.StepId).HasMaxLength(FieldLimits.StepId);
        b.HasIndex(i => i.InstanceId);
    }
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<EventRecord>
{
    public void Configure(EntityTypeBuilder<EventRecord> b)
    {
        b.ToTable("events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasMaxLength(FieldLimits.EventId);
        b.Property(e => e.Name).HasMaxLength(FieldLimits.EventName);
        b.Property(e => e.AccountId).HasMaxLength(FieldLimits.Id);
        b.Property(e => e.ClaimedBy).HasMaxLength(100);
        b.HasIndex(e => e.ProcessedAt);
        b.HasIndex(e => e.DeliverAt);
        b.HasIndex(e => new { e.AccountId, e.ReceivedAt });
    }
}

internal sealed class EventDeliveryConfiguration : IEntityTypeConfiguration<EventDeliveryRecord>
{
    public void Configure(EntityTypeBuilder<EventDeliveryRecord> b)
    {
        b.ToTable("event_deliveries");
        b.HasKey(d => new { d.EventId, d.InstanceId });
        b.Property(d => d.EventId).HasMaxLength(FieldLimits.EventId);
    }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<AccountRecord>
{
    public void Configure(EntityTypeBuilder<AccountRecord> b)
    {
        b.ToTable("accounts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).HasMaxLength(FieldLimits.Id);
        b.Property(a => a.Name).HasMaxLength(FieldLimits.AccountName);
        b.Property(a => a.CsmId).HasMaxLength(FieldLimits.Id);
        b.Property(a => a.Tier).HasMaxLength(AccountColumns.Short);
        b.Property(a => a.Stage).HasMaxLength(AccountColumns.Short);
        b.Property(a => a.Industry).HasMaxLength(AccountColumns.Industry);
        b.Property(a => a.HealthBand).HasMaxLength(AccountColumns.Short);
        b.Property(a => a.Tags).HasMaxLength(AccountColumns.Tags);
        b.Property(a => a.Revision).IsConcurrencyToken();
        b.HasIndex(a => a.CsmId);
        b.HasIndex(a => a.Name);
        b.HasIndex(a => new { a.Tier, a.Stage });
        b.HasIndex(a => a.Stage);
        b.HasIndex(a => a.Industry);
        b.HasIndex(a => new { a.HealthBand, a.HealthScore });
        b.HasIndex(a => a.ContractEnd);
        b.HasIndex(a => a.UpdatedAt);
    }
}

internal sealed class AccountHistoryConfiguration : IEntityTypeConfiguration<AccountHistoryRecord>
{
    public void Configure(EntityTypeBuilder<AccountHistoryRecord> b)
    {
        b.ToTable("account_history");
        b.HasKey(h => h.Id);
        b.Property(h => h.AccountId).HasMaxLength(FieldLimits.Id);
        b.Property(h => h.Field).HasMaxLength(FieldLimits.AccountField);
        b.Property(h => h.Source).HasMaxLength(300);
        b.HasIndex(h => new { h.AccountId, h.At });
        b.HasIndex(h => new { h.Field, h.At });
    }
}

internal sealed class UsageFactConfiguration : IEntityTypeConfiguration<UsageFactRecord>
{
    public void Configure(EntityTypeBuilder<UsageFactRecord> b)
    {
        b.ToTable("usage_facts");
        b.HasKey(u => new { u.AccountId, u.Date });
        b.Property(u => u.AccountId).HasMaxLength(FieldLimits.Id);
    }
}

internal sealed class HealthConfiguration : IEntityTypeConfiguration<HealthRecord>
{
    public void Configure(EntityTypeBuilder<HealthRecord> b)
    {
        b.ToTable("health_history");
        b.HasKey(h => new { h.AccountId, h.PeriodStart });
        b.Property(h => h.AccountId).HasMaxLength(FieldLimits.Id);
        b.Property(h => h.Band).HasMaxLength(10);
        b.HasIndex(h => new { h.PeriodStart, h.Band });
    }
}

internal sealed class SegmentMemberConfiguration : IEntityTypeConfiguration<SegmentMemberRecord>
{
    public void Configure(EntityTypeBuilder<SegmentMemberRecord> b)
    {
        b.ToTable("segment_members");
        b.HasKey(m => new { m.PlaybookId, m.AccountId });
        b.Property(m => m.PlaybookId).HasMaxLength(FieldLimits.Id);
        b.Property(m => m.AccountId).HasMaxLength(FieldLimits.Id);
    }
}
