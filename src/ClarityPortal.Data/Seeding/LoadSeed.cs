using System.Globalization;
using ClarityPortal.Data.CareTeam;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Data.Seeding;

/// <summary>
/// Development only, for load measurements (docs/performance.md): <c>seed-load-patients N</c> adds patients
/// <c>load-patient-0001@clarity.test</c>… with one known password, each on the demo clinician's caseload with every
/// published module assigned, a third of them overdue. Meant for a throw-away database: the accounts share one
/// password hash (hashing thousands one by one would take minutes) and are never made outside Development.
/// </summary>
public static class LoadSeed
{
    public const string Command = "seed-load-patients";

    public const string Password = "Load-Pass-2026!";

    public static string Email(int n) =>
        string.Format(CultureInfo.InvariantCulture, "load-patient-{0:0000}@clarity.test", n);

    /// <summary>Adds the patients not there yet, up to <paramref name="count"/>; returns how many it added.</summary>
    public static async Task<int> SeedAsync(
        IPasswordHasher<ApplicationUser> hasher,
        ClarityDbContext db,
        int count,
        DateTime now,
        DateOnly today
    )
    {
        var clinician = await db.Users.FirstAsync(u => u.Email == IdentitySeed.DemoClinician);
        var patientRole = await db.Roles.FirstAsync(r => r.Name == PortalRoles.Patient);
        var modules = await db
            .Modules.Where(m => m.IsPublished && m.CurrentRevisionId != null)
            .Select(m => m.Id)
            .ToListAsync();
        var existing = (
            await db.Users.Where(u => u.Email!.StartsWith("load-patient-")).Select(u => u.Email!).ToListAsync()
        ).ToHashSet(StringComparer.Ordinal);
        var hash = hasher.HashPassword(new ApplicationUser(), Password);
        var added = 0;
        for (var n = 1; n <= count; n++)
        {
            var email = Email(n);
            if (existing.Contains(email))
            {
                continue;
            }

            var user = new ApplicationUser
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                DisplayName = string.Format(CultureInfo.InvariantCulture, "Load Patient {0:0000}", n),
                Kind = UserKind.Patient,
                CreatedAt = now,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = patientRole.Id });
            db.CareTeamLinks.Add(
                new CareTeamLink
                {
                    PatientId = user.Id,
                    ClinicianId = clinician.Id,
                    LinkedAt = now,
                }
            );
            for (var i = 0; i < modules.Count; i++)
            {
                db.ModuleAssignments.Add(
                    new ModuleAssignment
                    {
                        PatientId = user.Id,
                        ModuleId = modules[i],
                        AssignedById = clinician.Id,
                        AssignedAt = now.AddDays(-10),
                        DueOn = n % 3 == 0 && i == 0 ? today.AddDays(-1) : today.AddDays(7 + i),
                    }
                );
            }

            added++;
            if (added % 500 == 0)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync();
        return added;
    }
}
