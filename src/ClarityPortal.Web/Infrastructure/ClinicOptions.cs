namespace ClarityPortal.Web.Infrastructure;

/// <summary>The clinic's settings under <c>Clinic</c>.</summary>
public sealed class ClinicOptions
{
    public const string Section = "Clinic";

    /// <summary>
    /// IANA or Windows time zone id of the clinic ("America/Los_Angeles"); the server's zone when empty.
    /// </summary>
    public string? TimeZone { get; set; }
}
