using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClarityPortal.Data.Patients;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.Property(i => i.Email).HasMaxLength(256);
        b.Property(i => i.DisplayName).HasMaxLength(120);
        b.Property(i => i.Role).HasMaxLength(20);
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.Property(i => i.StarterModuleIds).HasMaxLength(200);
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => i.Email);
        b.HasOne(i => i.CreatedBy).WithMany().HasForeignKey(i => i.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ModuleAssignmentConfiguration : IEntityTypeConfiguration<ModuleAssignment>
{
    public void Configure(EntityTypeBuilder<ModuleAssignment> b)
    {
        b.HasIndex(a => new { a.PatientId, a.ModuleId }).IsUnique();
        b.HasOne(a => a.Patient).WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.Module).WithMany().HasForeignKey(a => a.ModuleId).OnDelete(DeleteBehavior.Cascade);
        b.Property(a => a.AssignedById).HasMaxLength(450);
    }
}
