using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Infrastructure.Identity;

namespace ClarityPortal.UnitTests.Identity;

public sealed class LandingTests
{
    [Theory]
    [InlineData(PortalRoles.Patient, null, "/my")]
    [InlineData(PortalRoles.Clinician, null, "/clinician")]
    [InlineData(PortalRoles.Admin, "/", "/admin/staff")]
    [InlineData(PortalRoles.Patient, "/learn/safety", "/learn/safety")] // the page that asked wins
    [InlineData(PortalRoles.Patient, "https://evil.example/", "/my")] // but only a page on this site
    [InlineData("", null, "/")]
    public void EachRoleLandsOnItsStartPageUnlessAPageAskedForThem(string role, string? returnUrl, string expected) =>
        Assert.Equal(expected, Landing.For(role.Length == 0 ? [] : [role], returnUrl));

    [Fact]
    public void AnAdminWhoIsAlsoAClinicianLandsOnTheOverview() =>
        Assert.Equal("/clinician", Landing.For([PortalRoles.Admin, PortalRoles.Clinician], null));
}
