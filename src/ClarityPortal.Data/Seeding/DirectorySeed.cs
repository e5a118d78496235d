using ClarityPortal.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Data.Seeding;

/// <summary>
/// The clinic's psychiatrist in every environment (only into an empty directory); sample people in Development.
/// </summary>
public static class DirectorySeed
{
    public static async Task SeedAsync(ClarityDbContext db, bool includeSamples, DateTime now)
    {
        if (await db.Providers.AnyAsync())
        {
            return;
        }

        // Only facts from the clinic's public bio (shared/source), in our own words. What the bio does not say
        // (languages, modalities, telehealth, whether he takes new patients) stays empty until an admin sets it.
        db.Providers.Add(
            new Provider
            {
                Slug = "naveen-thomas",
                Name = "Naveen Thomas",
                Credentials = "MD",
                Title = "Psychiatrist, integrative psychiatry",
                Bio =
                    "Dr. Thomas has practiced psychiatry for close to twenty years. After years of medication-focused "
                    + "care, he looked "
                    + "for a broader approach and trained in integrative psychiatry, which looks at mind, body and "
                    + "daily habits "
                    + "together and aims at the causes of symptoms, not only the symptoms.\n\n"
                    + "He brings that approach, and ketamine-assisted psychotherapy, to his work with patients.",
                Specialties = ["Integrative psychiatry", "Ketamine-assisted psychotherapy"],
                Modalities = [],
                Languages = [],
                TelehealthStates = [],
                Qualifications =
                [
                    new() { Title = "Undergraduate degree", Issuer = "Emory University" },
                    new() { Title = "MD", Issuer = "Emory University School of Medicine" },
                    new() { Title = "Psychiatry residency", Issuer = "University of North Carolina at Chapel Hill" },
                    new()
                    {
                        Title = "Fellowship in integrative medicine",
                        Issuer = "University of Arizona Center for Integrative Medicine",
                    },
                    new()
                    {
                        Title = "Certification in ketamine-assisted psychotherapy",
                        Issuer = "Ketamine Training Center",
                    },
                ],
                AcceptingNewPatients = null,
                IsPublished = true,
                SortOrder = 1,
                UpdatedAt = now,
            }
        );

        if (includeSamples)
        {
            db.Providers.AddRange(
                new Provider
                {
                    Slug = "sample-alex-rivera",
                    Name = "Alex Rivera (sample)",
                    Credentials = "PMHNP-BC",
                    Title = "Psychiatric nurse practitioner — sample data",
                    Bio = "Sample data for development. This person does not exist.",
                    Specialties = ["Depression", "Anxiety"],
                    Modalities = ["IM", "Sublingual"],
                    Languages = ["English", "Spanish"],
                    TelehealthStates = ["NC", "SC"],
                    Locations =
                    [
                        new()
                        {
                            Name = "Main clinic (sample)",
                            Address = "100 Sample St",
                            Hours = "Mon–Thu 9–5",
                        },
                    ],
                    AcceptingNewPatients = true,
                    IsPublished = true,
                    IsSample = true,
                    SortOrder = 2,
                    UpdatedAt = now,
                },
                new Provider
                {
                    Slug = "sample-jordan-lee",
                    Name = "Jordan Lee (sample)",
                    Credentials = "LCSW",
                    Title = "KAP therapist — sample data",
                    Bio = "Sample data for development. This person does not exist.",
                    // A social worker gives the therapy around ketamine sessions, not the medicine itself.
                    Specialties = ["Trauma", "Integration therapy"],
                    Modalities = [],
                    Languages = ["English"],
                    TelehealthStates = [],
                    Locations =
                    [
                        new()
                        {
                            Name = "Main clinic (sample)",
                            Address = "100 Sample St",
                            Hours = "Tue–Fri 10–6",
                        },
                    ],
                    AcceptingNewPatients = false,
                    IsPublished = true,
                    IsSample = true,
                    SortOrder = 3,
                    UpdatedAt = now,
                }
            );
        }

        await db.SaveChangesAsync();
    }
}
