using ClarityPortal.Data;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using ClarityPortal.IntegrationTests.Patients;
using ClarityPortal.Web.Features.Education.Components;
using ClarityPortal.Web.Features.Patients.Matrix;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ClarityPortal.IntegrationTests.Data;

public class DatabaseTests
{
    /// <summary>A context built the way the app builds it (Identity's model depends on its options).</summary>
    private static ServiceProvider Services(string provider, string connectionString)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDbContext<ClarityDbContext>(o => DatabaseSetup.Configure(o, provider, connectionString));
        services
            .AddIdentityCore<ApplicationUser>(IdentitySetup.ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ClarityDbContext>();
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(DatabaseSetup.SqliteProvider, "Data Source=:memory:")]
    [InlineData(DatabaseSetup.SqlServerProvider, "Server=localhost;Database=ClarityPortal;Trusted_Connection=True")]
    public void TheModelHasNoChangesMissingFromMigrations(string provider, string connectionString)
    {
        using var services = Services(provider, connectionString);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClarityDbContext>();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: run 'dotnet ef migrations add' (see README).");
    }

    [Fact]
    public async Task EverySqliteConnectionWaitsForAnotherWritersLockInsteadOfFailingAtOnce()
    {
        await using var portal = new PortalFactory();
        var factory = portal.Services.GetRequiredService<IDbContextFactory<ClarityDbContext>>();

        foreach (var _ in Enumerable.Range(0, 2)) // a fresh connection, then one from the pool
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout;";
            Assert.Equal((long)SqliteTuning.BusyTimeoutMilliseconds, await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task UpgradingFillsTheExplorerStepsOfSectionsSyncedBefore()
    {
        var file = Path.Combine(Path.GetTempPath(), $"clarity-upgrade-{Guid.NewGuid():N}.db");
        try
        {
            await using (var services = Services(DatabaseSetup.SqliteProvider, $"Data Source={file}"))
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ClarityDbContext>();
                var migrator = db.GetService<IMigrator>();
                var migrations = db.Database.GetMigrations().ToList();
                var before = migrations[
                    migrations.FindIndex(m => m.EndsWith("_SectionExplorerSteps", StringComparison.Ordinal)) - 1
                ];
                await migrator.MigrateAsync(before);
                await db.Database.ExecuteSqlRawAsync(
                    """
                    INSERT INTO Modules (Slug, Title, Summary, "Order", EstimatedMinutes, IsPublished)
                        VALUES ('m', 'M', '', 1, 1, 1);
                    INSERT INTO ModuleRevisions (ModuleId, Version, ContentHash, PublishedAt, ChangeKind, ReadingGrade,
                        WordCount, ReferencesJson, SourceFile)
                        VALUES (1, '1', 'h', '2026-11-01', 0, 5, 10, '[]', 'm.md');
                    INSERT INTO Sections (RevisionId, "Key", Title, "Order", WordCount, ReadingGrade, Body) VALUES
                        (1, 'plain', 'Plain', 0, 5, 5, 'Just words.'),
                        (1, 'explorer', 'Explorer', 1, 5, 5, 'Words.

                    ::: mechanism-explorer
                    :::');
                    """
                );

                await migrator.MigrateAsync();

                var steps = await db.Sections.OrderBy(s => s.Order).Select(s => s.ExplorerSteps).ToListAsync();
                Assert.Equal([0, MechanismSteps.All.Count], steps);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task UpgradingBackfillsTheProgressSummariesFromTheProgressStoredBefore()
    {
        var file = Path.Combine(Path.GetTempPath(), $"clarity-upgrade-{Guid.NewGuid():N}.db");
        try
        {
            await using var services = Services(DatabaseSetup.SqliteProvider, $"Data Source={file}");
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClarityDbContext>();
            var migrator = db.GetService<IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            await migrator.MigrateAsync(
                migrations[migrations.FindIndex(m => m.EndsWith("_ProgressSummaries", StringComparison.Ordinal)) - 1]
            );
            var expected = await UpgradeCases.WriteAsync(db);
            db.ChangeTracker.Clear();

            await migrator.MigrateAsync();

            await ProgressSummaryChecks.AssertMatchTheRulesAsync(db, "after the upgrade");
            var stored = await db
                .ProgressSummaries.OrderBy(s => s.PatientId)
                .Select(s => new ValueTuple<string, bool, int, int>(s.PatientId, s.Assigned, s.Status, s.Percent))
                .ToListAsync();
            Assert.Equal(expected, stored);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public void TheMatrixQueriesTranslateToSqlServerThatParses()
    {
        using var services = Services(
            DatabaseSetup.SqlServerProvider,
            "Server=localhost;Database=ClarityPortal;Trusted_Connection=True"
        );
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClarityDbContext>();
        var today = new DateOnly(2026, 11, 30);
        var clinician = PortalFactory.User("clinician-1", PortalRoles.Clinician);
        var queries = new List<string>();
        foreach (var status in new CellStatus?[] { null }.Concat(Enum.GetValues<CellStatus>().Cast<CellStatus?>()))
        {
            var filter = new MatrixFilter(status, status is null ? null : 1, status is null, 7, "lee");
            var matching = MatrixQueries.Matching(db, clinician, filter, today);
            queries.Add(matching.Select(u => u.Id).ToQueryString());
            queries.Add(
                MatrixQueries
                    .LinesQuery(db, matching.Select(u => u.Id), MatrixQueries.Columns(db, 1).Select(m => m.Id))
                    .ToQueryString()
            );
            queries.Add(MatrixQueries.QuestionsQuery(db, matching.Select(u => u.Id)).ToQueryString());
        }

        queries.Add(MatrixQueries.PageQuery(db, ["a", "b"], null).ToQueryString());
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        foreach (var sql in queries)
        {
            using var reader = new StringReader(sql);
            parser.Parse(reader, out var errors);
            Assert.True(errors.Count == 0, $"{string.Join("; ", errors.Select(e => e.Message))}\n{sql}");
        }

        Assert.Contains(queries, q => q.Contains("STRING_AGG", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSqlServerIdempotentScriptParsesWithoutErrors()
    {
        using var services = Services(
            DatabaseSetup.SqlServerProvider,
            "Server=localhost;Database=ClarityPortal;Trusted_Connection=True"
        );
        using var scope = services.CreateScope();
        var migrator = scope.ServiceProvider.GetRequiredService<ClarityDbContext>().GetService<IMigrator>();

        var script = migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);

        Assert.Empty(errors.Select(e => $"line {e.Line}: {e.Message}"));
        Assert.Contains("CREATE TABLE [AuditEvents]", script);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script);
        Assert.Contains("IF NOT EXISTS", script);
        Assert.NotEmpty(((TSqlScript)fragment).Batches);
    }

    [Fact]
    public async Task AFreshSqliteFileMigratesAndSeedsTheDemoAccountsInDevelopment()
    {
        await using var factory = new PortalFactory { Environment = "Development" };
        Assert.False(File.Exists(factory.DatabasePath));

        _ = factory.Services; // starts the app: migrate and seed
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        Assert.True(File.Exists(factory.DatabasePath));
        foreach (
            var (email, role) in new[]
            {
                (IdentitySeed.DemoAdmin, PortalRoles.Admin),
                (IdentitySeed.DemoClinician, PortalRoles.Clinician),
                (IdentitySeed.DemoPatient, PortalRoles.Patient),
            }
        )
        {
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.True(await users.IsInRoleAsync(user, role));
            Assert.True(await users.CheckPasswordAsync(user, IdentitySeed.DemoPassword));
        }

        var clinician = await users.FindByEmailAsync(IdentitySeed.DemoClinician);
        var patient = await users.FindByEmailAsync(IdentitySeed.DemoPatient);
        Assert.True(
            await factory.WithDbAsync(db =>
                db.CareTeamLinks.AnyAsync(l => l.ClinicianId == clinician!.Id && l.PatientId == patient!.Id)
            )
        );
        Assert.Empty(await factory.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }

    [Fact]
    public async Task ProductionStartsWithRolesButNoAccounts()
    {
        await using var factory = new PortalFactory { Environment = "Production" };

        var (users, roles) = await factory.WithDbAsync(async db =>
            (await db.Users.CountAsync(), await db.Roles.CountAsync())
        );

        Assert.Equal(0, users);
        Assert.Equal(3, roles);
    }

    [Fact]
    public async Task CreateAdminMakesTheFirstAdminWithAValidPassword()
    {
        await using var factory = new PortalFactory { Environment = "Production" };
        var output = new StringWriter();

        var tooShort = await CreateAdminCommand.RunAsync(
            factory.Services,
            ["create-admin", "--email", "boss@clinic.example"],
            new StringReader("short\n"),
            output
        );
        var ok = await CreateAdminCommand.RunAsync(
            factory.Services,
            ["create-admin", "--email", "boss@clinic.example", "--name", "Dr Boss"],
            new StringReader("A-Strong-Pass-2026!\n"),
            output
        );
        var again = await CreateAdminCommand.RunAsync(
            factory.Services,
            ["create-admin", "--email", "boss@clinic.example"],
            new StringReader("A-Strong-Pass-2026!\n"),
            output
        );

        Assert.Equal(1, tooShort);
        Assert.Equal(0, ok);
        Assert.Equal(1, again);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByEmailAsync("boss@clinic.example");
        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, PortalRoles.Admin));
        Assert.Equal(UserKind.Staff, admin.Kind);
    }
}
