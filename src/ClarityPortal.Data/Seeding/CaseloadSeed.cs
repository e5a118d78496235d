using ClarityPortal.Data.CareTeam;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using ClarityPortal.Data.Progress;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Data.Seeding;

/// <summary>
/// Development only: sample patients of the demo clinician at different points of their reading, so the clinician
/// pages have something to show. All are fictional (emails at example.com); they sign in with the demo password.
/// </summary>
public static class CaseloadSeed
{
    /// <summary>
    /// Name, how many modules they have finished, sections read in the next one, next session in days, a due date
    /// passed.
    /// </summary>
    private static readonly (string Name, int Done, int Partial, int? SessionInDays, bool Late)[] People =
    [
        ("Jordan Lee", 4, 0, 2, false),
        ("Sam Rivera", 1, 3, 4, true),
        ("Morgan Patel", 0, 2, 6, true),
        ("Riley Chen", 2, 1, null, false),
        ("Taylor Brooks", 0, 0, 12, false),
        ("Quinn Alvarez", 3, 2, 1, false),
    ];

    /// <summary>Returns whether anything was added (the web project then recounts the progress summaries).</summary>
    public static async Task<bool> SeedAsync(
        UserManager<ApplicationUser> users,
        ClarityDbContext db,
        DateTime now,
        DateOnly today
    )
    {
        var clinician = await db.Users.FirstOrDefaultAsync(u => u.Email == IdentitySeed.DemoClinician);
        var modules = await db
            .Modules.AsNoTracking()
            .Where(m => m.IsPublished && m.CurrentRevisionId != null)
            .OrderBy(m => m.Order)
            .Select(m => new
            {
                m.Id,
                Revision = m.CurrentRevisionId!.Value,
                Sections = m.CurrentRevision!.Sections.OrderBy(s => s.Order)
                    .Select(s => new
                    {
                        s.Key,
                        s.WordCount,
                        Checks = s.Checks.Select(c => new { c.Id, c.CorrectOption }).ToList(),
                    })
                    .ToList(),
            })
            .ToListAsync();
        if (clinician is null || modules.Count == 0 || await db.Users.AnyAsync(u => u.Email == Email(People[0].Name)))
        {
            return false;
        }

        var patient = await db.Users.FirstAsync(u => u.Email == IdentitySeed.DemoPatient);
        db.ModuleAssignments.AddRange(
            modules
                .Take(2)
                .Select(
                    (m, i) =>
                        new ModuleAssignment
                        {
                            PatientId = patient.Id,
                            ModuleId = m.Id,
                            AssignedById = clinician.Id,
                            AssignedAt = now.AddDays(-3),
                            DueOn = today.AddDays(7 + (7 * i)),
                        }
                )
        );

        var n = 0;
        foreach (var person in People)
        {
            n++;
            var user = await IdentitySeed.EnsureUserAsync(
                users,
                Email(person.Name),
                person.Name,
                UserKind.Patient,
                PortalRoles.Patient,
                now.AddDays(-20 - n)
            );
            user = await db.Users.FirstAsync(u => u.Id == user.Id);
            user.NextSessionOn = person.SessionInDays is { } days ? today.AddDays(days) : null;
            db.CareTeamLinks.Add(
                new CareTeamLink
                {
                    PatientId = user.Id,
                    ClinicianId = clinician.Id,
                    LinkedAt = now.AddDays(-20 - n),
                }
            );
            for (var i = 0; i < modules.Count; i++)
            {
                var m = modules[i];
                var due = person.Late && i == person.Done ? today.AddDays(-2) : today.AddDays(5 + (4 * i));
                db.ModuleAssignments.Add(
                    new ModuleAssignment
                    {
                        PatientId = user.Id,
                        ModuleId = m.Id,
                        AssignedById = clinician.Id,
                        AssignedAt = now.AddDays(-18),
                        DueOn = due,
                    }
                );
                var read =
                    i < person.Done ? m.Sections.Count
                    : i == person.Done ? Math.Min(person.Partial, m.Sections.Count)
                    : 0;
                if (read == 0)
                {
                    continue;
                }

                var at = now.AddDays(-15 + (2 * i)).AddHours(n);
                db.ModuleProgress.Add(
                    new ModuleProgress
                    {
                        PatientId = user.Id,
                        ModuleId = m.Id,
                        StartedAt = at,
                        LastActivityAt = at.AddMinutes(30),
                        LastSectionKey = m.Sections[read - 1].Key,
                        ExplorerStepsSeen = 127,
                        AcknowledgedAt = i < person.Done ? at.AddMinutes(30) : null,
                        AcknowledgedRevisionId = i < person.Done ? m.Revision : null,
                        AcknowledgedAs = i < person.Done ? Acknowledgement.Understood : null,
                    }
                );
                foreach (var (s, k) in m.Sections.Take(read).Select((s, k) => (s, k)))
                {
                    var seconds = Math.Round(Math.Max(25, s.WordCount * 60.0 / 200 * (1.1 + (0.2 * ((n + k) % 4)))));
                    db.SectionProgress.Add(
                        new SectionProgress
                        {
                            PatientId = user.Id,
                            ModuleId = m.Id,
                            SectionKey = s.Key,
                            FirstSeenAt = at.AddMinutes(k * 4),
                            LastCountedAt = at.AddMinutes((k * 4) + 3),
                            ActiveSeconds = seconds,
                            ReadAt = at.AddMinutes((k * 4) + 3),
                            ReadMethod = ReadMethod.Dwell,
                            ReadInRevisionId = m.Revision,
                        }
                    );
                    foreach (var c in s.Checks)
                    {
                        var miss = (n + k) % 3 == 0;
                        if (miss)
                        {
                            db.CheckAnswers.Add(
                                new CheckAnswer
                                {
                                    PatientId = user.Id,
                                    CheckId = c.Id,
                                    Option = c.CorrectOption == 0 ? 1 : 0,
                                    Correct = false,
                                    AnsweredAt = at.AddMinutes((k * 4) + 3),
                                }
                            );
                        }

                        db.CheckAnswers.Add(
                            new CheckAnswer
                            {
                                PatientId = user.Id,
                                CheckId = c.Id,
                                Option = c.CorrectOption,
                                Correct = true,
                                AnsweredAt = at.AddMinutes((k * 4) + 4),
                            }
                        );
                    }
                }
            }
        }

        await db.SaveChangesAsync();
        return true;
    }

    private static string Email(string name) => $"{name.ToLowerInvariant().Replace(' ', '.')}@example.com";
}
