using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace ClarityPortal.Web.Infrastructure.Audit;

/// <summary>Settings under <c>Audit</c>: the chain's key and where its head is written outside the database.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The HMAC key (at least 32 characters). Never stored in the database.</summary>
    public string? Key { get; set; }

    /// <summary>
    /// A file the chain head (row id and hash) is appended to after every append. Default: beside a SQLite database
    /// (<c>clarity.db.audit-anchor</c>), else <c>App_Data/audit-anchor.log</c>; production should point elsewhere
    /// (another disk, an append-only share).
    /// </summary>
    public string? AnchorPath { get; set; }
}

/// <summary>
/// The key and anchor file of the audit chain, resolved once. Without <c>Audit:Key</c>, Development makes a key in
/// <c>App_Data/audit.key</c>; elsewhere the production start-up check refuses to start.
/// </summary>
public sealed class AuditSecrets
{
    public const int MinimumKeyLength = 32;

    public AuditSecrets(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new();
        Key =
            options.Key is { Length: >= MinimumKeyLength } configured ? Encoding.UTF8.GetBytes(configured)
            : environment.IsDevelopment()
                ? DevelopmentKey(Path.Combine(environment.ContentRootPath, "App_Data", "audit.key"))
            : [];
        AnchorPath = Path.GetFullPath(
            options.AnchorPath is { Length: > 0 } anchor
                ? Path.Combine(environment.ContentRootPath, anchor)
                : DefaultAnchor(configuration, environment.ContentRootPath)
        );
        Directory.CreateDirectory(Path.GetDirectoryName(AnchorPath)!);
    }

    /// <summary>The HMAC key; empty when none is set outside Development (nothing can be appended then).</summary>
    public byte[] Key { get; }

    public string AnchorPath { get; }

    private static byte[] DevelopmentKey(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var fresh = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                file.Write(Encoding.UTF8.GetBytes(fresh));
            }
            catch (IOException) when (File.Exists(path))
            {
                // another process made it first: use theirs
            }
        }

        return Encoding.UTF8.GetBytes(File.ReadAllText(path).Trim());
    }

    private static string DefaultAnchor(IConfiguration configuration, string contentRoot)
    {
        var sqlite = configuration["Database:Provider"] is null or "Sqlite"
            ? new SqliteConnectionStringBuilder(configuration.GetConnectionString("Sqlite") ?? "").DataSource
            : null;
        return
            sqlite is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal)
            ? Path.Combine(contentRoot, file + ".audit-anchor")
            : Path.Combine(contentRoot, "App_Data", "audit-anchor.log");
    }
}
