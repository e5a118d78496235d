using ClarityPortal.Data.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ClarityPortal.Web.Features.Progress;

/// <summary>
/// The progress one circuit's reader was last given, and the module's progress row as it was read with it.
/// Most reading reports only add seconds, which the lesson page does not show. When such a report finds the row as
/// it was then (no other tab or instance has written since) and the same sections read, that state still holds:
/// the report is answered from it with the new seconds instead of reading the state again, which was four queries
/// and most of a report's time under load (docs/performance.md, "Patients reading"). Anything else reads it again,
/// and so does any report once the state is <see cref="MaxAge"/> old: a write from another instance that lands
/// between a report's reads and its save is then shown within that time.
/// </summary>
internal sealed class ShownProgress
{
    /// <summary>How long a state read from the database may answer reports before it is read again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    // One reference, swapped whole: a state is never paired with another state's row.
    private Remembered? remembered;

    /// <summary>
    /// Remembers a state read from the database at <paramref name="readAt"/> and the module row it was read with
    /// (null: no row, so nothing is reused).
    /// </summary>
    public void Remember(ReaderProgress shown, ModuleProgress? row, DateTime readAt) =>
        remembered = row is null ? null : new Remembered(shown, Stamp.Of(row), readAt);

    /// <summary>
    /// The remembered state with the seconds of the tracked section rows, when the pending changes leave all the
    /// reader sees as it was and the loaded rows match what that state was read from; otherwise null. Call it before
    /// saving: it compares the rows' values as they were loaded.
    /// </summary>
    public ReaderProgress? StillShown(ChangeTracker tracker, RevisionShapes.Shape shape, DateTime now)
    {
        if (
            remembered is not var (last, then, readAt)
            || now - readAt >= MaxAge
            || last.RevisionId != shape.RevisionId
            || ProgressService.MayChangeSummary(tracker)
        )
        {
            return null;
        }

        var modules = tracker.Entries<ModuleProgress>().Where(e => e.Entity.ModuleId == shape.ModuleId).ToList();
        if (
            modules is not [{ State: EntityState.Unchanged or EntityState.Modified } module]
            || module.Property(m => m.LastSectionKey).IsModified
            || Stamp.Of((ModuleProgress)module.OriginalValues.ToObject()) != then
        )
        {
            return null;
        }

        // A report loads all the module's section rows, so a section read elsewhere shows here. A call that loaded
        // none compares an empty set, which matches only while nothing is read.
        var sections = tracker
            .Entries<SectionProgress>()
            .Select(e => e.Entity)
            .Where(s => s.ModuleId == shape.ModuleId && shape.HasSection(s.SectionKey))
            .ToList();
        if (!last.ReadSections.SetEquals(sections.Where(s => s.ReadAt is not null).Select(s => s.SectionKey)))
        {
            return null;
        }

        var seconds = new Dictionary<string, double>(last.SecondsBySection);
        foreach (var section in sections)
        {
            seconds[section.SectionKey] = section.ActiveSeconds;
        }

        return last with
        {
            SecondsBySection = seconds,
        };
    }

    /// <summary>
    /// After the save: the reused state stands, with the row as this call saved it; it is as old as the state it
    /// came from.
    /// </summary>
    public void Saved(ReaderProgress shown, ModuleProgress? row) =>
        remembered =
            row is not null && remembered is { } last ? last with { State = shown, Row = Stamp.Of(row) } : null;

    private sealed record Remembered(ReaderProgress State, Stamp Row, DateTime ReadAt);

    /// <summary>
    /// Every field of the module row the reader's state depends on. Each write that can change what a reader sees
    /// moves at least one of them (an answer, a question or a section read by hand moves the last activity, to the
    /// tick: two writes in the same 100 ns would be taken for one, and the page would catch up at its next change).
    /// </summary>
    private readonly record struct Stamp(
        string PatientId,
        int ModuleId,
        DateTime LastActivityAt,
        string? LastSectionKey,
        int ExplorerStepsSeen,
        DateTime? AcknowledgedAt,
        int? AcknowledgedRevisionId,
        Acknowledgement? AcknowledgedAs
    )
    {
        public static Stamp Of(ModuleProgress row) =>
            new(
                row.PatientId,
                row.ModuleId,
                row.LastActivityAt,
                row.LastSectionKey,
                row.ExplorerStepsSeen,
                row.AcknowledgedAt,
                row.AcknowledgedRevisionId,
                row.AcknowledgedAs
            );
    }
}
