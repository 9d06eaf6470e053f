using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CsPlaybooks.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKeyRecord>
{
    public void Configure(EntityTypeBuilder<ApiKeyRecord> b)
    {
        b.ToTable("api_keys");
        b.HasKey(k => k.Id);
        b.Property(k => k.Name).HasMaxLength(200);
        b.Property(k => k.Role).HasMaxLength(30);
        b.Property(k => k.CsmId).HasMaxLength(100);
        b.Property(k => k.Prefix).HasMaxLength(20);
        b.Property(k => k.Hash).HasMaxLength(64);
        b.Property(k => k.CreatedBy).HasMaxLength(256);
        b.HasIndex(k => k.Hash).IsUnique();
    }
}
