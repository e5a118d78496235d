using ClarityPortal.Web.Features.Audit;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Identity;

var builder = WebApplication.CreateBuilder(args);

builder.AddClarityData();
builder.AddAudit();
builder.AddPortalIdentity();
builder.AddPortalWeb();

var app = builder.Build();

await app.PrepareDatabaseAsync();
if (CreateAdminCommand.IsRequested(args))
{
    return await CreateAdminCommand.RunAsync(app.Services, args, Console.In, Console.Out);
}

app.UsePortal();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so the test host can find it.</summary>
public partial class Program;
