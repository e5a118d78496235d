using System.Net;
using System.Text.RegularExpressions;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using ClarityPortal.Web.Features.Invitations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Patients;

public sealed partial class InvitationFlowTests : IClassFixture<CaseloadFactory>, IAsyncLifetime
{
    private readonly CaseloadFactory factory;

    public InvitationFlowTests(CaseloadFactory factory) => this.factory = factory;

    public Task InitializeAsync() => factory.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex(@"/account/invitation\?token=([A-Za-z0-9_-]{43})")]
    private static partial Regex Link();

    private static readonly DateOnly StarterDue = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);

    private async Task<string> InviteAsync(string name, string email, params int[] starter)
    {
        await using var scope = factory.ScopeAs(CaseloadFactory.As(factory.ClinicianA, PortalRoles.Clinician));
        var result = await scope
            .ServiceProvider.GetRequiredService<InvitationService>()
            .InvitePatientAsync(name, email, starter, "https://ignored.example/", StarterDue);
        Assert.True(result.Ok, result.Message);
        var link = await factory.MailedLinkAsync(email);
        Assert.StartsWith("https://clarity.test/account/invitation?token=", link, StringComparison.Ordinal);
        return Link().Match(link).Groups[1].Value;
    }

    private static Task<HttpResponseMessage> AcceptAsync(
        HttpClient client,
        string token,
        string password,
        string? confirm = null
    ) =>
        client.PostFormAsync(
            $"/account/invitation?token={token}",
            "accept-invitation",
            new Dictionary<string, string>
            {
                ["Input.Token"] = token,
                ["Input.Password"] = password,
                ["Input.Confirm"] = confirm ?? password,
            }
        );

    [Fact]
    public async Task InvitedPatientCanSetPasswordAndSignInLinkedToTheInvitingClinician()
    {
        var modules = await factory.WithDbAsync(db =>
            db.Modules.Where(m => m.IsPublished).OrderBy(m => m.Order).Select(m => m.Id).Take(2).ToListAsync()
        );
        var token = await InviteAsync("Nora New", "nora@example.org", [.. modules]);
        var client = factory.CreatePortalClient();

        var page = await client.GetStringAsync($"/account/invitation?token={token}");
        Assert.Contains("Welcome, Nora New", page, StringComparison.Ordinal);
        var response = await AcceptAsync(client, token, "A-long-enough-secret-1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/my", response.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/my")).StatusCode);
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == "nora@example.org");
            Assert.Equal(UserKind.Patient, user.Kind);
            Assert.True(
                await db.UserRoles.AnyAsync(r =>
                    r.UserId == user.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == PortalRoles.Patient)
                )
            );
            Assert.True(
                await db.CareTeamLinks.AnyAsync(l => l.PatientId == user.Id && l.ClinicianId == factory.ClinicianA.Id)
            );
            Assert.Equal(
                modules,
                await db
                    .ModuleAssignments.Where(a => a.PatientId == user.Id)
                    .OrderBy(a => a.ModuleId)
                    .Select(a => a.ModuleId)
                    .ToListAsync()
            );
            Assert.All(
                await db.ModuleAssignments.Where(a => a.PatientId == user.Id).ToListAsync(),
                a => Assert.Equal(StarterDue, a.DueOn)
            );
            // ...and the matrix's summary of them, saved with them.
            Assert.Equal(
                modules.Select(m => (m, true, (DateOnly?)StarterDue)),
                await db
                    .ProgressSummaries.Where(s => s.PatientId == user.Id)
                    .OrderBy(s => s.ModuleId)
                    .Select(s => new ValueTuple<int, bool, DateOnly?>(s.ModuleId, s.Assigned, s.DueOn))
                    .ToListAsync()
            );
            var invitation = await db.Invitations.SingleAsync(i => i.Email == "nora@example.org");
            Assert.NotNull(invitation.UsedAt);
            Assert.Equal(user.Id, invitation.AcceptedUserId);
            Assert.NotEqual(token, invitation.TokenHash);
            Assert.Equal(InvitationTokens.Hash(token), invitation.TokenHash);
            Assert.True(
                await db.AuditEvents.AnyAsync(e =>
                    e.Action == AuditActions.InvitationAccepted && e.Subject == "nora@example.org"
                )
            );
            return 0;
        });
    }

    [Fact]
    public async Task OnceSentTheOutboxNoLongerHoldsTheLinkOnlyTheTokenHashRemains()
    {
        var token = await InviteAsync("Sid Secret", "sid@example.org");

        var row = await WaitForSentAsync("sid@example.org");

        Assert.DoesNotContain(token, row.Body, StringComparison.Ordinal);
        Assert.Equal(ClarityPortal.Web.Infrastructure.Mail.Outbox.SecretRemoved, row.Body);
        Assert.True(
            await factory.WithDbAsync(db => db.Invitations.AnyAsync(i => i.TokenHash == InvitationTokens.Hash(token)))
        );
    }

    private async Task<ClarityPortal.Data.Mail.OutboxMessage> WaitForSentAsync(string email)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var row = await factory.WithDbAsync(db =>
                db.Outbox.AsNoTracking().FirstOrDefaultAsync(m => m.To == email && m.SentAt != null)
            );
            if (row is not null)
            {
                return row;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The invitation to {email} was not sent.");
    }

    [Fact]
    public async Task AUsedLinkIsRefusedTheSecondTimeAndCreatesNothing()
    {
        var token = await InviteAsync("Uma Used", "uma@example.org");
        await AcceptAsync(factory.CreatePortalClient(), token, "A-long-enough-secret-1");

        var again = factory.CreatePortalClient();
        var page = await again.GetStringAsync($"/account/invitation?token={token}");
        var response = await AcceptAsync(again, token, "Another-long-secret-2");

        Assert.Contains("already been used", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "uma@example.org")));
    }

    [Fact]
    public async Task AnExpiredLinkGetsAClearPageAndCreatesNothing()
    {
        var token = await InviteAsync("Eve Expired", "eve@example.org");
        var hash = InvitationTokens.Hash(token);
        await factory.WithDbAsync(db =>
            db.Invitations.Where(i => i.TokenHash == hash)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)))
        );
        var client = factory.CreatePortalClient();

        var page = await client.GetStringAsync($"/account/invitation?token={token}");

        Assert.Contains("This invitation link has expired", page, StringComparison.Ordinal);
        Assert.DoesNotContain("eve@example.org", page, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "eve@example.org")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task AForgedLinkGetsAClearPageAndCreatesNothing(string token)
    {
        var before = await factory.WithDbAsync(db => db.Users.CountAsync());
        var client = factory.CreatePortalClient();

        var page = await client.GetStringAsync($"/account/invitation?token={token}");
        await using (var scope = factory.ScopeAs(null))
        {
            var result = await scope
                .ServiceProvider.GetRequiredService<InvitationService>()
                .AcceptAsync(token, "A-long-enough-secret-1");
            Assert.False(result.Ok);
        }

        Assert.Contains("This invitation link is not valid", page, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task AWeakPasswordIsExplainedAndTheLinkKeepsWorking()
    {
        var token = await InviteAsync("Walt Weak", "walt@example.org");
        var client = factory.CreatePortalClient();

        var weak = await (await AcceptAsync(client, token, "aaaaaaaaaaaa")).Content.ReadAsStringAsync();
        var mismatch = await (
            await AcceptAsync(client, token, "A-long-enough-secret-1", "A-different-secret-22")
        ).Content.ReadAsStringAsync();
        var good = await AcceptAsync(client, token, "A-long-enough-secret-1");

        Assert.Contains("invitation-error", weak, StringComparison.Ordinal);
        Assert.DoesNotContain("aaaaaaaaaaaa", weak, StringComparison.Ordinal);
        Assert.Contains("The two passwords are not the same.", mismatch, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
    }

    [Fact]
    public async Task ResendingSendsANewLinkAndTheOldOneStopsWorkingRevokeEndsIt()
    {
        var first = await InviteAsync("Rita Resend", "rita@example.org");
        await using var scope = factory.ScopeAs(CaseloadFactory.As(factory.ClinicianA, PortalRoles.Clinician));
        var invitations = scope.ServiceProvider.GetRequiredService<InvitationService>();
        var id = (await invitations.PendingAsync(InvitationKind.Patient)).Single(i => i.Email == "rita@example.org").Id;

        Assert.True((await invitations.ResendAsync(id, "https://ignored.example/")).Ok);
        var second = Link().Match(await factory.MailedLinkAsync("rita@example.org", nth: 2)).Groups[1].Value;
        Assert.NotEqual(first, second);
        Assert.Equal(InvitationState.Unknown, (await invitations.LookUpAsync(first)).State);
        Assert.Equal(InvitationState.Valid, (await invitations.LookUpAsync(second)).State);

        Assert.True((await invitations.RevokeAsync(id)).Ok);
        Assert.Equal(InvitationState.Revoked, (await invitations.LookUpAsync(second)).State);
    }

    [Fact]
    public async Task AClinicianCannotResendOrRevokeAnotherClinicianSInvitation()
    {
        await InviteAsync("Owen Other", "owen@example.org");
        var id = await factory.WithDbAsync(db =>
            db.Invitations.Where(i => i.Email == "owen@example.org").Select(i => i.Id).FirstAsync()
        );
        await using var scope = factory.ScopeAs(CaseloadFactory.As(factory.ClinicianB, PortalRoles.Clinician));
        var invitations = scope.ServiceProvider.GetRequiredService<InvitationService>();

        Assert.DoesNotContain(await invitations.PendingAsync(InvitationKind.Patient), i => i.Id == id);
        Assert.False((await invitations.RevokeAsync(id)).Ok);
        Assert.False((await invitations.ResendAsync(id, "https://x.example/")).Ok);
        Assert.Null(
            await factory.WithDbAsync(db => db.Invitations.Where(i => i.Id == id).Select(i => i.RevokedAt).FirstAsync())
        );
    }

    [Fact]
    public async Task AnEmailThatAlreadyHasAnAccountOrAWaitingInvitationIsRefusedWithAReason()
    {
        await InviteAsync("Dana Double", "dana@example.org");
        await using var scope = factory.ScopeAs(CaseloadFactory.As(factory.ClinicianA, PortalRoles.Clinician));
        var invitations = scope.ServiceProvider.GetRequiredService<InvitationService>();

        var twice = await invitations.InvitePatientAsync("Dana Double", "DANA@example.org", [], "https://x.example/");
        var existing = await invitations.InvitePatientAsync("Pat", "pa@example.org", [], "https://x.example/");
        var bad = await invitations.InvitePatientAsync("No Email", "not-an-email", [], "https://x.example/");

        Assert.Contains("already has an invitation waiting", twice.Message, StringComparison.Ordinal);
        Assert.Contains("An account already uses this email", existing.Message, StringComparison.Ordinal);
        Assert.Contains("valid email", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APendingInvitationIsARowUnderTheInvitingCliniciansPatientsOnly()
    {
        var email = $"ivy.{Guid.NewGuid():N}"[..12] + "@example.org";
        await InviteAsync("Ivy Invited", email);

        await using var a = factory.ScopeAs(CaseloadFactory.As(factory.ClinicianA, PortalRoles.Clinician));
        var matrix = a.ServiceProvider.GetRequiredService<Web.Features.Patients.Matrix.MatrixService>();
        var all = await matrix.InvitedAsync(new());
        var searched = await matrix.InvitedAsync(new(Search: "Ivy Inv"));
        var reading = await matrix.InvitedAsync(new(OverdueOnly: true));
        await using var b = factory.ScopeAs(CaseloadFactory.As(factory.ClinicianB, PortalRoles.Clinician));
        var other = await b
            .ServiceProvider.GetRequiredService<Web.Features.Patients.Matrix.MatrixService>()
            .InvitedAsync(new());

        var row = Assert.Single(all, i => i.Email == email);
        Assert.Equal("Ivy Invited", row.Name);
        Assert.False(row.Expired);
        Assert.Equal(email, Assert.Single(searched).Email);
        Assert.Empty(reading); // an invited person has read nothing yet: reading filters leave them out
        Assert.DoesNotContain(other, i => i.Email == email);
    }

    [Fact]
    public async Task PatientsAndAnonymousVisitorsCannotInvite()
    {
        await using var patient = factory.ScopeAs(CaseloadFactory.As(factory.PatientOfA, PortalRoles.Patient));
        await using var anonymous = factory.ScopeAs(null);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            patient
                .ServiceProvider.GetRequiredService<InvitationService>()
                .InvitePatientAsync("X", "x@example.org", [], "https://x.example/")
        );
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            anonymous
                .ServiceProvider.GetRequiredService<InvitationService>()
                .InvitePatientAsync("X", "x@example.org", [], "https://x.example/")
        );
        await using var clinician = factory.ScopeAs(CaseloadFactory.As(factory.ClinicianA, PortalRoles.Clinician));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            clinician
                .ServiceProvider.GetRequiredService<InvitationService>()
                .InviteStaffAsync("X", "x@example.org", PortalRoles.Admin, "https://x.example/")
        );
    }
}
