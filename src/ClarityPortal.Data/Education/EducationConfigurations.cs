using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClarityPortal.Data.Education;

internal sealed class ModuleConfiguration : IEntityTypeConfiguration<Module>
{
    public void Configure(EntityTypeBuilder<Module> b)
    {
        b.Property(m => m.Slug).HasMaxLength(100);
        b.HasIndex(m => m.Slug).IsUnique();
        b.Property(m => m.Title).HasMaxLength(200);
        b.Property(m => m.Summary).HasMaxLength(1000);
        b.HasMany(m => m.Revisions)
            .WithOne(r => r.Module)
            .HasForeignKey(r => r.ModuleId)
            .OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.CurrentRevision)
            .WithMany()
            .HasForeignKey(m => m.CurrentRevisionId)
            .OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class ModuleRevisionConfiguration : IEntityTypeConfiguration<ModuleRevision>
{
    public void Configure(EntityTypeBuilder<ModuleRevision> b)
    {
        b.Property(r => r.Version).HasMaxLength(20);
        b.Property(r => r.ContentHash).HasMaxLength(64);
        b.Property(r => r.SourceFile).HasMaxLength(260);
        b.Property(r => r.ReviewedBy).HasMaxLength(200);
        b.HasIndex(r => new { r.ModuleId, r.ContentHash });
        b.HasMany(r => r.Sections)
            .WithOne(s => s.Revision)
            .HasForeignKey(s => s.RevisionId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> b)
    {
        b.Property(s => s.Key).HasMaxLength(100);
        b.Property(s => s.Title).HasMaxLength(200);
        b.HasIndex(s => new { s.RevisionId, s.Key }).IsUnique();
        b.HasMany(s => s.Checks)
            .WithOne(c => c.Section)
            .HasForeignKey(c => c.SectionId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KnowledgeCheckConfiguration : IEntityTypeConfiguration<KnowledgeCheck>
{
    public void Configure(EntityTypeBuilder<KnowledgeCheck> b)
    {
        b.Property(c => c.Question).HasMaxLength(500);
        b.Property(c => c.Explanation).HasMaxLength(2000);
    }
}
