using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CsPlaybooks.Infrastructure.Persistence.Configurations;

internal sealed class RecipientLockConfiguration : IEntityTypeConfiguration<RecipientLockRecord>
{
    public void Configure(EntityTypeBuilder<RecipientLockRecord> b)
    {
        b.ToTable("recipient_locks");
        b.HasKey(r => r.Address);
        b.Property(r => r.Address).HasMaxLength(320);
    }
}
