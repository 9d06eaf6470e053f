using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CsPlaybooks.Infrastructure.Persistence.Configurations;

internal sealed class HostSecretConfiguration : IEntityTypeConfiguration<HostSecretRecord>
{
    public void Configure(EntityTypeBuilder<HostSecretRecord> b)
    {
        b.ToTable("secrets");
        b.HasKey(s => s.Name);
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.Value).HasMaxLength(1000);
    }
}
