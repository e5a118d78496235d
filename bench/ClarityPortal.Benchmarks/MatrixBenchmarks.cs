using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using ClarityPortal.Data;
using ClarityPortal.Data.CareTeam;
using ClarityPortal.Data.Education;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using ClarityPortal.Data.Progress;
using ClarityPortal.Web.Features.Patients.Matrix;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using ClarityPortal.Web.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;

namespace ClarityPortal.Benchmarks;

/// <summary>
/// The clinician's "who has read what" matrix over a real SQLite file: 20 modules of 3 sections and a caseload of
/// N patients with assignments, section reads, answers and acknowledgements. Includes the audit row each view writes.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class MatrixBenchmarks
{
    public const int Modules = 20;

    private readonly string path = Path.Combine(Path.GetTempPath(), $"clarity-bench-{Guid.NewGuid():N}.db");
    private ServiceProvider services = default!;
    private AsyncServiceScope scope;
    private MatrixService matrix = default!;

    [Params(500, 2000, 5000)]
    public int Patients { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        // the same Identity schema as the app
        collection.Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(IdentitySetup.ConfigureIdentity);
        collection.AddDbContextFactory<ClarityDbContext>(o =>
            o.UseSqlite($"Data Source={path}", s => s.MigrationsAssembly("ClarityPortal.Data.Sqlite"))
        );
        collection.AddSingleton(TimeProvider.System);
        // The audit chain's key and anchor file, as the app has them (AuditSecrets), and the meters it counts on.
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Audit:Key"] = "benchmarks-only-audit-key-0123456789abcdef",
                    ["Audit:AnchorPath"] = path + ".audit-anchor",
                }
            )
            .Build();
        var environment = new HostingEnvironment
        {
            EnvironmentName = "Production",
            ContentRootPath = Path.GetTempPath(),
        };
        collection.AddSingleton(new AuditSecrets(settings, environment));
        collection.AddMetrics();
        collection.AddSingleton<PortalTelemetry>();
        collection.AddSingleton<AuditLog>();
        collection.Configure<ClinicOptions>(o => o.TimeZone = "UTC");
        collection.AddSingleton<ClinicCalendar>();
        collection.AddAuthorizationCore(PortalPolicies.Configure);
        collection.AddScoped<AuthenticationStateProvider, FixedUser>();
        collection.AddScoped<AuthorizationGuard>();
        collection.AddScoped<MatrixService>();
        services = collection.BuildServiceProvider();
        await using (
            var db = await services.GetRequiredService<IDbContextFactory<ClarityDbContext>>().CreateDbContextAsync()
        )
        {
            await db.Database.MigrateAsync();
            await SeedAsync(db, Patients);
            await ProgressSummaries.RebuildAsync(db); // the seed writes progress rows directly
        }

        scope = services.CreateAsyncScope();
        matrix = scope.ServiceProvider.GetRequiredService<MatrixService>();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await scope.DisposeAsync();
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(path);
        File.Delete(path + ".audit-anchor");
    }

    [Benchmark]
    public Task<MatrixView> FirstPage() => matrix.BuildAsync(new MatrixFilter());

    [Benchmark]
    public Task<MatrixView> OverdueOnlyLastPage() => matrix.BuildAsync(new MatrixFilter(OverdueOnly: true, Page: 1000));

    /// <summary>A status nobody has: every cell of the caseload is looked at and nothing matches.</summary>
    [Benchmark]
    public Task<MatrixView> StatusNobodyHas() =>
        matrix.BuildAsync(new MatrixFilter(Status: CellStatus.NeedsReacknowledgement));

    [Benchmark]
    public Task<byte[]> ExportCsv() => matrix.ExportCsvAsync(new MatrixFilter());

    private static async Task SeedAsync(ClarityDbContext db, int patients)
    {
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        db.Users.Add(
            new ApplicationUser
            {
                Id = "clinician",
                UserName = "c",
                Email = "c@example.org",
                DisplayName = "Clinician",
                Kind = UserKind.Staff,
                CreatedAt = now,
            }
        );
        var modules = new List<(Module Module, string[] Keys, KnowledgeCheck Check)>();
        for (var i = 1; i <= Modules; i++)
        {
            var check = new KnowledgeCheck
            {
                Question = "Q",
                OptionsJson = "[\"a\",\"b\"]",
                CorrectOption = 1,
                Explanation = "E",
            };
            var keys = new[] { "one", "two", "three" };
            var module = new Module
            {
                Slug = $"m{i}",
                Title = $"Module {i}",
                Summary = "S",
                Order = i,
                IsPublished = true,
            };
            var revision = new ModuleRevision
            {
                Module = module,
                Version = "1",
                ContentHash = $"h{i}",
                SourceFile = $"m{i}.md",
                Sections =
                [
                    .. keys.Select(
                        (k, n) =>
                            new Section
                            {
                                Key = k,
                                Title = k,
                                Order = n,
                                Body = "x",
                                Checks = n == 1 ? [check] : [],
                            }
                    ),
                ],
            };
            db.ModuleRevisions.Add(revision);
            modules.Add((module, keys, check));
        }

        await db.SaveChangesAsync();
        foreach (var (module, _, _) in modules)
        {
            module.CurrentRevisionId = (await db.ModuleRevisions.FirstAsync(r => r.ModuleId == module.Id)).Id;
        }

        await db.SaveChangesAsync();
        var keyed = modules.Select(m => (m.Module.Id, m.Keys, CheckId: m.Check.Id)).ToList();
        db.ChangeTracker.Clear();
        for (var p = 0; p < patients; p++)
        {
            if (p % 250 == 0)
            {
                await db.SaveChangesAsync(); // a chunk at a time: the change tracker stays small
                db.ChangeTracker.Clear();
            }

            var id = $"{p:00000000}-0000-4000-8000-000000000000"; // as long as Identity's ids
            db.Users.Add(
                new ApplicationUser
                {
                    Id = id,
                    UserName = id,
                    Email = $"{id}@example.org",
                    DisplayName = $"Patient {p:0000}",
                    Kind = UserKind.Patient,
                    CreatedAt = now,
                }
            );
            db.CareTeamLinks.Add(
                new CareTeamLink
                {
                    PatientId = id,
                    ClinicianId = "clinician",
                    LinkedAt = now,
                }
            );
            for (var i = 0; i < keyed.Count; i++)
            {
                var (moduleId, keys, checkId) = keyed[i];
                db.ModuleAssignments.Add(
                    new ModuleAssignment
                    {
                        PatientId = id,
                        ModuleId = moduleId,
                        AssignedById = "clinician",
                        AssignedAt = now,
                        DueOn = today.AddDays(p % 3 == 0 ? -1 : 5),
                    }
                );
                var read = (p + i) % 4;
                if (read == 0)
                {
                    continue;
                }

                db.ModuleProgress.Add(
                    new ModuleProgress
                    {
                        PatientId = id,
                        ModuleId = moduleId,
                        StartedAt = now,
                        LastActivityAt = now,
                        AcknowledgedAt = read == 3 ? now : null,
                    }
                );
                db.SectionProgress.AddRange(
                    keys.Take(read)
                        .Select(k => new SectionProgress
                        {
                            PatientId = id,
                            ModuleId = moduleId,
                            SectionKey = k,
                            FirstSeenAt = now,
                            LastCountedAt = now,
                            ActiveSeconds = 30,
                            ReadAt = now,
                        })
                );
                if (read >= 2)
                {
                    db.CheckAnswers.Add(
                        new CheckAnswer
                        {
                            PatientId = id,
                            CheckId = checkId,
                            Option = 1,
                            Correct = true,
                            AnsweredAt = now,
                        }
                    );
                }
            }
        }

        await db.SaveChangesAsync();
    }

    private sealed class FixedUser : AuthenticationStateProvider
    {
        private static readonly ClaimsPrincipal Clinician = new(
            new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, "clinician"),
                    new Claim(ClaimTypes.Name, "clinician"),
                    new Claim(ClaimTypes.Role, PortalRoles.Clinician),
                ],
                "bench"
            )
        );

        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(Clinician));
    }
}
