using ClarityPortal.Web;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Identity;

var builder = WebApplication.CreateBuilder(args);
var (services, configuration, environment) = (builder.Services, builder.Configuration, builder.Environment);

// The floor (data, clock, calendar, audit, mail), sign-in, the web shell, then the features (PortalFeatures.cs).
services
    .AddPlatform(configuration, environment)
    .AddPortalIdentity(configuration, environment)
    .AddPortalWeb(configuration)
    .AddFeatures(configuration);

var app = builder.Build();

// Migrations, content sync and demo data; a command-line command (create-admin, sync-content) runs here and exits.
if (await app.PrepareAsync(args) is { } exitCode)
{
    return exitCode;
}

app.UsePortal().MapFeatures();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so the test host can find it.</summary>
public partial class Program;
