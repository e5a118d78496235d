using ClarityPortal.Data.Audit;
using ClarityPortal.Data.CareTeam;
using ClarityPortal.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClarityPortal.Data;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.EntraObjectId).HasMaxLength(64);
        b.HasIndex(u => u.EntraObjectId).IsUnique();
    }
}

internal sealed class CareTeamLinkConfiguration : IEntityTypeConfiguration<CareTeamLink>
{
    public void Configure(EntityTypeBuilder<CareTeamLink> b)
    {
        b.HasKey(l => new { l.PatientId, l.ClinicianId });
        b.HasIndex(l => l.ClinicianId);
        b.HasOne(l => l.Patient).WithMany().HasForeignKey(l => l.PatientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(l => l.Clinician).WithMany().HasForeignKey(l => l.ClinicianId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.Property(e => e.Actor).HasMaxLength(256);
        b.Property(e => e.ActorId).HasMaxLength(450);
        b.Property(e => e.Action).HasMaxLength(100);
        b.Property(e => e.Subject).HasMaxLength(256);
        b.Property(e => e.Details).HasMaxLength(4000);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.HasIndex(e => e.At);
        b.HasIndex(e => new { e.Action, e.At });
    }
}

internal sealed class PasswordResetTokenConfiguration : IEntityTypeConfiguration<PasswordResetToken>
{
    public void Configure(EntityTypeBuilder<PasswordResetToken> b)
    {
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => new { t.UserId, t.UsedAt });
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.Property(s => s.Id).HasMaxLength(32);
        b.Property(s => s.Device).HasMaxLength(200);
        b.HasIndex(s => new { s.UserId, s.RevokedAt });
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
