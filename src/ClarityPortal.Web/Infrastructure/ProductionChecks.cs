using ClarityPortal.Data;
using ClarityPortal.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Infrastructure;

/// <summary>
/// Outside Development the portal refuses to serve with unsafe settings, naming every problem at once, so a
/// deployment is fixed in one pass (docs/deployment.md and the README list the settings).
/// </summary>
public static class ProductionChecks
{
    /// <summary>Keys that ship in the code or the example file, never secret.</summary>
    private static readonly string[] KnownClientHashKeys = ["clarity-portal-contact", "change-me"];

    public static IReadOnlyList<string> ConfigurationProblems(IConfiguration configuration)
    {
        var problems = new List<string>();
        var publicUrl = configuration["Portal:PublicUrl"];
        if (
            !Uri.TryCreate(publicUrl, UriKind.Absolute, out var url)
            || url.Scheme != Uri.UriSchemeHttps
            || url.Host.Length == 0
        )
        {
            problems.Add(
                "Portal:PublicUrl must be the portal's https address (e.g. https://portal.clinic.example); emailed "
                    + "links are built from it, never from the address a request came to."
            );
        }

        var hashKey = configuration["Contact:ClientHashKey"];
        if (string.IsNullOrEmpty(hashKey) || hashKey.Length < 32 || KnownClientHashKeys.Contains(hashKey))
        {
            problems.Add("Contact:ClientHashKey must be your own random secret of at least 32 characters.");
        }

        var hosts = configuration["AllowedHosts"];
        if (string.IsNullOrWhiteSpace(hosts) || hosts.Split(';').Any(h => h.Trim() == "*"))
        {
            problems.Add("AllowedHosts must list the portal's host names (e.g. portal.clinic.example), not *.");
        }

        var smtpHost = configuration["Email:Smtp:Host"];
        var startTls = configuration.GetValue("Email:Smtp:UseStartTls", true);
        var pickupAllowed = configuration.GetValue("Email:AllowPickupFolder", false);
        if (string.IsNullOrWhiteSpace(smtpHost) && !pickupAllowed)
        {
            problems.Add(
                "Email:Smtp:Host is not set, so mail would only be written to a folder. Set an SMTP server, or "
                    + "Email:AllowPickupFolder=true if a folder is really what you want."
            );
        }
        else if (!string.IsNullOrWhiteSpace(smtpHost) && !startTls)
        {
            problems.Add("Email:Smtp:UseStartTls must stay true: mail to patients must not travel in clear text.");
        }

        if (
            string.IsNullOrWhiteSpace(configuration["DataProtection:CertificatePath"])
            && !configuration.GetValue("DataProtection:AllowUnprotectedKeys", false)
        )
        {
            problems.Add(
                "DataProtection:CertificatePath (and CertificatePassword) must name a certificate that protects the "
                    + "sign-in keys stored in the database, or set DataProtection:AllowUnprotectedKeys=true to accept "
                    + "keys in clear beside the patients' data."
            );
        }

        if (configuration["Audit:Key"] is not { Length: >= Audit.AuditSecrets.MinimumKeyLength })
        {
            problems.Add(
                "Audit:Key must be your own random secret of at least 32 characters, kept outside the database: "
                    + "it seals the audit log."
            );
        }

        return problems;
    }

    /// <summary>Throws, listing every problem, when this is not Development and something is unsafe.</summary>
    public static async Task EnsureSafeToServeAsync(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            return;
        }

        var problems = ConfigurationProblems(app.Configuration).ToList();
        var factory = app.Services.GetRequiredService<IDbContextFactory<ClarityDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var demo = $"@{IdentitySeed.DemoDomain}";
            if (await db.Users.AnyAsync(u => u.Email != null && u.Email.EndsWith(demo)))
            {
                problems.Add(
                    $"The database holds Development demo accounts ({demo}); they have a published password. Use a "
                        + "fresh database, or delete those accounts."
                );
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"Clarity Portal will not start in {app.Environment.EnvironmentName} until these are fixed:"
                    + string.Concat(problems.Select(p => $"{Environment.NewLine} - {p}"))
            );
        }
    }
}
