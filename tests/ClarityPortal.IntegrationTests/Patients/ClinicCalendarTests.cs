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
}
