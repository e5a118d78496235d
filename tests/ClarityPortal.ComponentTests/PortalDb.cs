using System.Text.Json;
using ClarityPortal.Data;
using ClarityPortal.Data.Education;
using ClarityPortal.Web.Features.Audit;
using ClarityPortal.Web.Features.Education;
using ClarityPortal.Web.Features.Education.Content;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Features.Contact;
using ClarityPortal.Web.Infrastructure.Mail;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.ComponentTests;

/// <summary>A real SQLite file with the portal's services over it; <see cref="Seed"/> adds one published module with one check (answer: the second option).</summary>
public sealed class PortalDb : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"clarity-ct-{Guid.NewGuid():N}.db");

    /// <summary>Registers the education services over this database (call before anything is resolved).</summary>
    public void Register(IServiceCollection services)
    {
        services.AddDbContextFactory<ClarityDbContext>(o => o.UseSqlite($"Data Source={path}"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ContentRenderer>();
        services.AddSingleton<ContentLocation>();
        services.AddSingleton<ContentSync>();
        services.AddScoped<AuthorizationGuard>();
        services.AddScoped<EducationService>();
        services.AddSingleton<RevisionShapes>();
        services.AddScoped<ProgressService>();
        services.AddOptions<ReadingOptions>();
        services.AddDataProtection();
        services.Configure<ContactOptions>(_ => { });
        services.Configure<MailOptions>(o => o.PickupFolder = Path.Combine(Path.GetTempPath(), "clarity-ct-mail"));
        services.AddSingleton<IMailTransport, PickupFolderTransport>();
        services.AddSingleton<MailDispatcher>();
        services.AddSingleton<Outbox>();
        services.AddScoped<ContactService>();
        services.AddScoped<InboxService>();
        services.AddScoped<ClarityPortal.Web.Features.Providers.ProviderService>();
        services.AddLogging();
        services.Configure<ClarityPortal.Web.Infrastructure.ClinicOptions>(o => o.TimeZone = "UTC");
        services.AddSingleton<ClarityPortal.Web.Infrastructure.ClinicCalendar>();
        services.AddScoped<ClarityPortal.Web.Features.Patients.MatrixService>();
        services.AddScoped<ClarityPortal.Web.Features.Patients.PatientService>();
    }

    public void Create(IServiceProvider services)
    {
        using var db = services.GetRequiredService<IDbContextFactory<ClarityDbContext>>().CreateDbContext();
        db.Database.EnsureCreated();
    }

    public CheckBlockView Seed(IServiceProvider services)
    {
        Create(services);
        using var db = services.GetRequiredService<IDbContextFactory<ClarityDbContext>>().CreateDbContext();
        var check = new KnowledgeCheck
        {
            Question = "Which is right?", OptionsJson = JsonSerializer.Serialize(new[] { "Wrong", "Right", "Also wrong" }),
            CorrectOption = 1, Explanation = "Because the second one is right.",
        };
        var module = new Module { Slug = "m", Title = "M", Summary = "S", IsPublished = true };
        var revision = new ModuleRevision
        {
            Module = module, Version = "1", ContentHash = "h", SourceFile = "m.md",
            Sections = [new Section { Key = "s", Title = "S", Body = "x", Checks = [check] }],
        };
        db.ModuleRevisions.Add(revision);
        db.SaveChanges();
        module.CurrentRevisionId = revision.Id;
        db.SaveChanges();
        return new CheckBlockView(check.Id, check.Question, ["Wrong", "Right", "Also wrong"]);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }
}
