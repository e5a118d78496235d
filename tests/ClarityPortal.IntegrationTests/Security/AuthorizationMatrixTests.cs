using System.Globalization;
using System.Net;
using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using ClarityPortal.IntegrationTests.Patients;
using ClarityPortal.Web.Features.Admin;
using ClarityPortal.Web.Features.Audit;
using ClarityPortal.Web.Features.Contact;
using ClarityPortal.Web.Features.Invitations;
using ClarityPortal.Web.Features.Patients;
using ClarityPortal.Web.Features.Patients.Matrix;
using ClarityPortal.Web.Features.Patients.Record;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Features.Providers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ClarityPortal.IntegrationTests.Security;

/// <summary>The six identities every route and service method is checked for.</summary>
public enum Who
{
    Anonymous,
    PatientA,
    PatientB,
    ClinicianOfA,
    OtherClinician,
    Admin,
}

/// <summary>
/// Every route in the app's own route table × six identities, against a table of expected outcomes: a new page or
/// endpoint without a row fails the test, so none can be missed. Patient A's care team is clinician A; patient B's is
/// the other clinician.
/// </summary>
public sealed class AuthorizationMatrixTests(CaseloadFactory portal, ITestOutputHelper output)
    : IClassFixture<CaseloadFactory>,
        IAsyncLifetime
{
    // Outcomes, in the order of Who: ok = 200, login = sent to sign in, denied = access denied (403 or its page),
    // 404, 400 (a form post without its antiforgery token), 204, moved = a redirect elsewhere (named in the row).
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["ANY /_blazor"] = "400 400 400 400 400 400",
        ["ANY /_blazor/disconnect/"] = "400 400 400 400 400 400",
        ["ANY /_blazor/initializers/"] = "ok ok ok ok ok ok",
        ["ANY /_blazor/negotiate"] = "ok ok ok ok ok ok",
        ["ANY /health/live"] = "ok ok ok ok ok ok",
        ["ANY /health/ready"] = "ok ok ok ok ok ok",
        ["GET /"] = "ok ok ok ok ok ok",
        ["GET /_framework/opaque-redirect"] = "400 400 400 400 400 400",
        ["GET /account"] = "login ok ok ok ok ok",
        ["GET /account/access-denied"] = "ok ok ok ok ok ok",
        ["GET /account/forgot-password"] = "ok ok ok ok ok ok",
        ["GET /account/invitation"] = "ok ok ok ok ok ok",
        ["GET /account/login"] = "ok login login login login login",
        ["GET /account/login/two-factor"] = "login login login login login login",
        ["GET /account/reminders/unsubscribe"] = "ok ok ok ok ok ok",
        ["GET /account/reset-password"] = "ok ok ok ok ok ok",
        ["GET /account/staff-sign-in"] = "404 404 404 404 404 404",
        ["GET /account/two-factor"] = "login ok ok ok ok ok",
        ["GET /admin/audit"] = "login denied denied denied denied ok",
        ["GET /admin/clinic"] = "login denied denied denied denied ok",
        ["GET /admin/modules"] = "login denied denied denied denied ok",
        ["GET /admin/providers"] = "login denied denied denied denied ok",
        ["GET /admin/providers/new"] = "login denied denied denied denied ok",
        ["GET /admin/providers/{Id:int}"] = "login denied denied denied denied ok",
        ["GET /admin/staff"] = "login denied denied denied denied ok",
        ["GET /clinician"] = "login denied denied ok ok ok",
        ["GET /clinician/inbox"] = "login denied denied ok ok ok",
        ["GET /clinician/inbox/{Code}"] = "login denied denied ok 404 ok",
        ["GET /clinician/patients"] = "login denied denied ok ok ok",
        ["GET /clinician/patients.csv"] = "login denied denied ok ok ok",
        ["GET /clinician/patients/invite"] = "login denied denied ok ok ok",
        ["GET /clinician/patients/{Id}"] = "login denied denied ok 404 ok",
        ["GET /clinician/patients/{Id}/record"] = "login denied denied ok 404 ok",
        ["GET /contact"] = "ok ok ok ok ok ok",
        ["GET /contact/sent"] = "ok ok ok ok ok ok",
        ["GET /error"] = "ok ok ok ok ok ok",
        ["GET /learn"] = "ok ok ok ok ok ok",
        ["GET /learn/glossary"] = "ok ok ok ok ok ok",
        ["GET /learn/{Slug}"] = "ok ok ok ok ok ok",
        ["GET /my"] = "login ok ok denied denied denied",
        ["GET /not-found"] = "ok ok ok ok ok ok",
        ["GET /privacy"] = "ok ok ok ok ok ok",
        ["GET /providers"] = "ok ok ok ok ok ok",
        ["GET /providers.json"] = "ok ok ok ok ok ok",
        ["GET /providers/{Slug}"] = "ok ok ok ok ok ok",
        ["GET /providers/{slug}/photo"] = "404 404 404 404 404 404",
        ["GET /terms"] = "ok ok ok ok ok ok",
        ["GET /{**path:file}"] = "404 404 404 404 404 404",
        ["POST /"] = "400 400 400 400 400 400",
        ["POST /account"] = "login 400 400 400 400 400",
        ["POST /account/access-denied"] = "400 400 400 400 400 400",
        ["POST /account/activity"] = "204 204 204 204 204 204",
        ["POST /account/forgot-password"] = "400 400 400 400 400 400",
        ["POST /account/invitation"] = "400 400 400 400 400 400",
        ["POST /account/login"] = "400 400 400 400 400 400",
        ["POST /account/login/two-factor"] = "400 400 400 400 400 400",
        ["POST /account/logout"] = "400 400 400 400 400 400",
        ["POST /account/reminders/unsubscribe"] = "400 400 400 400 400 400",
        ["POST /account/reset-password"] = "400 400 400 400 400 400",
        ["POST /account/two-factor"] = "login 400 400 400 400 400",
        ["POST /admin/audit"] = "login denied denied denied denied 400",
        ["POST /admin/clinic"] = "login denied denied denied denied 400",
        ["POST /admin/modules"] = "login denied denied denied denied 400",
        ["POST /admin/providers"] = "login denied denied denied denied 400",
        ["POST /admin/providers/new"] = "login denied denied denied denied 400",
        ["POST /admin/providers/{Id:int}"] = "login denied denied denied denied 400",
        ["POST /admin/staff"] = "login denied denied denied denied 400",
        ["POST /clinician"] = "login denied denied 400 400 400",
        ["POST /clinician/inbox"] = "login denied denied 400 400 400",
        ["POST /clinician/inbox/{Code}"] = "login denied denied 400 400 400",
        ["POST /clinician/patients"] = "login denied denied 400 400 400",
        ["POST /clinician/patients/invite"] = "login denied denied 400 400 400",
        ["POST /clinician/patients/{Id}"] = "login denied denied 400 400 400",
        ["POST /clinician/patients/{Id}/record"] = "login denied denied 400 400 400",
        ["POST /contact"] = "400 400 400 400 400 400",
        ["POST /contact/sent"] = "400 400 400 400 400 400",
        ["POST /error"] = "400 400 400 400 400 400",
        ["POST /learn"] = "400 400 400 400 400 400",
        ["POST /learn/glossary"] = "400 400 400 400 400 400",
        ["POST /learn/{Slug}"] = "400 400 400 400 400 400",
        ["POST /my"] = "login 400 400 denied denied denied",
        ["POST /not-found"] = "400 400 400 400 400 400",
        ["POST /privacy"] = "400 400 400 400 400 400",
        ["POST /providers"] = "400 400 400 400 400 400",
        ["POST /providers/{Slug}"] = "400 400 400 400 400 400",
        ["POST /reminders/unsubscribe"] = "404 404 404 404 404 404",
        ["POST /terms"] = "400 400 400 400 400 400",
    };

    /// <summary>
    /// Opening the sign-in pages signed in ends that session (a sign-in always starts a new one): these run last.
    /// </summary>
    private static readonly HashSet<string> EndsTheSession = ["GET /account/login", "GET /account/login/two-factor"];

    private readonly Dictionary<Who, HttpClient> clients = [];
    private readonly List<string> leaks = [];
    private readonly HashSet<string> shown = [];

    /// <summary>What only some identities may ever see, in any response body.</summary>
    private static readonly (string Text, Who[] SeenBy)[] Secrets =
    [
        ("Patricia OfA", [Who.PatientA, Who.ClinicianOfA, Who.Admin]),
        ("pa@example.org", [Who.PatientA, Who.ClinicianOfA, Who.Admin]),
        ("drive home afterwards", [Who.PatientA, Who.ClinicianOfA, Who.Admin]),
        ("Bernard OfB", [Who.PatientB, Who.OtherClinician, Who.Admin]),
        ("pb@example.org", [Who.PatientB, Who.OtherClinician, Who.Admin]),
    ];
    private readonly Dictionary<string, string> values = [];

    public async Task InitializeAsync()
    {
        await portal.SeedAsync();
        var module = await portal.WithDbAsync(db =>
            db.Modules.Where(m => m.IsPublished)
                .OrderBy(m => m.Order)
                .Select(m => new { m.Slug, m.CurrentRevisionId })
                .FirstAsync()
        );
        await using (var scope = portal.ScopeAs(CaseloadFactory.As(portal.PatientOfA, PortalRoles.Patient)))
        {
            var asked = await scope
                .ServiceProvider.GetRequiredService<ProgressService>()
                .AcknowledgeAsync(module.Slug, module.CurrentRevisionId!.Value, "Can I drive home afterwards?");
            Assert.True(asked.Accepted, asked.Problem);
        }

        values["module"] = module.Slug;
        values["provider"] = "naveen-thomas";
        values["providerId"] = (
            await portal.WithDbAsync(db =>
                db.Providers.Where(p => p.Slug == "naveen-thomas").Select(p => p.Id).FirstAsync()
            )
        ).ToString(System.Globalization.CultureInfo.InvariantCulture);
        values["patientA"] = portal.PatientOfA.Id;
        values["codeOfA"] = await portal.WithDbAsync(db =>
            db.ContactRequests.Where(r => r.PatientId == portal.PatientOfA.Id).Select(r => r.Code).FirstAsync()
        );

        await SignInEveryoneAsync();
    }

    /// <summary>A fresh browser per identity, signed in through the real form.</summary>
    private async Task SignInEveryoneAsync()
    {
        foreach (var who in Enum.GetValues<Who>())
        {
            clients.GetValueOrDefault(who)?.Dispose();
            var client = portal.CreatePortalClient();
            if (Email(who) is { } email)
            {
                var signIn = await client.SignInAsync(email, CaseloadFactory.Password);
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            }

            clients[who] = client;
        }
    }

    public Task DisposeAsync()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        return Task.CompletedTask;
    }

    private string? Email(Who who) =>
        who switch
        {
            Who.PatientA => portal.PatientOfA.Email,
            Who.PatientB => portal.PatientOfB.Email,
            Who.ClinicianOfA => portal.ClinicianA.Email,
            Who.OtherClinician => portal.ClinicianB.Email,
            Who.Admin => portal.Admin.Email,
            _ => null,
        };

    /// <summary>
    /// "GET /learn/{Slug}" for each method of each route endpoint the app maps, static files aside (content, not
    /// access). HEAD is answered like GET by the framework, so only GET, POST and the hub's any-method routes are kept.
    /// </summary>
    private IReadOnlyList<string> RoutesFromTheApp()
    {
        var routes = new SortedSet<string>(StringComparer.Ordinal);
        var endpoints = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"))
            {
                continue;
            }

            var template = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
            foreach (var method in methods.Where(m => m != "HEAD"))
            {
                routes.Add($"{method} {template}");
            }
        }

        return [.. routes];
    }

    /// <summary>An address for a route template: patient A's data, the seeded provider, a real lesson.</summary>
    private string Address(string template) =>
        template switch
        {
            "/learn/{Slug}" => $"/learn/{values["module"]}",
            "/providers/{Slug}" => $"/providers/{values["provider"]}",
            "/providers/{slug}/photo" => $"/providers/{values["provider"]}/photo",
            "/admin/providers/{Id:int}" => $"/admin/providers/{values["providerId"]}",
            "/clinician/patients/{Id}" => $"/clinician/patients/{values["patientA"]}",
            "/clinician/patients/{Id}/record" => $"/clinician/patients/{values["patientA"]}/record",
            "/clinician/inbox/{Code}" => $"/clinician/inbox/{values["codeOfA"]}",
            "/{**path:file}" => "/no-such-file.txt",
            "/_blazor/disconnect/" => "/_blazor/disconnect",
            "/_blazor/initializers/" => "/_blazor/initializers",
            _ when template.Contains('{', StringComparison.Ordinal) => throw new InvalidOperationException(
                $"No sample value for {template}: add one to Address()."
            ),
            _ => template,
        };

    private async Task<string> OutcomeAsync(Who who, string method, string address)
    {
        var client = clients[who];
        var verb = method switch
        {
            "ANY" when address is "/_blazor/negotiate" or "/_blazor/disconnect" => HttpMethod.Post,
            "ANY" => HttpMethod.Get,
            _ => new HttpMethod(method),
        };
        using var request = new HttpRequestMessage(verb, address);
        if (verb == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent([]); // no antiforgery token: what a forged post has
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var leaked = Secrets.Where(secret =>
            !secret.SeenBy.Contains(who) && body.Contains(secret.Text, StringComparison.Ordinal)
        );
        foreach (
            var secret in Secrets.Where(x => x.SeenBy.Contains(who) && body.Contains(x.Text, StringComparison.Ordinal))
        )
        {
            shown.Add(secret.Text);
        }

        foreach (var secret in leaked)
        {
            leaks.Add($"{method} {address} as {who} shows \"{secret.Text}\"");
        }

        var location = response.Headers.Location is { } l
            ? (l.IsAbsoluteUri ? l.AbsolutePath : l.OriginalString.Split('?')[0])
            : "";
        return (int)response.StatusCode switch
        {
            200 => "ok",
            204 => "204",
            302 or 303 or 307 when location == "/account/login" => "login",
            302 or 303 or 307 when location == "/account/access-denied" => "denied",
            302 or 303 or 307 => "moved:" + location,
            403 => "denied",
            var code => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    [Fact]
    public async Task EveryRouteAnswersEachIdentityAsTheTableSays()
    {
        var routes = RoutesFromTheApp();
        var unlisted = routes.Where(r => !Expected.ContainsKey(r)).ToList();
        var gone = Expected.Keys.Where(r => !routes.Contains(r)).ToList();
        var failures = new List<string>();
        var actualTable = new List<string>();
        foreach (var route in routes.OrderBy(EndsTheSession.Contains))
        {
            var method = route[..route.IndexOf(' ', StringComparison.Ordinal)];
            var address = Address(route[(method.Length + 1)..]);
            var actual = new List<string>();
            foreach (var who in Enum.GetValues<Who>())
            {
                actual.Add(await OutcomeAsync(who, method, address));
            }

            if (EndsTheSession.Contains(route))
            {
                await SignInEveryoneAsync();
            }

            var line = string.Join(' ', actual);
            actualTable.Add($"[\"{route}\"] = \"{line}\",");
            if (Expected.TryGetValue(route, out var expected) && expected != line)
            {
                failures.Add($"{route}: expected [{expected}], got [{line}]");
            }
        }

        // The probe sees real data: each secret does show up somewhere for someone allowed to see it.
        Assert.Equal(Secrets.Select(x => x.Text).Order(), shown.Order());
        output.WriteLine(
            $"{routes.Count} routes x {clients.Count} identities = {routes.Count * clients.Count} requests"
        );
        Assert.True(
            unlisted.Count == 0 && gone.Count == 0 && failures.Count == 0 && leaks.Count == 0,
            string.Join(
                Environment.NewLine,
                [
                    .. unlisted.Select(r => $"No expected outcomes for {r}: add a row."),
                    .. gone.Select(r => $"{r} is no longer routed: remove its row."),
                    .. failures,
                    .. leaks,
                    "",
                    "Observed (anonymous, patient A, patient B, clinician of A, other clinician, admin):",
                    .. actualTable,
                ]
            )
        );
    }

    private System.Security.Claims.ClaimsPrincipal? Principal(Who who) =>
        who switch
        {
            Who.PatientA => CaseloadFactory.As(portal.PatientOfA, PortalRoles.Patient),
            Who.PatientB => CaseloadFactory.As(portal.PatientOfB, PortalRoles.Patient),
            Who.ClinicianOfA => CaseloadFactory.As(portal.ClinicianA, PortalRoles.Clinician),
            Who.OtherClinician => CaseloadFactory.As(portal.ClinicianB, PortalRoles.Clinician),
            Who.Admin => CaseloadFactory.As(portal.Admin, PortalRoles.Admin),
            _ => null,
        };

    /// <summary>
    /// Service methods a circuit can call, each aimed at patient A's data (or at something only admins may do), with
    /// what each identity must get: ok = the data or the change, refused = nothing (not found, no rows), denied = the
    /// guard throws. A forged id is all a circuit needs to try these, whatever the page shows.
    /// </summary>
    private Dictionary<string, (string Expected, Func<IServiceProvider, Task<bool>> Call)> Calls()
    {
        var a = portal.PatientOfA.Id;
        var code = values["codeOfA"];
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5);
        return new()
        {
            ["PatientRecordService.DetailAsync(A)"] = (
                "denied denied denied ok refused ok",
                async s => await s.GetRequiredService<PatientRecordService>().DetailAsync(a) is not null
            ),
            ["PatientRecordService.MayOpenAsync(A)"] = (
                "denied denied denied ok refused ok",
                s => s.GetRequiredService<PatientRecordService>().MayOpenAsync(a)
            ),
            ["PatientService.SetNextSessionAsync(A)"] = (
                "denied denied denied ok refused ok",
                async s => await s.GetRequiredService<PatientService>().SetNextSessionAsync(a, day) is null
            ),
            ["PatientService.AssignAsync(A)"] = (
                "denied denied denied ok refused ok",
                async s => await s.GetRequiredService<PatientService>().AssignAsync(a, [ModuleId], day) is null
            ),
            ["PatientService.SetRemindersPausedAsync(A)"] = (
                "denied denied denied ok refused ok",
                async s => await s.GetRequiredService<PatientService>().SetRemindersPausedAsync(a, false) is null
            ),
            ["PatientService.ChangeCareTeamAsync(A)"] = (
                "denied denied denied ok refused ok",
                async s =>
                    await s.GetRequiredService<PatientService>().ChangeCareTeamAsync(a, portal.ClinicianA.Id, add: true)
                        is null
            ),
            ["MatrixService.BuildAsync has A"] = (
                "denied denied denied ok refused ok",
                async s =>
                    (await s.GetRequiredService<MatrixService>().BuildAsync(new MatrixFilter())).Rows.Any(r =>
                        r.PatientId == a
                    )
            ),
            ["MatrixService.ExportCsvAsync has A"] = (
                "denied denied denied ok refused ok",
                async s =>
                    System
                        .Text.Encoding.UTF8.GetString(
                            await s.GetRequiredService<MatrixService>().ExportCsvAsync(new MatrixFilter())
                        )
                        .Contains("Patricia", StringComparison.Ordinal)
            ),
            ["InboxService.GetAsync(A's question)"] = (
                "denied denied denied ok refused ok",
                async s => await s.GetRequiredService<InboxService>().GetAsync(code) is not null
            ),
            ["InboxService.ListAsync has A's question"] = (
                "denied denied denied ok refused ok",
                async s =>
                    (await s.GetRequiredService<InboxService>().ListAsync(new InboxFilter(ContactStatus.New))).Any(r =>
                        r.Code == code
                    )
            ),
            ["InboxService.AddNoteAsync(A's question)"] = (
                "denied denied denied ok refused ok",
                async s => await s.GetRequiredService<InboxService>().AddNoteAsync(code, "Called back.") is null
            ),
            ["QuestionThreads.FollowUpAsync(A's question)"] = (
                "denied ok refused denied denied denied",
                async s => await s.GetRequiredService<QuestionThreads>().FollowUpAsync(code, "One more thing.") is null
            ),
            ["AuditBrowser.ListAsync"] = (
                "denied denied denied denied denied ok",
                async s => (await s.GetRequiredService<AuditBrowser>().ListAsync(null, null, 1)).Rows.Count > 0
            ),
            ["StaffService.SetRolesAsync(other clinician)"] = (
                "denied denied denied denied denied ok",
                async s =>
                    await s.GetRequiredService<StaffService>()
                        .SetRolesAsync(portal.ClinicianB.Id, clinician: true, admin: false)
                        is null
            ),
            ["ProviderService.SetPublishedAsync"] = (
                "denied denied denied denied denied ok",
                async s =>
                    await s.GetRequiredService<ProviderService>()
                        .SetPublishedAsync(int.Parse(values["providerId"], CultureInfo.InvariantCulture), true)
                        is null
            ),
            ["InvitationService.RevokeAsync(clinician A's invitation)"] = (
                "denied denied denied ok refused ok",
                async s => (await s.GetRequiredService<InvitationService>().RevokeAsync(await InvitationOfAAsync())).Ok
            ),
        };
    }

    private int ModuleId { get; set; }

    /// <summary>A fresh invitation sent by clinician A, so each identity tries to revoke one still pending.</summary>
    private Task<int> InvitationOfAAsync() =>
        portal.WithDbAsync(async db =>
        {
            var invitation = new Invitation
            {
                Kind = InvitationKind.Patient,
                Email = $"invitee-{Guid.NewGuid():N}@example.org",
                DisplayName = "Invitee",
                TokenHash = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                CreatedById = portal.ClinicianA.Id,
                CreatedAt = DateTime.UtcNow,
                ExpiresAt = DateTime.UtcNow.AddDays(7),
            };
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
            return invitation.Id;
        });

    [Fact]
    public async Task EveryServiceMethodAnswersEachIdentityAsTheTableSays()
    {
        ModuleId = await portal.WithDbAsync(db => db.Modules.Where(m => m.IsPublished).Select(m => m.Id).FirstAsync());
        var failures = new List<string>();
        var calls = Calls();
        foreach (var (name, (expected, call)) in calls)
        {
            var actual = new List<string>();
            foreach (var who in Enum.GetValues<Who>())
            {
                await using var scope = portal.ScopeAs(Principal(who));
                try
                {
                    actual.Add(await call(scope.ServiceProvider) ? "ok" : "refused");
                }
                catch (UnauthorizedAccessException)
                {
                    actual.Add("denied");
                }
            }

            if (string.Join(' ', actual) != expected)
            {
                failures.Add($"{name}: expected [{expected}], got [{string.Join(' ', actual)}]");
            }
        }

        output.WriteLine($"{calls.Count} service calls x 6 identities");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
