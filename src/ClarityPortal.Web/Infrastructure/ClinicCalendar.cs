using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Infrastructure;

/// <summary>The clinic's calendar: due dates and session days are clinic days, not UTC days.</summary>
public sealed partial class ClinicCalendar(TimeProvider clock, IOptions<ClinicOptions> options)
{
    public TimeZoneInfo Zone { get; } =
        string.IsNullOrWhiteSpace(options.Value.TimeZone)
            ? TimeZoneInfo.Local
            : TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(ToLocal(UtcNow));

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>
    /// The one way staff pages show a moment: clinic time with its zone, "Nov 30, 2026, 9:15 AM PST".
    /// </summary>
    public string Format(DateTime utc)
    {
        var local = ToLocal(utc);
        return $"{local.ToString("MMM d, yyyy, h:mm tt", CultureInfo.InvariantCulture)} {ZoneLabel(local)}";
    }

    /// <summary>"PST"/"PDT" for one-word North American zone names; otherwise the offset, "UTC+01:00".</summary>
    public string ZoneLabel(DateTime local)
    {
        var daylight = Zone.IsDaylightSavingTime(local);
        var name = daylight ? Zone.DaylightName : Zone.StandardName;
        if (Zone.BaseUtcOffset == TimeSpan.Zero && !daylight && name.Contains("Universal", StringComparison.Ordinal))
        {
            return "UTC";
        }

        var match = RegionTime().Match(name);
        if (match.Success)
        {
            return $"{match.Groups[1].Value[0]}{(daylight ? 'D' : 'S')}T";
        }

        var offset = Zone.GetUtcOffset(local);
        return $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration():hh\\:mm}";
    }

    [GeneratedRegex("^(Pacific|Mountain|Central|Eastern|Atlantic) (Standard|Daylight) Time$")]
    private static partial Regex RegionTime();
}
