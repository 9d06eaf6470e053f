using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CsPlaybooks.Infrastructure.Persistence.Configurations;

internal sealed class EmailConfiguration : IEntityTypeConfiguration<EmailRecord>
{
    public void Configure(EntityTypeBuilder<EmailRecord> b)
    {
        b.ToTable("emails");
        b.HasKey(e => e.Id);
        b.Property(e => e.DedupKey).HasMaxLength(300);
        b.Property(e => e.StepId).HasMaxLength(FieldLimits.StepId);
        b.Property(e => e.AccountId).HasMaxLength(FieldLimits.Id);
        b.Property(e => e.ContactId).HasMaxLength(FieldLimits.Id);
        b.Property(e => e.RecipientAddress).HasMaxLength(FieldLimits.EmailAddress);
        b.Property(e => e.RecipientName).HasMaxLength(FieldLimits.DisplayName);
        b.Property(e => e.FromAddress).HasMaxLength(FieldLimits.EmailAddress);
        b.Property(e => e.FromName).HasMaxLength(FieldLimits.DisplayName);
        b.Property(e => e.Category).HasMaxLength(30);
        b.Property(e => e.Template).HasMaxLength(FieldLimits.EmailTemplateName);
        b.Property(e => e.Subject).HasMaxLength(FieldLimits.EmailSubject);
        b.Property(e => e.State).HasMaxLength(20);
        b.Property(e => e.MessageId).HasMaxLength(200);
        b.Property(e => e.Transport).HasMaxLength(20);
        b.HasIndex(e => e.DedupKey).IsUnique();
        // The frequency cap: recent digital-touch sends to one address.
        b.HasIndex(e => new { e.RecipientAddress, e.Category, e.SentAt });
        b.HasIndex(e => new { e.AccountId, e.CreatedAt });
        b.HasIndex(e => e.InstanceId);
        b.HasIndex(e => new { e.State, e.CreatedAt });
    }
}
