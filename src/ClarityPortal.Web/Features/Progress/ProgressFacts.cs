using ClarityPortal.Data;
using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Education;
using ClarityPortal.Data.Progress;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Progress;

/// <summary>A published module as progress counts it: its current revision's sections and checks.</summary>
public sealed record PublishedModule(
    int Id,
    int RevisionId,
    string Slug,
    string Title,
    int Order,
    int Sections,
    int Checks
);

/// <summary>What one patient has done in one module, counted against the module's current revision.</summary>
public sealed record ModuleFacts(
    string PatientId,
    int ModuleId,
    int Sections,
    int SectionsRead,
    int Checks,
    int ChecksAnswered,
    bool Acknowledged,
    int? AcknowledgedRevisionId,
    bool MaterialChangeSinceAcknowledged,
    DateTime LastActivityAt,
    int OpenQuestions = 0
)
{
    /// <summary>A module with a progress row has been started.</summary>
    public ModuleStatus Status =>
        ProgressRules.Status(
            true,
            Sections,
            SectionsRead,
            Checks,
            ChecksAnswered,
            Acknowledged,
            MaterialChangeSinceAcknowledged
        );

    public int Percent => ProgressRules.Percent(Sections, SectionsRead);
}

/// <summary>Every published module and each patient's facts in it (no entry: not started).</summary>
public sealed record ProgressSnapshot(
    IReadOnlyList<PublishedModule> Modules,
    IReadOnlyDictionary<(int ModuleId, string PatientId), ModuleFacts> Facts
)
{
    public ModuleFacts? For(int moduleId, string patientId) => Facts.GetValueOrDefault((moduleId, patientId));

    /// <summary>
    /// The reading status of a module for a patient, <see cref="ModuleStatus.NotStarted"/> without a row.
    /// </summary>
    public ModuleStatus StatusOf(int moduleId, string patientId) =>
        For(moduleId, patientId)?.Status ?? ModuleStatus.NotStarted;
}

/// <summary>
/// The one home of "where does a patient stand in a module", used by the reader, <c>/my</c>, the matrix and the
/// patient's record. A section counts as read when its progress row is read and its key is a section of the module's
/// current revision; a check counts as answered when the patient answered the check at the same place (section key
/// and position) in any revision. One SQL query, whatever the number of patients and modules.
/// </summary>
public static class ProgressFacts
{
    public static async Task<ProgressSnapshot> LoadAsync(
        ClarityDbContext db,
        IQueryable<string> patientIds,
        int? moduleId = null,
        CancellationToken ct = default
    )
    {
        // One LEFT JOIN: every published module with each patient's progress row, if any, and its counts.
        var open = OpenQuestions(db);
        var rows = await (
            from m in db.Modules.AsNoTracking()
            where m.IsPublished && m.CurrentRevisionId != null && (moduleId == null || m.Id == moduleId)
            from p in db
                .ModuleProgress.Where(p => p.ModuleId == m.Id && patientIds.Contains(p.PatientId))
                .DefaultIfEmpty()
            select new
            {
                m.Id,
                RevisionId = m.CurrentRevisionId!.Value,
                m.Slug,
                m.Title,
                m.Order,
                Sections = m.CurrentRevision!.Sections.Count,
                Checks = m.CurrentRevision.Sections.SelectMany(s => s.Checks).Count(),
                PatientId = p == null ? null : p.PatientId,
                // Only "I've read and understood this" counts (earlier versions also stored a question as one).
                Acknowledged = p != null && p.AcknowledgedAt != null && p.AcknowledgedAs != Acknowledgement.Question,
                AcknowledgedRevisionId = p == null || p.AcknowledgedAs == Acknowledgement.Question
                    ? null
                    : p.AcknowledgedRevisionId,
                LastActivityAt = p == null ? DateTime.MinValue : p.LastActivityAt,
                MaterialSinceAck = p != null
                    && p.AcknowledgedAs != Acknowledgement.Question
                    && p.AcknowledgedRevisionId != null
                    && p.AcknowledgedRevisionId != m.CurrentRevisionId
                    && db.ModuleRevisions.Any(r =>
                        r.ModuleId == m.Id && r.Id > p.AcknowledgedRevisionId && r.ChangeKind == ChangeKind.Material
                    ),
                Read = p == null
                    ? 0
                    : db.SectionProgress.Count(sp =>
                        sp.PatientId == p.PatientId
                        && sp.ModuleId == m.Id
                        && sp.ReadAt != null
                        && m.CurrentRevision.Sections.Any(s => s.Key == sp.SectionKey)
                    ),
                OpenQuestions = p == null ? 0 : open.Count(q => q.PatientId == p.PatientId && q.ModuleId == m.Id),
                Answered = p == null
                    ? 0
                    : m
                        .CurrentRevision.Sections.SelectMany(s => s.Checks)
                        .Count(k =>
                            db.CheckAnswers.Any(a =>
                                a.PatientId == p.PatientId
                                && a.Check!.Order == k.Order
                                && a.Check.Section!.Key == k.Section!.Key
                                && a.Check.Section.Revision!.ModuleId == m.Id
                            )
                        ),
            }
        ).ToListAsync(ct);

        var modules = rows.GroupBy(r => r.Id)
            .Select(g => g.First())
            .OrderBy(r => r.Order)
            .ThenBy(r => r.Id)
            .Select(r => new PublishedModule(r.Id, r.RevisionId, r.Slug, r.Title, r.Order, r.Sections, r.Checks))
            .ToList();
        var facts = rows.Where(r => r.PatientId != null)
            .ToDictionary(
                r => (r.Id, r.PatientId!),
                r => new ModuleFacts(
                    r.PatientId!,
                    r.Id,
                    r.Sections,
                    r.Read,
                    r.Checks,
                    r.Answered,
                    r.Acknowledged,
                    r.AcknowledgedRevisionId,
                    r.MaterialSinceAck,
                    r.LastActivityAt,
                    r.OpenQuestions
                )
            );
        return new ProgressSnapshot(modules, facts);
    }

    /// <summary>Questions from a lesson still waiting for the care team's reply.</summary>
    public static IQueryable<ContactRequest> OpenQuestions(ClarityDbContext db) =>
        db.ContactRequests.Where(q =>
            q.Topic == ContactTopic.ModuleQuestion
            && q.AwaitingReply
            && q.Status != ContactStatus.Closed
            && q.Status != ContactStatus.Spam
        );

    /// <summary>One patient's facts (all published modules, or one).</summary>
    public static Task<ProgressSnapshot> ForPatientAsync(
        ClarityDbContext db,
        string patientId,
        int? moduleId = null,
        CancellationToken ct = default
    ) => LoadAsync(db, db.Users.Where(u => u.Id == patientId).Select(u => u.Id), moduleId, ct);
}
