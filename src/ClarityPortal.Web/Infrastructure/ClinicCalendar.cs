using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Infrastructure;

public sealed class ClinicOptions
{
    public const string Section = "Clinic";

    /// <summary>IANA or Windows time zone id of the clinic ("America/Los_Angeles"); the server's zone when empty.</summary>
    public string? TimeZone { get; set; }
}

/// <summary>The clinic's calendar: due dates and session days are clinic days, not UTC days.</summary>
public sealed class ClinicCalendar(TimeProvider clock, IOptions<ClinicOptions> options)
{
    public TimeZoneInfo Zone { get; } = string.IsNullOrWhiteSpace(options.Value.TimeZone)
        ? TimeZoneInfo.Local
        : TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(ToLocal(UtcNow));

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
