using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClarityPortal.Data.Progress;

internal sealed class SectionProgressConfiguration : IEntityTypeConfiguration<SectionProgress>
{
    public void Configure(EntityTypeBuilder<SectionProgress> b)
    {
        b.Property(p => p.SectionKey).HasMaxLength(100);
        b.HasIndex(p => new
            {
                p.PatientId,
                p.ModuleId,
                p.SectionKey,
            })
            .IsUnique();
        b.HasOne(p => p.Patient).WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.Module).WithMany().HasForeignKey(p => p.ModuleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ModuleProgressConfiguration : IEntityTypeConfiguration<ModuleProgress>
{
    public void Configure(EntityTypeBuilder<ModuleProgress> b)
    {
        b.Property(p => p.LastSectionKey).HasMaxLength(100);
        // Stored as the words earlier versions wrote ("understood", "question"), so no row needs rewriting.
        b.Property(p => p.AcknowledgedAs)
            .HasMaxLength(20)
            .HasConversion(
                v => v == Acknowledgement.Question ? "question" : "understood",
                s => s == "question" ? Acknowledgement.Question : Acknowledgement.Understood
            );
        b.HasIndex(p => new { p.PatientId, p.ModuleId }).IsUnique();
        b.HasOne(p => p.Patient).WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.Module).WithMany().HasForeignKey(p => p.ModuleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.AcknowledgedRevision)
            .WithMany()
            .HasForeignKey(p => p.AcknowledgedRevisionId)
            .OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class CheckAnswerConfiguration : IEntityTypeConfiguration<CheckAnswer>
{
    public void Configure(EntityTypeBuilder<CheckAnswer> b)
    {
        b.HasIndex(a => new { a.PatientId, a.CheckId });
        b.HasOne<Identity.ApplicationUser>()
            .WithMany()
            .HasForeignKey(a => a.PatientId)
            .OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.Check).WithMany().HasForeignKey(a => a.CheckId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.PatientId).HasMaxLength(450);
        b.HasIndex(r => r.ReceivedAt);
    }
}

internal sealed class ProgressSummaryConfiguration : IEntityTypeConfiguration<ProgressSummary>
{
    public void Configure(EntityTypeBuilder<ProgressSummary> b)
    {
        b.HasKey(s => new { s.PatientId, s.ModuleId });
        // Everything the matrix reads of a row, in one index (SQLite answers its filters from the index alone).
        b.HasIndex(s => new
        {
            s.PatientId,
            s.ModuleId,
            s.Status,
            s.Assigned,
            s.DueOn,
            s.Percent,
        });
        b.HasOne(s => s.Patient).WithMany().HasForeignKey(s => s.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Module).WithMany().HasForeignKey(s => s.ModuleId).OnDelete(DeleteBehavior.Cascade);
    }
}
