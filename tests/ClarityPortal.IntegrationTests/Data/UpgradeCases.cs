using ClarityPortal.Data;
using ClarityPortal.Data.Education;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Patients;
using ClarityPortal.Data.Progress;

namespace ClarityPortal.IntegrationTests.Data;

/// <summary>
/// Progress as a database held it before the progress summaries: a module with a material second revision, a
/// module with one revision, an unpublished one, and patients at every stage.
/// </summary>
internal static class UpgradeCases
{
    /// <summary>Writes the cases; returns the rows the upgrade must make: patient, assigned, status, percent.</summary>
    public static async Task<List<(string, bool, int, int)>> WriteAsync(ClarityDbContext db)
    {
        var at = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
        var one = Module("one", 1, true);
        var first = Revision(one, "h1", ChangeKind.Minor, ("a", 0), ("b", 1));
        var second = Revision(one, "h2", ChangeKind.Material, ("a", 0), ("b", 1), ("c", 1));
        var two = Module("two", 2, true);
        var only = Revision(two, "h3", ChangeKind.Minor, ("x", 0), ("y", 0));
        var hidden = Module("hidden", 3, false);
        var draft = Revision(hidden, "h4", ChangeKind.Minor, ("q", 0));
        db.ModuleRevisions.AddRange(first, second, only, draft);
        await db.SaveChangesAsync();
        one.CurrentRevisionId = second.Id;
        two.CurrentRevisionId = only.Id;
        hidden.CurrentRevisionId = draft.Id;
        for (var p = 1; p <= 6; p++)
        {
            db.Users.Add(
                new ApplicationUser
                {
                    Id = $"p{p}",
                    DisplayName = $"P{p}",
                    Kind = UserKind.Patient,
                }
            );
        }

        await db.SaveChangesAsync();
        var checkB1 = first.Sections[1].Checks[0].Id; // b's check in the first revision
        var checkB2 = second.Sections[1].Checks[0].Id;
        var checkC2 = second.Sections[2].Checks[0].Id;

        // p1: acknowledged the first revision, read and answered everything since: needs re-acknowledgement.
        Assign("p1", one.Id, new DateOnly(2026, 12, 1));
        Progress("p1", one.Id, first.Id, Acknowledgement.Understood, "a", "b", "c");
        Answer("p1", checkB1);
        Answer("p1", checkC2);
        // p2: one section of three, and a section since removed (never counts).
        Progress("p2", one.Id, null, null, "a", "gone");
        // p3: read and acknowledged the only revision of module two, unassigned: complete.
        Progress("p3", two.Id, only.Id, Acknowledgement.Understood, "x", "y");
        // p4: read everything but stored a question as its acknowledgement (old versions did): ready to acknowledge.
        Progress("p4", two.Id, only.Id, Acknowledgement.Question, "x", "y");
        // p5: assigned module two, not started; assigned the unpublished module too (no row for that).
        Assign("p5", two.Id, null);
        Assign("p5", hidden.Id, null);
        // p6: acknowledged the current revision after reading and answering it (the answer in b in the current one).
        Progress("p6", one.Id, second.Id, Acknowledgement.Understood, "a", "b", "c");
        Answer("p6", checkB2);
        Answer("p6", checkC2);
        await db.SaveChangesAsync();
        return
        [
            ("p1", true, 4, 100),
            ("p2", false, 1, 33),
            ("p3", false, 3, 100),
            ("p4", false, 2, 100),
            ("p5", true, 0, 0),
            ("p6", false, 3, 100),
        ];

        void Assign(string patient, int module, DateOnly? due) =>
            db.ModuleAssignments.Add(
                new ModuleAssignment
                {
                    PatientId = patient,
                    ModuleId = module,
                    AssignedById = "staff",
                    AssignedAt = at,
                    DueOn = due,
                }
            );

        void Answer(string patient, int check) =>
            db.CheckAnswers.Add(
                new CheckAnswer
                {
                    PatientId = patient,
                    CheckId = check,
                    Option = 1,
                    AnsweredAt = at,
                }
            );

        void Progress(string patient, int module, int? acknowledged, Acknowledgement? how, params string[] read)
        {
            db.ModuleProgress.Add(
                new ModuleProgress
                {
                    PatientId = patient,
                    ModuleId = module,
                    StartedAt = at,
                    LastActivityAt = at,
                    AcknowledgedAt = acknowledged is null ? null : at,
                    AcknowledgedRevisionId = acknowledged,
                    AcknowledgedAs = how,
                }
            );
            foreach (var key in read)
            {
                db.SectionProgress.Add(
                    new SectionProgress
                    {
                        PatientId = patient,
                        ModuleId = module,
                        SectionKey = key,
                        FirstSeenAt = at,
                        LastCountedAt = at,
                        ReadAt = at,
                    }
                );
            }
        }
    }

    private static Module Module(string slug, int order, bool published) =>
        new()
        {
            Slug = slug,
            Title = slug,
            Summary = slug,
            Order = order,
            IsPublished = published,
        };

    private static ModuleRevision Revision(
        Module module,
        string hash,
        ChangeKind change,
        params (string Key, int Checks)[] sections
    ) =>
        new()
        {
            Module = module,
            Version = hash,
            ContentHash = hash,
            ChangeKind = change,
            SourceFile = $"{module.Slug}.md",
            Sections =
            [
                .. sections.Select(
                    (s, i) =>
                        new Section
                        {
                            Key = s.Key,
                            Title = s.Key,
                            Order = i,
                            Body = s.Key,
                            Checks =
                            [
                                .. Enumerable
                                    .Range(0, s.Checks)
                                    .Select(j => new KnowledgeCheck
                                    {
                                        Order = j,
                                        Question = "Q",
                                        OptionsJson = "[\"a\",\"b\"]",
                                        CorrectOption = 1,
                                        Explanation = "E",
                                    }),
                            ],
                        }
                ),
            ],
        };
}
