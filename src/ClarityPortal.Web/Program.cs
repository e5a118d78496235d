using ClarityPortal.Web;
using ClarityPortal.Web.Features.Admin;
using ClarityPortal.Web.Features.Audit;
using ClarityPortal.Web.Features.Contact;
using ClarityPortal.Web.Features.Education;
using ClarityPortal.Web.Features.Invitations;
using ClarityPortal.Web.Features.Patients;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Features.Providers;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Identity;

var builder = WebApplication.CreateBuilder(args);
var (services, configuration, environment) = (builder.Services, builder.Configuration, builder.Environment);

// The floor (data, clock, calendar, audit, mail), sign-in and the web shell, then each feature: one line each.
services
    .AddPlatform(configuration, environment)
    .AddPortalIdentity(configuration, environment)
    .AddPortalWeb(configuration);
services.AddEducation();
services.AddProgress(configuration);
services.AddContact(configuration);
services.AddProviders();
services.AddInvitations(configuration);
services.AddPatients();
services.AddAdmin();
services.AddAudit();

var app = builder.Build();

// Migrations, content sync and demo data; a command-line command (create-admin, sync-content) runs here and exits.
if (await app.PrepareAsync(args) is { } exitCode)
{
    return exitCode;
}

app.UsePortal().MapPortal().MapProviders().MapPatients();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so the test host can find it.</summary>
public partial class Program;
