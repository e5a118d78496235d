using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClarityPortal.Data.Clinic;

/// <summary>
/// How to reach the clinic, as an admin entered it: one row. Shown in the footer, on the contact pages and in emails.
/// Nothing is invented: empty until an admin fills it in (Development seeds values marked as samples).
/// </summary>
public class ClinicDetails
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    public string Name { get; set; } = "";

    public string Phone { get; set; } = "";

    public string Address { get; set; } = "";

    public string Hours { get; set; } = "";

    /// <summary>Who to call outside opening hours (an on-call line), in the clinic's words.</summary>
    public string AfterHours { get; set; } = "";

    /// <summary>The privacy notice: an https link or the text itself.</summary>
    public string PrivacyNotice { get; set; } = "";

    /// <summary>The terms of use: an https link or the text itself.</summary>
    public string Terms { get; set; } = "";

    /// <summary>Made-up values for the Development demo, labelled as such wherever shown.</summary>
    public bool IsSample { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}

internal sealed class ClinicDetailsConfiguration : IEntityTypeConfiguration<ClinicDetails>
{
    public void Configure(EntityTypeBuilder<ClinicDetails> b)
    {
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Phone).HasMaxLength(40);
        b.Property(c => c.Address).HasMaxLength(400);
        b.Property(c => c.Hours).HasMaxLength(400);
        b.Property(c => c.AfterHours).HasMaxLength(400);
        b.Property(c => c.PrivacyNotice).HasMaxLength(20000);
        b.Property(c => c.Terms).HasMaxLength(20000);
        b.Property(c => c.UpdatedBy).HasMaxLength(256);
    }
}
