using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CsPlaybooks.Infrastructure.Persistence.Configurations;

internal sealed class TaskConfiguration : IEntityTypeConfiguration<TaskRecord>
{
    public void Configure(EntityTypeBuilder<TaskRecord> b)
    {
        b.ToTable("tasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.Key).HasMaxLength(300);
        b.Property(t => t.Source).HasMaxLength(20);
        b.Property(t => t.AccountId).HasMaxLength(FieldLimits.Id);
        b.Property(t => t.StepId).HasMaxLength(FieldLimits.StepId);
        b.Property(t => t.AssigneeRole).HasMaxLength(30);
        b.Property(t => t.AssigneeCsmId).HasMaxLength(FieldLimits.Id);
        b.Property(t => t.Title).HasMaxLength(FieldLimits.TaskTitle);
        b.Property(t => t.Priority).HasMaxLength(10);
        b.Property(t => t.Status).HasMaxLength(20);
        b.Property(t => t.CompletedBy).HasMaxLength(200);
        b.Property(t => t.GraphUserId).HasMaxLength(FieldLimits.GraphUserId);
        b.Property(t => t.GraphListId).HasMaxLength(300);
        b.Property(t => t.GraphTaskId).HasMaxLength(300);
        b.HasIndex(t => t.Key).IsUnique();
        b.HasIndex(t => new { t.AssigneeCsmId, t.Status });
        b.HasIndex(t => new { t.AccountId, t.Status });
        b.HasIndex(t => new { t.Status, t.Required, t.DueAt });
        b.HasIndex(t => t.InstanceId);
    }
}

internal sealed class TaskCommentConfiguration : IEntityTypeConfiguration<TaskCommentRecord>
{
    public void Configure(EntityTypeBuilder<TaskCommentRecord> b)
    {
        b.ToTable("task_comments");
        b.HasKey(c => c.Id);
        b.Property(c => c.Author).HasMaxLength(200);
        b.Property(c => c.Text).HasMaxLength(FieldLimits.Note);
        b.HasIndex(c => new { c.TaskId, c.At });
    }
}

internal sealed class CsmConfiguration : IEntityTypeConfiguration<CsmRecord>
{
    public void Configure(EntityTypeBuilder<CsmRecord> b)
    {
        b.ToTable("csms");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).HasMaxLength(FieldLimits.Id);
        b.Property(c => c.Name).HasMaxLength(FieldLimits.CsmName);
        b.Property(c => c.Email).HasMaxLength(FieldLimits.EmailAddress);
        b.Property(c => c.GraphUserId).HasMaxLength(FieldLimits.GraphUserId);
        b.Property(c => c.GraphListId).HasMaxLength(300);
        b.Property(c => c.TouchModel).HasMaxLength(10);
    }
}

internal sealed class CsmAssignmentConfiguration : IEntityTypeConfiguration<CsmAssignmentRecord>
{
    public void Configure(EntityTypeBuilder<CsmAssignmentRecord> b)
    {
        b.ToTable("csm_assignments");
        b.HasKey(a => a.Id);
        b.Property(a => a.AccountId).HasMaxLength(FieldLimits.Id);
        b.Property(a => a.FromCsmId).HasMaxLength(FieldLimits.Id);
        b.Property(a => a.ToCsmId).HasMaxLength(FieldLimits.Id);
        b.Property(a => a.Kind).HasMaxLength(20);
        b.Property(a => a.By).HasMaxLength(200);
        b.HasIndex(a => new { a.AccountId, a.At });
    }
}
