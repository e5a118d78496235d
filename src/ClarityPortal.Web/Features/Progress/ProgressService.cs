using System.Collections.Concurrent;
using System.Diagnostics;
using ClarityPortal.Data;
using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Progress;
using ClarityPortal.Web.Features.Contact;
using ClarityPortal.Web.Infrastructure.Identity;
using ClarityPortal.Web.Infrastructure.RateLimits;
using ClarityPortal.Web.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Features.Progress;

/// <summary>
/// A patient's reading progress. The patient is always the signed-in user — no method takes a patient id — so
/// one patient can never read or write another's rows, whatever the circuit sends. Every report is validated:
/// the section must belong to the revision being read, seconds are clamped, replays and future timestamps refused.
/// </summary>
public sealed class ProgressService(
    IDbContextFactory<ClarityDbContext> dbFactory,
    RevisionShapes shapes,
    AuthenticationStateProvider authState,
    IAuthorizationService authorization,
    IOptions<ReadingOptions> options,
    UserLimits limits,
    CareTeamAlerts alerts,
    PortalTelemetry telemetry,
    TimeProvider clock,
    ILogger<ProgressService> logger
)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> PatientLocks = new();

    public const string TooManyText =
        "Your progress is arriving faster than anyone reads, so it was not saved. Wait a minute, then carry on.";
    private ReadingOptions Rules => options.Value;

    // The service lives as long as the circuit: what its reader was last given (see ShownProgress).
    private readonly ShownProgress shown = new();

    /// <summary>
    /// The signed-in patient's id, or null for anyone else (anonymous readers and staff are not tracked).
    /// </summary>
    public async Task<string?> PatientIdAsync()
    {
        var user = (await authState.GetAuthenticationStateAsync()).User;
        return (await authorization.AuthorizeAsync(user, PortalPolicies.Patient)).Succeeded
            ? PortalUser.Id(user)
            : null;
    }

    public double RequiredSeconds(int words) => ProgressRules.RequiredSeconds(words, Rules);

    public async Task<ReaderProgress?> ForModuleAsync(string slug, CancellationToken ct = default)
    {
        if (await PatientIdAsync() is not { } patient)
        {
            return null;
        }

        // One context and one open connection, as for a report.
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        if (await shapes.CurrentAsync(db, slug, ct) is not { } shape)
        {
            return null;
        }

        var readAt = clock.GetUtcNow().UtcDateTime;
        var (state, row) = await ReadStateAsync(db, patient, shape, ct);
        shown.Remember(state, row, readAt);
        return state;
    }

    /// <summary>Marks the start of a reading visit, so the first seconds counted are measured from now.</summary>
    public Task<ProgressOutcome> BeginAsync(string slug, int revisionId, CancellationToken ct = default) =>
        WithPatientAsync(
            slug,
            revisionId,
            async (db, patient, shape, now) =>
            {
                var module = await ModuleRowAsync(db, patient, shape, now, ct);
                module.LastActivityAt = now;

                // Report ids only need to outlive a retry; keep a day of them for this patient.
                var cutoff = now.AddDays(-1);
                await db
                    .ProgressReports.Where(r => r.PatientId == patient && r.ReceivedAt < cutoff)
                    .ExecuteDeleteAsync(ct);
                return true;
            },
            ct
        );

    public async Task<ProgressOutcome> ReportAsync(
        string slug,
        int revisionId,
        Guid reportId,
        IReadOnlyDictionary<string, double> seconds,
        string? currentSection,
        DateTime sentAt,
        CancellationToken ct = default
    )
    {
        // A span and a count per report; the tags say how it went, never who sent it.
        using var activity = PortalTelemetry.Source.StartActivity("progress.report");
        var started = Stopwatch.GetTimestamp();
        var outcome = await WithPatientAsync(
            slug,
            revisionId,
            async (db, patient, shape, now) =>
            {
                if (sentAt.ToUniversalTime() > now.AddSeconds(30))
                {
                    throw new ProgressRefusedException("The report's time is in the future.");
                }

                if (
                    seconds.Count > shape.Sections.Count
                    || seconds.Keys.Any(k => !shape.HasSection(k))
                    || (currentSection is not null && !shape.HasSection(currentSection))
                )
                {
                    logger.LogWarning(
                        "Refused a reading report naming a section outside revision {Revision} of {Slug}",
                        revisionId,
                        slug
                    );
                    throw new ProgressRefusedException("That section is not part of this lesson.");
                }

                if (await db.ProgressReports.AnyAsync(r => r.Id == reportId, ct))
                {
                    return false; // already counted: a repeat changes nothing
                }

                db.ProgressReports.Add(
                    new ProgressReport
                    {
                        Id = reportId,
                        PatientId = patient,
                        ReceivedAt = now,
                    }
                );
                var module = await ModuleRowAsync(db, patient, shape, now, ct);
                var rows = await SectionRowsAsync(db, patient, shape.ModuleId, ct);
                foreach (var (key, reported) in seconds)
                {
                    var row = RowFor(db, rows, patient, shape.ModuleId, key, module.LastActivityAt, now);
                    row.ActiveSeconds += ProgressRules.Clamp(reported, row.LastCountedAt, now, Rules);
                    row.LastCountedAt = now;
                    MarkReadIfDue(row, shape, module, now);
                }

                module.LastActivityAt = now;
                module.LastSectionKey = currentSection ?? module.LastSectionKey;
                return true;
            },
            ct
        );
        var result = outcome.Accepted ? "accepted" : "refused";
        activity?.SetTag("clarity.outcome", result);
        var tag = new KeyValuePair<string, object?>("outcome", result);
        telemetry.ReadingReports.Add(1, tag);
        telemetry.ReadingReportDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tag);
        return outcome;
    }

    /// <summary>Records which mechanism-explorer steps were seen; the explorer counts once all were.</summary>
    public Task<ProgressOutcome> ExplorerStepsAsync(
        string slug,
        int revisionId,
        IReadOnlyCollection<int> steps,
        CancellationToken ct = default
    ) =>
        WithPatientAsync(
            slug,
            revisionId,
            async (db, patient, shape, now) =>
            {
                if (shape.ExplorerSteps == 0 || steps.Any(s => s < 0 || s >= shape.ExplorerSteps))
                {
                    throw new ProgressRefusedException("That step is not part of the explorer.");
                }

                var module = await ModuleRowAsync(db, patient, shape, now, ct);
                module.ExplorerStepsSeen |= steps.Aggregate(0, (bits, s) => bits | (1 << s));
                var rows = await SectionRowsAsync(db, patient, shape.ModuleId, ct);
                foreach (var section in shape.Sections.Where(s => s.HasExplorer))
                {
                    if (rows.TryGetValue(section.Key, out var row))
                    {
                        MarkReadIfDue(row, shape, module, now);
                    }
                }

                return true;
            },
            ct
        );

    /// <summary>"Mark as read" for readers who cannot scroll normally; recorded as manual.</summary>
    public Task<ProgressOutcome> MarkReadAsync(
        string slug,
        int revisionId,
        string sectionKey,
        CancellationToken ct = default
    ) =>
        WithPatientAsync(
            slug,
            revisionId,
            async (db, patient, shape, now) =>
            {
                if (!shape.HasSection(sectionKey))
                {
                    throw new ProgressRefusedException("That section is not part of this lesson.");
                }

                var module = await ModuleRowAsync(db, patient, shape, now, ct);
                var row = RowFor(
                    db,
                    await SectionRowsAsync(db, patient, shape.ModuleId, ct),
                    patient,
                    shape.ModuleId,
                    sectionKey,
                    now,
                    now
                );
                if (row.ReadAt is null)
                {
                    row.ReadAt = now;
                    row.ReadMethod = ReadMethod.Manual;
                    row.ReadInRevisionId = shape.RevisionId;
                }

                module.LastSectionKey = sectionKey;
                module.LastActivityAt = now;
                return true;
            },
            ct
        );

    /// <summary>
    /// "I've read and understood this" (once everything is read and answered) or "I have a question".
    /// </summary>
    public Task<ProgressOutcome> AcknowledgeAsync(
        string slug,
        int revisionId,
        string? question,
        CancellationToken ct = default
    ) =>
        WithPatientAsync(
            slug,
            revisionId,
            async (db, patient, shape, now) =>
            {
                var module = await ModuleRowAsync(db, patient, shape, now, ct);
                if (question is null)
                {
                    var state = await StateAsync(db, patient, shape, ct);
                    if (state.ReadSections.Count < shape.Sections.Count || state.ChecksAnswered < state.Checks)
                    {
                        throw new ProgressRefusedException("Read every section and answer every question first.");
                    }
                }
                else
                {
                    if (ModuleQuestions.Problem(question) is { } problem)
                    {
                        throw new ProgressRefusedException(problem);
                    }

                    // The question goes to the clinicians' inbox through the contact feature, in this same save. It
                    // is not an acknowledgement: only "I've read and understood this" completes a lesson.
                    var code = await ModuleQuestions.AddAsync(
                        db,
                        patient,
                        shape.ModuleId,
                        shape.Title,
                        question,
                        now,
                        ct
                    );
                    await alerts.ForPatientAsync(db, patient, code, ct);
                    module.LastActivityAt = now;
                    return true;
                }

                module.AcknowledgedAt = now;
                module.AcknowledgedRevisionId = shape.RevisionId;
                module.AcknowledgedAs = Acknowledgement.Understood;
                module.LastActivityAt = now;
                return true;
            },
            ct,
            asks: question is not null
        );

    /// <summary>
    /// Keeps the signed-in patient's answer to a check of the revision being read. The check and the option are checked
    /// again here (the reader passes on what the education feature judged) and correctness comes from the stored
    /// answer.
    /// </summary>
    public Task<ProgressOutcome> RecordAnswerAsync(
        string slug,
        int revisionId,
        int checkId,
        int option,
        CancellationToken ct = default
    ) =>
        WithPatientAsync(
            slug,
            revisionId,
            async (db, patient, shape, now) =>
            {
                if (shape.Checks.FirstOrDefault(c => c.Id == checkId) is not { } check)
                {
                    throw new ProgressRefusedException(
                        "This question is no longer part of the module. Please reload the page."
                    );
                }

                if (option < 0 || option >= check.Options)
                {
                    throw new ProgressRefusedException("That answer isn't one of the options.");
                }

                var module = await ModuleRowAsync(db, patient, shape, now, ct);
                module.LastActivityAt = now;
                db.CheckAnswers.Add(
                    new CheckAnswer
                    {
                        PatientId = patient,
                        CheckId = check.Id,
                        Option = option,
                        Correct = option == check.CorrectOption,
                        AnsweredAt = now,
                    }
                );
                return true;
            },
            ct
        );

    /// <summary>
    /// The signed-in patient's status in each published lesson, by slug (lessons not started are left out); empty for
    /// anyone else.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ModuleStatus>> StatusesAsync(CancellationToken ct = default)
    {
        if (await PatientIdAsync() is not { } patient)
        {
            return new Dictionary<string, ModuleStatus>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var snapshot = await ProgressFacts.ForPatientAsync(db, patient, ct: ct);
        return snapshot
            .Modules.Where(m => snapshot.For(m.Id, patient) is not null)
            .ToDictionary(m => m.Slug, m => snapshot.StatusOf(m.Id, patient));
    }

    public async Task<PatientDashboard> DashboardAsync(CancellationToken ct = default)
    {
        var patient =
            await PatientIdAsync() ?? throw new UnauthorizedAccessException("Only patients have a learning dashboard.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var snapshot = await ProgressFacts.ForPatientAsync(db, patient, ct: ct);
        var assignments = await db
            .ModuleAssignments.AsNoTracking()
            .Where(a => a.PatientId == patient)
            .Select(a => new { a.ModuleId, a.DueOn })
            .ToDictionaryAsync(a => a.ModuleId, a => a.DueOn, ct);
        var seconds = await db
            .SectionProgress.AsNoTracking()
            .Where(p => p.PatientId == patient)
            .Select(p => new
            {
                p.ModuleId,
                p.SectionKey,
                p.ActiveSeconds,
                p.ReadAt,
            })
            .ToListAsync(ct);
        var person = await db
            .Users.AsNoTracking()
            .Where(u => u.Id == patient)
            .Select(u => new { u.DisplayName, u.NextSessionOn })
            .FirstAsync(ct);

        // Modules the patient started or was assigned, with the due day their clinician set; the rest are offered too.
        var modules = new List<DashboardModule>();
        var more = new List<DashboardLesson>();
        foreach (var m in snapshot.Modules)
        {
            var facts = snapshot.For(m.Id, patient);
            var assigned = assignments.TryGetValue(m.Id, out var due);
            if (facts is null && !assigned)
            {
                more.Add(new DashboardLesson(m.Slug, m.Title));
                continue;
            }

            var shape = await shapes.ByRevisionAsync(m.RevisionId, ct);
            var keys = shape.Sections.Select(s => s.Key).ToHashSet();
            var read = seconds.Where(s => s.ModuleId == m.Id && s.ReadAt != null).Select(s => s.SectionKey).ToHashSet();
            var next = shape.Sections.FirstOrDefault(s => !read.Contains(s.Key));
            modules.Add(
                new DashboardModule(
                    m.Slug,
                    m.Title,
                    facts?.Percent ?? 0,
                    facts?.Status ?? ModuleStatus.NotStarted,
                    seconds.Where(s => s.ModuleId == m.Id && keys.Contains(s.SectionKey)).Sum(s => s.ActiveSeconds),
                    facts?.LastActivityAt,
                    await ChangedSinceAcknowledgedAsync(shape, facts, ct),
                    assigned,
                    due,
                    next?.Key,
                    next?.Title
                )
            );
        }

        // What is due soonest comes first; finished modules go last.
        modules =
        [
            .. modules.OrderBy(m => m.Status == ModuleStatus.Complete).ThenBy(m => m.DueOn ?? DateOnly.MaxValue),
        ];
        return new PatientDashboard(modules, more, person.DisplayName, person.NextSessionOn);
    }

    private async Task<ProgressOutcome> WithPatientAsync(
        string slug,
        int revisionId,
        Func<ClarityDbContext, string, RevisionShapes.Shape, DateTime, Task<bool>> work,
        CancellationToken ct,
        bool asks = false
    )
    {
        if (await PatientIdAsync() is not { } patient)
        {
            return ProgressOutcome.Refused("Sign in as a patient to save your progress.");
        }

        if (
            !await limits.TryAcquireAsync(ProgressSetup.Writes, patient)
            || (asks && !await limits.TryAcquireAsync(ContactSetup.Questions, patient))
        )
        {
            return ProgressOutcome.Refused(asks ? ModuleQuestions.TooManyText : TooManyText);
        }

        var gate = PatientLocks.GetOrAdd(patient, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            // One context and one open connection for the whole call, taken only once it is this call's turn (a
            // burst from one patient holds no pool connections while it waits): each open of a SQLite connection
            // registers EF Core's functions on it again, and a report made five (docs/performance.md, patients).
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            var shape = await shapes.CurrentAsync(db, slug, ct);
            if (shape is null || shape.RevisionId != revisionId)
            {
                return ProgressOutcome.Refused("This lesson has changed since you opened it. Please reload the page.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (await work(db, patient, shape, now))
            {
                // The change and the clinician matrix's summary of it: both stored, or neither. Most reading
                // reports only add seconds, which no summary shows: those skip the recount (and hold SQLite's
                // write lock for less; docs/performance.md, patients).
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var recount = MayChangeSummary(db.ChangeTracker);
                var still = recount ? null : shown.StillShown(db.ChangeTracker, shape, now);
                await db.SaveChangesAsync(ct);
                if (recount)
                {
                    await ProgressSummaries.RefreshAsync(db, patient, shape.ModuleId, ct);
                }

                await transaction.CommitAsync(ct);
                if (still is not null)
                {
                    shown.Saved(still, db.ModuleProgress.Local.FirstOrDefault(m => m.ModuleId == shape.ModuleId));
                    return ProgressOutcome.Ok(still);
                }
            }

            var (state, row) = await ReadStateAsync(db, patient, shape, ct);
            shown.Remember(state, row, now);
            return ProgressOutcome.Ok(state);
        }
        catch (ProgressRefusedException ex)
        {
            return ProgressOutcome.Refused(ex.Message);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// False only when every pending change is time counted (a section's seconds, the module's last activity and
    /// place) or a report's receipt: none of those moves a status or a percent. Anything else recounts.
    /// </summary>
    internal static bool MayChangeSummary(ChangeTracker tracker) =>
        tracker
            .Entries()
            .Any(e =>
                e.State switch
                {
                    EntityState.Unchanged or EntityState.Detached => false,
                    EntityState.Added => e.Entity is not ProgressReport,
                    EntityState.Modified => e.Entity switch
                    {
                        SectionProgress => e.Properties.Any(p =>
                            p.IsModified && !SecondsOnly.Contains(p.Metadata.Name)
                        ),
                        ModuleProgress => e.Properties.Any(p => p.IsModified && !PlaceOnly.Contains(p.Metadata.Name)),
                        _ => true,
                    },
                    _ => true,
                }
            );

    private static readonly HashSet<string> SecondsOnly =
    [
        nameof(SectionProgress.ActiveSeconds),
        nameof(SectionProgress.LastCountedAt),
    ];

    private static readonly HashSet<string> PlaceOnly =
    [
        nameof(ModuleProgress.LastActivityAt),
        nameof(ModuleProgress.LastSectionKey),
    ];

    private static async Task<ModuleProgress> ModuleRowAsync(
        ClarityDbContext db,
        string patient,
        RevisionShapes.Shape shape,
        DateTime now,
        CancellationToken ct
    )
    {
        var row = await db.ModuleProgress.FirstOrDefaultAsync(
            p => p.PatientId == patient && p.ModuleId == shape.ModuleId,
            ct
        );
        return row
            ?? db.ModuleProgress.Add(
                new ModuleProgress
                {
                    PatientId = patient,
                    ModuleId = shape.ModuleId,
                    StartedAt = now,
                    LastActivityAt = now,
                }
            ).Entity;
    }

    private static Task<Dictionary<string, SectionProgress>> SectionRowsAsync(
        ClarityDbContext db,
        string patient,
        int moduleId,
        CancellationToken ct
    ) =>
        db
            .SectionProgress.Where(p => p.PatientId == patient && p.ModuleId == moduleId)
            .ToDictionaryAsync(p => p.SectionKey, ct);

    private static SectionProgress RowFor(
        ClarityDbContext db,
        Dictionary<string, SectionProgress> rows,
        string patient,
        int moduleId,
        string key,
        DateTime countFrom,
        DateTime now
    )
    {
        if (!rows.TryGetValue(key, out var row))
        {
            row = db
                .SectionProgress.Add(
                    new SectionProgress
                    {
                        PatientId = patient,
                        ModuleId = moduleId,
                        SectionKey = key,
                        FirstSeenAt = now,
                        LastCountedAt = countFrom,
                    }
                )
                .Entity;
            rows[key] = row;
        }

        return row;
    }

    private void MarkReadIfDue(SectionProgress row, RevisionShapes.Shape shape, ModuleProgress module, DateTime now)
    {
        var section = shape.Sections.First(s => s.Key == row.SectionKey);
        if (
            row.ReadAt is null
            && ProgressRules.IsRead(
                row.ActiveSeconds,
                section.Words,
                section.HasExplorer,
                ExplorerComplete(module, shape),
                Rules
            )
        )
        {
            row.ReadAt = now;
            row.ReadMethod = ReadMethod.Dwell;
            row.ReadInRevisionId = shape.RevisionId;
        }
    }

    private static bool ExplorerComplete(ModuleProgress? module, RevisionShapes.Shape shape) =>
        module is not null
        && shape.ExplorerSteps > 0
        && (module.ExplorerStepsSeen & ((1 << shape.ExplorerSteps) - 1)) == (1 << shape.ExplorerSteps) - 1;

    private async Task<ReaderProgress> StateAsync(
        ClarityDbContext db,
        string patient,
        RevisionShapes.Shape shape,
        CancellationToken ct
    ) => (await ReadStateAsync(db, patient, shape, ct)).State;

    /// <summary>The reader's state and the module row it was read with.</summary>
    private async Task<(ReaderProgress State, ModuleProgress? Row)> ReadStateAsync(
        ClarityDbContext db,
        string patient,
        RevisionShapes.Shape shape,
        CancellationToken ct
    )
    {
        // The row first: a write between these reads then leaves the row newer than the state remembered with it,
        // so a later report reads the state again instead of trusting it (ShownProgress).
        var module = await db
            .ModuleProgress.AsNoTracking()
            .FirstOrDefaultAsync(p => p.PatientId == patient && p.ModuleId == shape.ModuleId, ct);
        var facts = (await ProgressFacts.ForPatientAsync(db, patient, shape.ModuleId, ct)).For(shape.ModuleId, patient);
        var rows = await db
            .SectionProgress.AsNoTracking()
            .Where(p => p.PatientId == patient && p.ModuleId == shape.ModuleId)
            .Select(p => new
            {
                p.SectionKey,
                p.ActiveSeconds,
                p.ReadAt,
            })
            .ToListAsync(ct);
        // The last answer at each check's place (section and position), so a returning reader sees it again.
        var answers = await db
            .CheckAnswers.AsNoTracking()
            .Where(a => a.PatientId == patient && a.Check!.Section!.Revision!.ModuleId == shape.ModuleId)
            .OrderBy(a => a.AnsweredAt)
            .ThenBy(a => a.Id)
            .Select(a => new
            {
                a.Check!.Section!.Key,
                a.Check.Order,
                a.Option,
            })
            .ToListAsync(ct);
        var last = answers.GroupBy(a => (a.Key, a.Order)).ToDictionary(g => g.Key, g => g.Last().Option);
        var earlier = shape
            .Checks.Where(c => last.TryGetValue((c.SectionKey, c.Order), out var o) && o >= 0 && o < c.Options)
            .ToDictionary(c => c.Id, c => last[(c.SectionKey, c.Order)]);
        var keys = shape.Sections.Select(s => s.Key).ToHashSet();
        var read = rows.Where(r => r.ReadAt is not null && keys.Contains(r.SectionKey))
            .Select(r => r.SectionKey)
            .ToHashSet();
        var state = new ReaderProgress(
            shape.RevisionId,
            facts?.Percent ?? 0,
            facts?.Status ?? ModuleStatus.NotStarted,
            read,
            rows.Where(r => keys.Contains(r.SectionKey)).ToDictionary(r => r.SectionKey, r => r.ActiveSeconds),
            module?.LastSectionKey,
            ExplorerComplete(module, shape),
            shape.Checks.Count,
            facts?.ChecksAnswered ?? 0,
            await ChangedSinceAcknowledgedAsync(shape, facts, ct),
            module?.AcknowledgedAt,
            module?.AcknowledgedAs,
            earlier
        );
        return (state, module);
    }

    /// <summary>
    /// After a material revision, the titles of the sections that changed since the patient acknowledged.
    /// </summary>
    private async Task<IReadOnlyList<string>> ChangedSinceAcknowledgedAsync(
        RevisionShapes.Shape shape,
        ModuleFacts? facts,
        CancellationToken ct
    )
    {
        if (facts is not { MaterialChangeSinceAcknowledged: true, AcknowledgedRevisionId: { } acknowledged })
        {
            return [];
        }

        var before = await shapes.ByRevisionAsync(acknowledged, ct);
        return
        [
            .. shape
                .Sections.Where(s =>
                    before.Sections.FirstOrDefault(b => b.Key == s.Key) is not { } old || old.Body != s.Body
                )
                .Select(s => s.Title),
        ];
    }

    private sealed class ProgressRefusedException(string message) : Exception(message);
}
