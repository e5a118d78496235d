using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Infrastructure;

/// <summary>The clinic's calendar: due dates and session days are clinic days, not UTC days.</summary>
public sealed class ClinicCalendar(TimeProvider clock, IOptions<ClinicOptions> options)
{
    public TimeZoneInfo Zone { get; } =
        string.IsNullOrWhiteSpace(options.Value.TimeZone)
            ? TimeZoneInfo.Local
            : TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(ToLocal(UtcNow));

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
