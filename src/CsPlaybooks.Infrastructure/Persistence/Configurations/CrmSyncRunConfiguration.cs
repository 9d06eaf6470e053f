using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CsPlaybooks.Infrastructure.Persistence.Configurations;

internal sealed class CrmSyncRunConfiguration : IEntityTypeConfiguration<CrmSyncRunRecord>
{
    public void Configure(EntityTypeBuilder<CrmSyncRunRecord> b)
    {
        b.ToTable("crm_sync_runs");
        b.HasKey(r => r.Id);
        b.Property(r => r.Connector).HasMaxLength(40);
        b.Property(r => r.RequestedBy).HasMaxLength(300);
        b.Property(r => r.Status).HasMaxLength(20);
        b.HasIndex(r => new { r.Connector, r.Status });
        b.HasIndex(r => r.RequestedAt);
    }
}
