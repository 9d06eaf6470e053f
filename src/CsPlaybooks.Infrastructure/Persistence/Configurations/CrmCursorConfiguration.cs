using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CsPlaybooks.Infrastructure.Persistence.Configurations;

internal sealed class CrmCursorConfiguration : IEntityTypeConfiguration<CrmCursorRecord>
{
    public void Configure(EntityTypeBuilder<CrmCursorRecord> b)
    {
        b.ToTable("crm_cursors");
        b.HasKey(c => new { c.Connector, c.ObjectType });
        b.Property(c => c.Connector).HasMaxLength(40);
        b.Property(c => c.ObjectType).HasMaxLength(40);
    }
}
