using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClarityPortal.Data.Reminders;

public enum ReminderKind
{
    /// <summary>An assigned module is due within two days.</summary>
    DueSoon = 0,

    /// <summary>An assigned module passed its due date unfinished.</summary>
    Overdue = 1,

    /// <summary>The weekly note while anything stays overdue.</summary>
    WeeklyDigest = 2,
}

/// <summary>
/// One reminder given to a patient: per module and due date for due-soon and overdue (so each is given once), per
/// week for the digest. Several rows can share one mail (one mail per patient per day at most).
/// </summary>
public class ReminderSent
{
    public long Id { get; set; }

    public string PatientId { get; set; } = "";

    public ReminderKind Kind { get; set; }

    /// <summary>The module, for due-soon and overdue; 0 for the digest.</summary>
    public int ModuleId { get; set; }

    /// <summary>The due date reminded of; for the digest, the Monday of its week.</summary>
    public DateOnly Occasion { get; set; }

    /// <summary>The clinic day the mail went into the outbox.</summary>
    public DateOnly ClinicDay { get; set; }

    public DateTime SentAt { get; set; }
}

/// <summary>
/// Who runs a scheduled job now: an instance holds the lease until <see cref="Until"/>, so two instances never run
/// the same job at once; a crashed holder's lease runs out.
/// </summary>
public class SchedulerLease
{
    public string Name { get; set; } = "";

    public string Owner { get; set; } = "";

    public DateTime Until { get; set; }
}

internal sealed class ReminderSentConfiguration : IEntityTypeConfiguration<ReminderSent>
{
    public void Configure(EntityTypeBuilder<ReminderSent> b)
    {
        b.Property(r => r.PatientId).HasMaxLength(450);
        // The database, not only the scheduler, refuses a second identical reminder.
        b.HasIndex(r => new
            {
                r.PatientId,
                r.Kind,
                r.ModuleId,
                r.Occasion,
            })
            .IsUnique();
        b.HasIndex(r => new { r.PatientId, r.ClinicDay });
    }
}

internal sealed class SchedulerLeaseConfiguration : IEntityTypeConfiguration<SchedulerLease>
{
    public void Configure(EntityTypeBuilder<SchedulerLease> b)
    {
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(100);
        b.Property(l => l.Owner).HasMaxLength(200);
    }
}
