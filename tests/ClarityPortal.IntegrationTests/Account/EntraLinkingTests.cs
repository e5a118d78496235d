using System.Security.Claims;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using ClarityPortal.Data.Seeding;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Account;

/// <summary>
/// What happens after Entra ID validated a token: tenant checks, linking by tenant + object id, email linking only for
/// an invited staff member, no local password once linked, and the last admin's role kept.
/// </summary>
public sealed class EntraLinkingTests(StubAuthority authority) : IClassFixture<StubAuthority>
{
    private const string OtherTenant = "99999999-8888-7777-6666-555555555555";

    private PortalFactory Portal(params (string Key, string Value)[] extra)
    {
        var portal = authority.Portal();
        foreach (var (key, value) in extra)
        {
            portal.Settings[key] = value;
        }

        return portal;
    }

    private static ClaimsPrincipal Token(string tenant, string objectId, string email, params string[] roles) =>
        new(
            new ClaimsIdentity(
                [
                    new Claim(EntraStaffLinker.TenantClaim, tenant),
                    new Claim("http://schemas.microsoft.com/identity/claims/objectidentifier", objectId),
                    new Claim("preferred_username", email),
                    new Claim("name", email),
                    .. roles.Select(r => new Claim("roles", r)),
                ],
                "Entra"
            )
        );

    private static async Task<EntraLinkResult> LinkAsync(PortalFactory portal, ClaimsPrincipal token)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EntraStaffLinker>().LinkAsync(token);
    }

    [Theory]
    [InlineData("common")]
    [InlineData("organizations")]
    public async Task AMultiTenantAuthorityWithoutAllowedTenantsRefusesToStart(string tenant)
    {
        await using var portal = Portal(("AzureAd:TenantId", tenant), ("AzureAd:AllowedTenants:0", ""));
        portal.Settings.Remove("AzureAd:AllowedTenants:0");

        var ex = Assert.ThrowsAny<Exception>(() => portal.Services);

        Assert.Contains("lets any organization sign in", ex.ToString());
    }

    [Fact]
    public async Task ATokenFromAnotherTenantIsRefusedEvenWithTheAdminRole()
    {
        await using var portal = Portal();

        var result = await LinkAsync(portal, Token(OtherTenant, "oid-1", "intruder@other.example", "Admin"));

        Assert.Null(result.User);
        Assert.Contains("organization cannot sign in", result.Failure);
        Assert.False(await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "intruder@other.example")));
    }

    [Fact]
    public async Task AStaffMemberIsLinkedByTenantAndObjectIdAndKeepsNoLocalPassword()
    {
        await using var portal = Portal();

        var first = await LinkAsync(
            portal,
            Token(StubAuthority.TenantGuid, "oid-2", "new.doc@clinic.example", "Clinician")
        );
        var again = await LinkAsync(
            portal,
            Token(StubAuthority.TenantGuid, "oid-2", "renamed@clinic.example", "Clinician")
        );
        var sameObjectOtherTenant = await LinkAsync(
            portal,
            Token(OtherTenant, "oid-2", "new.doc@clinic.example", "Clinician")
        );

        Assert.NotNull(first.User);
        Assert.Equal(first.User.Id, again.User!.Id); // a changed email claim does not matter: the object id does
        Assert.Null(sameObjectOtherTenant.User);
        var user = await portal.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == first.User.Id));
        Assert.Equal(EntraStaffLinker.LinkKey(StubAuthority.TenantGuid, "oid-2"), user.EntraObjectId);
        Assert.Null(user.PasswordHash);
    }

    [Fact]
    public async Task AnEmailLinksOnlyAnInvitedStaffMemberAndThenTheLocalPasswordIsGone()
    {
        await using var portal = Portal();
        string invitedId;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var invited = await IdentitySeed.EnsureUserAsync(
                users,
                "invited@clinic.example",
                "Invited",
                UserKind.Staff,
                PortalRoles.Clinician,
                DateTime.UtcNow,
                "Correct-Horse-2026!"
            );
            await IdentitySeed.EnsureUserAsync(
                users,
                "local@clinic.example",
                "Local",
                UserKind.Staff,
                PortalRoles.Admin,
                DateTime.UtcNow,
                "Correct-Horse-2026!"
            );
            invitedId = invited.Id;
        }

        await portal.WithDbAsync(async db =>
        {
            db.Invitations.Add(
                new Invitation
                {
                    Kind = InvitationKind.Staff,
                    Email = "invited@clinic.example",
                    DisplayName = "Invited",
                    Role = "Clinician",
                    TokenHash = new string('a', 64),
                    CreatedById = invitedId,
                    CreatedAt = DateTime.UtcNow,
                    ExpiresAt = DateTime.UtcNow.AddDays(7),
                    UsedAt = DateTime.UtcNow,
                    AcceptedUserId = invitedId,
                }
            );
            return await db.SaveChangesAsync();
        });

        var linked = await LinkAsync(
            portal,
            Token(StubAuthority.TenantGuid, "oid-3", "invited@clinic.example", "Clinician")
        );
        var notInvited = await LinkAsync(
            portal,
            Token(StubAuthority.TenantGuid, "oid-4", "local@clinic.example", "Admin")
        );

        Assert.Equal(invitedId, linked.User!.Id);
        Assert.Null(notInvited.User);
        Assert.Contains("cannot be linked", notInvited.Failure);
        var client = portal.CreatePortalClient();
        var local = await client.SignInAsync("invited@clinic.example", "Correct-Horse-2026!");
        Assert.Contains("couldn&#x27;t sign you in", await local.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheLastActiveAdminKeepsTheRoleWhenEntraNoLongerGivesIt()
    {
        await using var portal = Portal();
        var admin = await LinkAsync(
            portal,
            Token(StubAuthority.TenantGuid, "oid-5", "only.admin@clinic.example", "Admin")
        );

        var demoted = await LinkAsync(
            portal,
            Token(StubAuthority.TenantGuid, "oid-5", "only.admin@clinic.example", "Clinician")
        );

        Assert.Contains(PortalRoles.Admin, demoted.Roles);
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByIdAsync(admin.User!.Id))!, PortalRoles.Admin));
    }
}
