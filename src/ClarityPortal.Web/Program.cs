using ClarityPortal.Web.Features.Audit;
using ClarityPortal.Web.Features.Contact;
using ClarityPortal.Web.Features.Education;
using ClarityPortal.Web.Features.Patients;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Features.Providers;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Identity;
using ClarityPortal.Web.Infrastructure.Mail;

var builder = WebApplication.CreateBuilder(args);

builder.AddClarityData();
builder.AddAudit();
builder.AddPortalIdentity();
builder.AddEducation();
builder.AddProgress();
builder.AddMail();
builder.AddContact();
builder.AddProviders();
builder.AddPatients();
builder.AddPortalWeb();

var app = builder.Build();

await app.PrepareDatabaseAsync();
var synced = await app.SyncContentAsync();
await app.SeedDemoCaseloadAsync();
if (CreateAdminCommand.IsRequested(args))
{
    return await CreateAdminCommand.RunAsync(app.Services, args, Console.In, Console.Out);
}

if (args is [EducationSetup.SyncCommand, ..])
{
    synced.ToList().ForEach(r => Console.WriteLine($"{r.Outcome,-10} {r.File}: {r.Message}"));
    return synced.Any(r => r.Outcome == SyncOutcome.Rejected) ? 1 : 0;
}

app.UsePortal().MapProviderEndpoints().MapPatientEndpoints();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so the test host can find it.</summary>
public partial class Program;
