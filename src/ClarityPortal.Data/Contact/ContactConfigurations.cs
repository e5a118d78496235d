using ClarityPortal.Data.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClarityPortal.Data.Contact;

internal sealed class ContactRequestConfiguration : IEntityTypeConfiguration<ContactRequest>
{
    public void Configure(EntityTypeBuilder<ContactRequest> b)
    {
        b.Property(r => r.Code).HasMaxLength(12);
        b.HasIndex(r => r.Code).IsUnique();
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Email).HasMaxLength(256);
        b.Property(r => r.Phone).HasMaxLength(40);
        b.Property(r => r.PreferredTime).HasMaxLength(200);
        b.Property(r => r.Message).HasMaxLength(4000);
        b.Property(r => r.ClientHash).HasMaxLength(64);
        b.Property(r => r.FormNonce).HasMaxLength(32);
        b.HasIndex(r => r.FormNonce).IsUnique();
        b.HasIndex(r => new { r.Status, r.SubmittedAt });
        b.HasIndex(r => new { r.ClientHash, r.SubmittedAt });
        b.HasOne(r => r.Assignee).WithMany().HasForeignKey(r => r.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(r => r.Patient).WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne(r => r.Module).WithMany().HasForeignKey(r => r.ModuleId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne(r => r.PreferredProvider)
            .WithMany()
            .HasForeignKey(r => r.PreferredProviderId)
            .OnDelete(DeleteBehavior.NoAction);
        b.HasMany(r => r.History)
            .WithOne(h => h.Request)
            .HasForeignKey(h => h.RequestId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactHistoryConfiguration : IEntityTypeConfiguration<ContactHistory>
{
    public void Configure(EntityTypeBuilder<ContactHistory> b)
    {
        b.Property(h => h.Actor).HasMaxLength(256);
        b.Property(h => h.ActorId).HasMaxLength(450);
        b.Property(h => h.Text).HasMaxLength(4000);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.To).HasMaxLength(256);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.Property(m => m.UnsubscribeUrl).HasMaxLength(2000);
        b.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}
