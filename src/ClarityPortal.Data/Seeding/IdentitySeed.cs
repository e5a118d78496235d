using ClarityPortal.Data.CareTeam;
using ClarityPortal.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Data.Seeding;

/// <summary>Roles in every environment; demo accounts in Development only.</summary>
public static class IdentitySeed
{
    public const string DemoPassword = "Demo-Pass-2026!";

    /// <summary>Every demo account's email ends with this domain (reserved; the production check refuses it).</summary>
    public const string DemoDomain = "clarity.test";
    public const string DemoAdmin = "admin@clarity.test";
    public const string DemoClinician = "clinician@clarity.test";
    public const string DemoPatient = "patient@clarity.test";

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var name in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(name))
            {
                Check(await roles.CreateAsync(new IdentityRole(name)), $"role {name}");
            }
        }
    }

    /// <summary>Creates the three demo accounts (if missing) and links the clinician to the patient.</summary>
    public static async Task SeedDemoAccountsAsync(
        UserManager<ApplicationUser> users,
        ClarityDbContext db,
        DateTime now
    )
    {
        await EnsureUserAsync(users, DemoAdmin, "Avery Admin", UserKind.Staff, PortalRoles.Admin, now);
        var clinician = await EnsureUserAsync(
            users,
            DemoClinician,
            "Dr. Casey Clinician",
            UserKind.Staff,
            PortalRoles.Clinician,
            now
        );
        var patient = await EnsureUserAsync(
            users,
            DemoPatient,
            "Pat Patient",
            UserKind.Patient,
            PortalRoles.Patient,
            now
        );

        if (!await db.CareTeamLinks.AnyAsync(l => l.PatientId == patient.Id && l.ClinicianId == clinician.Id))
        {
            db.CareTeamLinks.Add(
                new CareTeamLink
                {
                    PatientId = patient.Id,
                    ClinicianId = clinician.Id,
                    LinkedAt = now,
                }
            );
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Creates a user with a password and a role; returns the existing user when the email is taken.</summary>
    public static async Task<ApplicationUser> EnsureUserAsync(
        UserManager<ApplicationUser> users,
        string email,
        string displayName,
        UserKind kind,
        string role,
        DateTime now,
        string password = DemoPassword
    )
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = displayName,
                Kind = kind,
                CreatedAt = now,
            };
            Check(await users.CreateAsync(user, password), email);
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role), $"{email} in {role}");
        }

        return user;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}"
            );
        }
    }
}
