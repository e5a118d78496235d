using System.Globalization;
using ClarityPortal.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClarityPortal.IntegrationTests.Patients;

public class ClinicCalendarTests
{
    [Fact]
    public async Task AnUnknownClinicTimeZoneStopsTheStartWithAClearMessage()
    {
        await using var portal = new PortalFactory { Settings = { ["Clinic:TimeZone"] = "Mars/Olympus_Mons" } };

        var error = Assert.ThrowsAny<Exception>(() => portal.CreatePortalClient());

        var validation = Assert.IsType<OptionsValidationException>(
            error is AggregateException a ? a.InnerExceptions.Single() : error
        );
        Assert.Contains("Clinic:TimeZone", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DueDaysAreClinicDays()
    {
        await using var portal = new PortalFactory { Settings = { ["Clinic:TimeZone"] = "America/Los_Angeles" } };
        var calendar = portal.Services.GetRequiredService<ClinicCalendar>();

        // 03:00 UTC on Nov 29 is still Nov 28 in Los Angeles.
        Assert.Equal(
            new DateTime(2026, 11, 28, 19, 0, 0),
            calendar.ToLocal(new DateTime(2026, 11, 29, 3, 0, 0, DateTimeKind.Utc))
        );
        Assert.Equal("America/Los_Angeles", calendar.Zone.Id);
    }

    [Theory]
    [InlineData("America/Los_Angeles", "2026-11-29T03:00:00Z", "Nov 28, 2026, 7:00 PM PST")]
    [InlineData("America/Los_Angeles", "2026-07-01T16:30:00Z", "Jul 1, 2026, 9:30 AM PDT")]
    [InlineData("America/New_York", "2026-11-29T15:05:00Z", "Nov 29, 2026, 10:05 AM EST")]
    [InlineData("Europe/Berlin", "2026-11-29T15:05:00Z", "Nov 29, 2026, 4:05 PM UTC+01:00")]
    [InlineData("Asia/Kolkata", "2026-11-29T15:05:00Z", "Nov 29, 2026, 8:35 PM UTC+05:30")]
    [InlineData("Etc/UTC", "2026-11-29T15:05:00Z", "Nov 29, 2026, 3:05 PM UTC")]
    public async Task StaffPagesShowOneDateTimeFormatInClinicTimeWithTheZone(string zone, string utc, string shown)
    {
        await using var portal = new PortalFactory { Settings = { ["Clinic:TimeZone"] = zone } };
        var calendar = portal.Services.GetRequiredService<ClinicCalendar>();

        var at = DateTime.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

        Assert.Equal(shown, calendar.Format(at));
    }
}
