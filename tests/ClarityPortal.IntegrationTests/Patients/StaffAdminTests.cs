using System.Net;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using ClarityPortal.Web.Features.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Patients;

public sealed class StaffAdminTests : IClassFixture<CaseloadFactory>, IAsyncLifetime
{
    private readonly CaseloadFactory factory;

    public StaffAdminTests(CaseloadFactory factory) => this.factory = factory;

    public Task InitializeAsync() => factory.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private AsyncServiceScope AsAdmin(ApplicationUser admin) =>
        factory.ScopeAs(CaseloadFactory.As(admin, PortalRoles.Admin));

    [Fact]
    public async Task TheLastActiveAdminCanNeitherLoseTheRoleNorBeDeactivated()
    {
        await using var scope = AsAdmin(factory.Admin);
        var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
        await using var users = factory.Services.CreateAsyncScope();
        var second = await IdentitySeed.EnsureUserAsync(
            users.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            "second.admin@example.org",
            "Second Admin",
            UserKind.Staff,
            PortalRoles.Admin,
            DateTime.UtcNow,
            CaseloadFactory.Password
        );

        Assert.Null(await staff.SetActiveAsync(second.Id, active: false));
        Assert.Equal(
            StaffService.LastAdmin,
            await staff.SetRolesAsync(factory.Admin.Id, clinician: true, admin: false)
        );
        Assert.Equal(
            "You cannot deactivate your own account.",
            await staff.SetActiveAsync(factory.Admin.Id, active: false)
        );
        await using (var secondScope = AsAdmin(second))
        {
            Assert.Equal(
                StaffService.LastAdmin,
                await secondScope
                    .ServiceProvider.GetRequiredService<StaffService>()
                    .SetActiveAsync(factory.Admin.Id, active: false)
            );
        }

        Assert.Null(await staff.SetActiveAsync(second.Id, active: true));
        Assert.Null(await staff.SetRolesAsync(factory.Admin.Id, clinician: true, admin: false));
        Assert.Null(await staff.SetRolesAsync(factory.Admin.Id, clinician: true, admin: true));
    }

    [Fact]
    public async Task ADeactivatedClinicianCannotSignInAndTheirCookieStopsWorking()
    {
        await using var users = factory.Services.CreateAsyncScope();
        var leaving = await IdentitySeed.EnsureUserAsync(
            users.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            "leaving@example.org",
            "Leaving Clinician",
            UserKind.Staff,
            PortalRoles.Clinician,
            DateTime.UtcNow,
            CaseloadFactory.Password
        );
        var client = factory.CreatePortalClient();
        await client.SignInAsync("leaving@example.org", CaseloadFactory.Password);
        var stamp = await factory.WithDbAsync(db =>
            db.Users.Where(u => u.Id == leaving.Id).Select(u => u.SecurityStamp).FirstAsync()
        );

        await using (var scope = AsAdmin(factory.Admin))
        {
            Assert.Null(
                await scope.ServiceProvider.GetRequiredService<StaffService>().SetActiveAsync(leaving.Id, active: false)
            );
        }

        var again = await factory.CreatePortalClient().SignInAsync("leaving@example.org", CaseloadFactory.Password);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // the form again, with the one failure message
        Assert.Contains(
            "sign you in with that email and password",
            await again.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.NotEqual(
            stamp,
            await factory.WithDbAsync(db =>
                db.Users.Where(u => u.Id == leaving.Id).Select(u => u.SecurityStamp).FirstAsync()
            )
        );
        Assert.NotNull(
            await factory.WithDbAsync(db =>
                db.Users.Where(u => u.Id == leaving.Id).Select(u => u.DeactivatedAt).FirstAsync()
            )
        );
    }

    [Fact]
    public async Task OnlyAdminsManageStaff()
    {
        await using var scope = factory.ScopeAs(CaseloadFactory.As(factory.ClinicianA, PortalRoles.Clinician));
        var staff = scope.ServiceProvider.GetRequiredService<StaffService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => staff.ListAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            staff.SetRolesAsync(factory.ClinicianA.Id, true, true)
        );
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => staff.SetActiveAsync(factory.ClinicianB.Id, false));
        var client = factory.CreatePortalClient();
        await client.SignInAsync("a.clinician@example.org", CaseloadFactory.Password);
        Assert.Equal("/account/access-denied", (await client.GetAsync("/admin/staff")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task AnInvitedClinicianGetsTheirRoleWhenTheyAccept()
    {
        await using var scope = AsAdmin(factory.Admin);
        var invitations =
            scope.ServiceProvider.GetRequiredService<ClarityPortal.Web.Features.Invitations.InvitationService>();
        Assert.True(
            (
                await invitations.InviteStaffAsync(
                    "Nia Newstaff",
                    "nia@example.org",
                    PortalRoles.Clinician,
                    "https://x.example/"
                )
            ).Ok
        );
        var link = await factory.MailedLinkAsync("nia@example.org");
        var token = System.Text.RegularExpressions.Regex.Match(link, "token=([A-Za-z0-9_-]{43})").Groups[1].Value;

        var result = await invitations.AcceptAsync(token, "A-long-enough-secret-1");

        Assert.True(result.Ok);
        Assert.Equal(UserKind.Staff, result.User!.Kind);
        Assert.Contains(
            (await scope.ServiceProvider.GetRequiredService<StaffService>().ListAsync()),
            s => s.Email == "nia@example.org" && s.Clinician && !s.Admin
        );
    }

    [Fact]
    public async Task AnAdminHandsOverALeavingClinicianSCaseloadToAColleague()
    {
        await using var scope = AsAdmin(factory.Admin);
        var staff = scope.ServiceProvider.GetRequiredService<StaffService>();

        var refused = await staff.HandOverAsync(factory.ClinicianA.Id, factory.PatientOfB.Id); // not a clinician
        var (problem, count) = await staff.HandOverAsync(factory.ClinicianA.Id, factory.ClinicianB.Id);
        var again = await staff.HandOverAsync(factory.ClinicianA.Id, factory.ClinicianB.Id);

        Assert.NotNull(refused.Problem);
        Assert.Null(problem);
        Assert.True(count >= 1);
        Assert.Equal(0, again.Patients);
        Assert.True(
            await factory.WithDbAsync(db =>
                db.CareTeamLinks.AnyAsync(l =>
                    l.PatientId == factory.PatientOfA.Id && l.ClinicianId == factory.ClinicianB.Id
                )
            )
        );
        Assert.True(
            await factory.WithDbAsync(db =>
                db.CareTeamLinks.AnyAsync(l =>
                    l.PatientId == factory.PatientOfA.Id && l.ClinicianId == factory.ClinicianA.Id
                )
            )
        );
        Assert.Contains(await staff.ListAsync(), r => r.Id == factory.ClinicianB.Id && r.Patients >= 2);
        await using var clinician = factory.ScopeAs(CaseloadFactory.As(factory.ClinicianA, PortalRoles.Clinician));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            clinician
                .ServiceProvider.GetRequiredService<StaffService>()
                .HandOverAsync(factory.ClinicianA.Id, factory.ClinicianB.Id)
        );
    }
}
