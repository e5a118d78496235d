using System.Security.Claims;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Infrastructure.Identity;

namespace ClarityPortal.UnitTests.Identity;

public class PortalUserTests
{
    private static ClaimsPrincipal Principal(params Claim[] claims) => new(new ClaimsIdentity(claims, "test"));

    [Fact]
    public void EntraAppRolesGrantOnlyStaffRoles()
    {
        var user = Principal(new Claim("roles", "clinician"), new Claim("roles", "Patient"));

        Assert.True(PortalUser.IsInRole(user, PortalRoles.Clinician));
        Assert.False(PortalUser.IsInRole(user, PortalRoles.Patient));
        Assert.False(PortalUser.IsInRole(user, PortalRoles.Admin));
    }

    [Fact]
    public void AnonymousPrincipalsHoldNoRole()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, PortalRoles.Admin)]));

        Assert.False(PortalUser.IsInRole(anonymous, PortalRoles.Admin));
    }

    [Fact]
    public void TheLinkedUserIdWinsOverEntrasNameIdentifier()
    {
        var user = Principal(
            new Claim(ClaimTypes.NameIdentifier, "entra-subject"),
            new Claim(PortalUser.UserIdClaim, "our-id")
        );

        Assert.Equal("our-id", PortalUser.Id(user));
    }

    [Theory]
    [InlineData("/account", "/account")]
    [InlineData("/admin/audit?page=2", "/admin/audit?page=2")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\n/evil.example", "/")]
    [InlineData(null, "/")]
    public void RedirectsStayOnThisSite(string? requested, string expected) =>
        Assert.Equal(expected, IdentityRedirectManager.LocalOrHome(requested));
}
