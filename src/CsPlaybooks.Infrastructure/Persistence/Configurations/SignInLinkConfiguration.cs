using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CsPlaybooks.Infrastructure.Persistence.Configurations;

internal sealed class SignInLinkConfiguration : IEntityTypeConfiguration<SignInLinkRecord>
{
    public void Configure(EntityTypeBuilder<SignInLinkRecord> b)
    {
        b.ToTable("sign_in_links");
        b.HasKey(l => l.Id);
        b.Property(l => l.Purpose).HasMaxLength(10);
        b.Property(l => l.Hash).HasMaxLength(64);
        b.Property(l => l.UserId).HasMaxLength(450);
        b.HasIndex(l => l.Hash).IsUnique();
    }
}
