using ClarityPortal.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClarityPortal.Web.Infrastructure;

/// <summary>The database: SQLite by default, SQL Server when <c>Database:Provider</c> is <c>SqlServer</c>.</summary>
public static class DatabaseSetup
{
    public const string SqliteProvider = "Sqlite";
    public const string SqlServerProvider = "SqlServer";

    public static IServiceCollection AddClarityData(
        this IServiceCollection services,
        IConfiguration configuration,
        IHostEnvironment environment
    )
    {
        var provider = configuration["Database:Provider"] ?? SqliteProvider;
        var connectionString = provider switch
        {
            SqliteProvider => SqliteConnectionString(configuration, environment.ContentRootPath),
            SqlServerProvider => configuration.GetConnectionString("SqlServer")
                ?? throw new InvalidOperationException(
                    "Database:Provider is SqlServer but ConnectionStrings:SqlServer is not set."
                ),
            _ => throw new InvalidOperationException(
                $"Unknown Database:Provider '{provider}'. Use '{SqliteProvider}' or '{SqlServerProvider}'."
            ),
        };

        // Interceptors registered in DI (none by default; telemetry or tests counting SQL commands) join every context.
        services.AddDbContextFactory<ClarityDbContext>(
            (provided, options) =>
            {
                Configure(options, provider, connectionString);
                options.AddInterceptors(provided.GetServices<IInterceptor>());
            }
        );
        var keys = services
            .AddDataProtection()
            .SetApplicationName("ClarityPortal")
            .PersistKeysToDbContext<ClarityDbContext>();
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificate)
        {
            // The key ring sits in the same database as the patients' data: encrypt it with a certificate kept apart.
            keys.ProtectKeysWithCertificate(
                System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                    certificate,
                    configuration["DataProtection:CertificatePassword"]
                )
            );
        }

        services.AddHealthChecks().AddDbContextCheck<ClarityDbContext>("database", tags: ["ready"]);
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, string provider, string connectionString)
    {
        if (provider == SqlServerProvider)
        {
            options.UseSqlServer(connectionString, sql => sql.MigrationsAssembly("ClarityPortal.Data.SqlServer"));
        }
        else
        {
            options
                .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly("ClarityPortal.Data.Sqlite"))
                .AddInterceptors(SqliteTuning.Instance);
        }
    }

    /// <summary>Resolves a relative SQLite file against the content root and makes sure its folder exists.</summary>
    private static string SqliteConnectionString(IConfiguration configuration, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(
            configuration.GetConnectionString("Sqlite") ?? "Data Source=App_Data/clarity.db"
        );
        if (
            csb.DataSource is { Length: > 0 } file
            && file != ":memory:"
            && !csb.DataSource.StartsWith("file:", StringComparison.Ordinal)
        )
        {
            csb.DataSource = Path.GetFullPath(Path.Combine(contentRoot, file));
            Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        }

        return csb.ToString();
    }

    /// <summary>
    /// Applies pending migrations (a SQLite file first goes to WAL mode: SqliteTuning). Runs once at start, before the
    /// app takes requests.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<ClarityDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync();
            await SqliteTuning.UseWriteAheadLogAsync(db.Database.GetDbConnection());
            await db.Database.CloseConnectionAsync();
        }

        await db.Database.MigrateAsync();
    }
}
