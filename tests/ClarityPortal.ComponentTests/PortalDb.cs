using System.Text.Json;
using ClarityPortal.Data;
using ClarityPortal.Data.Education;
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
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClarityPortal.ComponentTests;

/// <summary>
/// A real SQLite file with the portal's services over it; <see cref="Seed"/> adds one published module with one check
/// (answer: the second option).
/// </summary>
public sealed class PortalDb : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"clarity-ct-{Guid.NewGuid():N}.db");

    /// <summary>
    /// Registers the portal's services over this database the way Program.cs does: the platform, then each feature's
    /// <c>AddX()</c> (call before anything is resolved). Sign-in and the web shell are the test context's own.
    /// </summary>
    public void Register(IServiceCollection services, IHostEnvironment environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Sqlite"] = $"Data Source={path}",
                    ["Clinic:TimeZone"] = "UTC",
                    ["Audit:Key"] = "tests-only-audit-key-0123456789abcdefghij",
                    ["Email:PickupFolder"] = Path.Combine(Path.GetTempPath(), "clarity-ct-mail"),
                }
            )
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<IdentityScope>();
        services.AddScoped<AuthorizationGuard>();
        services.AddOutputCache().AddSingleton<PublicPageCache>(); // the web host's part (AddPublicPages)
        services.AddPlatform(configuration, environment).AddFeatures(configuration);
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
            Question = "Which is right?",
            OptionsJson = JsonSerializer.Serialize(new[] { "Wrong", "Right", "Also wrong" }),
            CorrectOption = 1,
            Explanation = "Because the second one is right.",
        };
        var module = new Module
        {
            Slug = "m",
            Title = "M",
            Summary = "S",
            IsPublished = true,
        };
        var revision = new ModuleRevision
        {
            Module = module,
            Version = "1",
            ContentHash = "h",
            SourceFile = "m.md",
            Sections =
            [
                new Section
                {
                    Key = "s",
                    Title = "S",
                    Body = "x",
                    Checks = [check],
                },
            ],
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
