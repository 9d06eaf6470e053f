using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CsPlaybooks.Infrastructure.Persistence.Configurations;

internal sealed class PlaybookConfiguration : IEntityTypeConfiguration<PlaybookRecord>
{
    public void Configure(EntityTypeBuilder<PlaybookRecord> b)
    {
        b.ToTable("playbooks");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).HasMaxLength(FieldLimits.Id);
        b.Property(p => p.Name).HasMaxLength(FieldLimits.PlaybookName);
    }
}

internal sealed class PlaybookVersionConfiguration : IEntityTypeConfiguration<PlaybookVersionRecord>
{
    public void Configure(EntityTypeBuilder<PlaybookVersionRecord> b)
    {
        b.ToTable("playbook_versions");
        b.HasKey(v => new { v.PlaybookId, v.Version });
        b.Property(v => v.PlaybookId).HasMaxLength(FieldLimits.Id);
        b.Property(v => v.ContentHash).HasMaxLength(64);
        b.Property(v => v.TriggerType).HasMaxLength(50);
        b.Property(v => v.TriggerEvent).HasMaxLength(FieldLimits.EventName);
        b.HasIndex(v => new { v.TriggerType, v.TriggerEvent });
    }
}
