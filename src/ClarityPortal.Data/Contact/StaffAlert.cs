using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClarityPortal.Data.Contact;

/// <summary>How a staff member hears about new questions and requests meant for them.</summary>
public enum AlertPreference
{
    Immediate = 0,
    DailyDigest = 1,
    None = 2,
}

/// <summary>
/// Something new for one staff member: a question from a patient in their care, or a contact request naming them.
/// Mailed at once (sent when written) or in the next daily digest; the mail holds no patient details.
/// </summary>
public class StaffAlert
{
    public long Id { get; set; }

    public string StaffId { get; set; } = "";

    /// <summary>The request's reference code, for the link to it.</summary>
    public string Code { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>When it was mailed (at once, or in a digest); null while it waits for the digest.</summary>
    public DateTime? MailedAt { get; set; }
}

internal sealed class StaffAlertConfiguration : IEntityTypeConfiguration<StaffAlert>
{
    public void Configure(EntityTypeBuilder<StaffAlert> b)
    {
        b.Property(a => a.StaffId).HasMaxLength(450);
        b.Property(a => a.Code).HasMaxLength(20);
        b.HasIndex(a => new { a.MailedAt, a.StaffId });
    }
}
