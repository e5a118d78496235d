using System.Security.Claims;
using ClarityPortal.Data.CareTeam;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Patients;

/// <summary>
/// Records the SQL commands EF sends from the code a test awaits after <see cref="Reset"/>. Commands from the portal's
/// background services (the mail dispatcher's poll, for one), which can run at any moment, are not this flow's and are
/// left out.
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private readonly List<string> commands = [];
    private readonly AsyncLocal<bool> watched = new();

    /// <summary>What was recorded since the last <see cref="Reset"/>, copied under the lock.</summary>
    public List<string> Commands
    {
        get
        {
            lock (commands)
            {
                return [.. commands];
            }
        }
    }

    /// <summary>Forgets what was recorded and watches the caller's flow (and what it awaits) from now on.</summary>
    public void Reset()
    {
        watched.Value = true;
        lock (commands)
        {
            commands.Clear();
        }
    }

    public override InterceptionResult<System.Data.Common.DbDataReader> ReaderExecuting(
        System.Data.Common.DbCommand command,
        CommandEventData eventData,
        InterceptionResult<System.Data.Common.DbDataReader> result
    )
    {
        Note(command);
        return result;
    }

    public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
        System.Data.Common.DbCommand command,
        CommandEventData eventData,
        InterceptionResult<System.Data.Common.DbDataReader> result,
        CancellationToken cancellationToken = default
    )
    {
        Note(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        System.Data.Common.DbCommand command,
        CommandEventData eventData,
        InterceptionResult<object> result,
        CancellationToken cancellationToken = default
    )
    {
        Note(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        System.Data.Common.DbCommand command,
        CommandEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        Note(command);
        return ValueTask.FromResult(result);
    }

    private void Note(System.Data.Common.DbCommand command)
    {
        if (!watched.Value)
        {
            return;
        }

        lock (commands)
        {
            commands.Add(command.CommandText);
        }
    }
}

/// <summary>
/// A portal with two clinicians, an admin and a patient each, local passwords, and a SQL command counter.
/// </summary>
public class CaseloadFactory : PortalFactory
{
    public const string Password = "Correct-Horse-2026";

    public CommandCounter Counter { get; } = new();

    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"clarity-mail-{Guid.NewGuid():N}");

    public CaseloadFactory()
    {
        Settings["Email:PickupFolder"] = MailFolder;
        Settings["Portal:PublicUrl"] = "https://clarity.test";
        TestServices = services => services.AddSingleton<IInterceptor>(Counter);
    }

    public ApplicationUser ClinicianA { get; private set; } = default!;

    public ApplicationUser ClinicianB { get; private set; } = default!;

    public ApplicationUser Admin { get; private set; } = default!;

    public ApplicationUser PatientOfA { get; private set; } = default!;

    public ApplicationUser PatientOfB { get; private set; } = default!;

    public static ClaimsPrincipal As(ApplicationUser user, string role) => User(user.Id, role);

    public async Task SeedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var now = DateTime.UtcNow;
        ClinicianA = await IdentitySeed.EnsureUserAsync(
            users,
            "a.clinician@example.org",
            "Alex A Clinician",
            UserKind.Staff,
            PortalRoles.Clinician,
            now,
            Password
        );
        ClinicianB = await IdentitySeed.EnsureUserAsync(
            users,
            "b.clinician@example.org",
            "Blair B Clinician",
            UserKind.Staff,
            PortalRoles.Clinician,
            now,
            Password
        );
        Admin = await IdentitySeed.EnsureUserAsync(
            users,
            "boss@example.org",
            "Admin Person",
            UserKind.Staff,
            PortalRoles.Admin,
            now,
            Password
        );
        PatientOfA = await IdentitySeed.EnsureUserAsync(
            users,
            "pa@example.org",
            "Patricia OfA",
            UserKind.Patient,
            PortalRoles.Patient,
            now,
            Password
        );
        PatientOfB = await IdentitySeed.EnsureUserAsync(
            users,
            "pb@example.org",
            "Bernard OfB",
            UserKind.Patient,
            PortalRoles.Patient,
            now,
            Password
        );
        await WithDbAsync(async db =>
        {
            if (!await db.CareTeamLinks.AnyAsync())
            {
                db.CareTeamLinks.AddRange(
                    new CareTeamLink
                    {
                        PatientId = PatientOfA.Id,
                        ClinicianId = ClinicianA.Id,
                        LinkedAt = now,
                    },
                    new CareTeamLink
                    {
                        PatientId = PatientOfB.Id,
                        ClinicianId = ClinicianB.Id,
                        LinkedAt = now,
                    }
                );
                await db.SaveChangesAsync();
            }

            return 0;
        });
    }

    /// <summary>
    /// The link of the <paramref name="nth"/> invitation mailed to <paramref name="email"/>, read from the .eml the
    /// portal
    /// wrote to the pickup folder (the outbox row loses its body once sent). Waits up to 15 s for the mail.
    /// </summary>
    public async Task<string> MailedLinkAsync(string email, int nth = 1)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var links = Directory.Exists(MailFolder)
                ? Directory
                    .GetFiles(MailFolder, "*.eml")
                    .Order(StringComparer.Ordinal)
                    .Select(f => MimeKit.MimeMessage.Load(f))
                    .Where(m =>
                        m.To.Mailboxes.Any(x => string.Equals(x.Address, email, StringComparison.OrdinalIgnoreCase))
                    )
                    .Select(m =>
                        System.Text.RegularExpressions.Regex.Match(
                            m.TextBody ?? "",
                            @"\S+/account/invitation\?token=[A-Za-z0-9_-]{43}"
                        )
                    )
                    .Where(m => m.Success)
                    .Select(m => m.Value)
                    .ToList()
                : [];
            if (links.Count >= nth)
            {
                return links[nth - 1];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No invitation #{nth} for {email} in {MailFolder}.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }
}
