using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CsPlaybooks.Infrastructure.Persistence.Configurations;

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponseRecord>
{
    public void Configure(EntityTypeBuilder<SurveyResponseRecord> b)
    {
        b.ToTable("survey_responses");
        b.HasKey(r => r.Id);
        b.Property(r => r.SurveyId).HasMaxLength(40);
        b.Property(r => r.ContactKey).HasMaxLength(FieldLimits.EmailAddress);
        b.Property(r => r.AccountId).HasMaxLength(FieldLimits.Id);
        b.Property(r => r.StepId).HasMaxLength(FieldLimits.StepId);
        b.Property(r => r.Kind).HasMaxLength(10);
        b.Property(r => r.Category).HasMaxLength(20);
        b.Property(r => r.Comment).HasMaxLength(FieldLimits.Note);
        b.Property(r => r.Revision).IsConcurrencyToken();
        b.HasIndex(r => new { r.SurveyId, r.ContactKey }).IsUnique();
        // The NPS report: answers of a kind per month.
        b.HasIndex(r => new { r.Kind, r.AnsweredMonth });
        b.HasIndex(r => new { r.AccountId, r.AnsweredAt });
    }
}
