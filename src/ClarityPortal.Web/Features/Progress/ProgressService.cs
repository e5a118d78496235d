using System.Collections.Concurrent;
using ClarityPortal.Data;
using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Education;
using ClarityPortal.Data.Progress;
using ClarityPortal.Web.Features.Contact;
using ClarityPortal.Web.Features.Education.Components;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
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
    TimeProvider clock,
    ILogger<ProgressService> logger)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> PatientLocks = new();
    private ReadingOptions Rules => options.Value;

    /// <summary>The signed-in patient's id, or null for anyone else (anonymous readers and staff are not tracked).</summary>
    public async Task<string?> PatientIdAsync()
    {
        var user = (await authState.GetAuthenticationStateAsync()).User;
        return (await authorization.AuthorizeAsync(user, PortalPolicies.Patient)).Succeeded ? PortalUser.Id(user) : null;
    }

    public double RequiredSeconds(int words) => ProgressRules.RequiredSeconds(words, Rules);

    public async Task<ReaderProgress?> ForModuleAsync(string slug, CancellationToken ct = default)
    {
        var patient = await PatientIdAsync();
        var shape = patient is null ? null : await shapes.CurrentAsync(slug, ct);
        if (patient is null || shape is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await StateAsync(db, patient, shape, ct);
    }

    /// <summary>Marks the start of a reading visit, so the first seconds counted are measured from now.</summary>
    public Task<ProgressOutcome> BeginAsync(string slug, int revisionId, CancellationToken ct = default) =>
        WithPatientAsync(slug, revisionId, async (db, patient, shape, now) =>
        {
            var module = await ModuleRowAsync(db, patient, shape, now, ct);
            module.LastActivityAt = now;

            // Report ids only need to outlive a retry; keep a day of them for this patient.
            var cutoff = now.AddDays(-1);
            await db.ProgressReports.Where(r => r.PatientId == patient && r.ReceivedAt < cutoff).ExecuteDeleteAsync(ct);
            return true;
        }, ct);

    public Task<ProgressOutcome> ReportAsync(
        string slug, int revisionId, Guid reportId, IReadOnlyDictionary<string, double> seconds, string? currentSection, DateTime sentAt,
        CancellationToken ct = default) =>
        WithPatientAsync(slug, revisionId, async (db, patient, shape, now) =>
        {
            if (sentAt.ToUniversalTime() > now.AddSeconds(30))
            {
                throw new ProgressRefusedException("The report's time is in the future.");
            }

            if (seconds.Count > shape.Sections.Count || seconds.Keys.Any(k => !shape.HasSection(k))
                || (currentSection is not null && !shape.HasSection(currentSection)))
            {
                logger.LogWarning("Refused a reading report naming a section outside revision {Revision} of {Slug}", revisionId, slug);
                throw new ProgressRefusedException("That section is not part of this module.");
            }

            if (await db.ProgressReports.AnyAsync(r => r.Id == reportId, ct))
            {
                return false; // already counted: a repeat changes nothing
            }

            db.ProgressReports.Add(new ProgressReport { Id = reportId, PatientId = patient, ReceivedAt = now });
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
        }, ct);

    /// <summary>Records which mechanism-explorer steps were seen; the explorer counts once all were.</summary>
    public Task<ProgressOutcome> ExplorerStepsAsync(string slug, int revisionId, IReadOnlyCollection<int> steps, CancellationToken ct = default) =>
        WithPatientAsync(slug, revisionId, async (db, patient, shape, now) =>
        {
            if (steps.Any(s => s < 0 || s >= MechanismExplorer.Steps.Count))
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
        }, ct);

    /// <summary>"Mark as read" for readers who cannot scroll normally; recorded as manual.</summary>
    public Task<ProgressOutcome> MarkReadAsync(string slug, int revisionId, string sectionKey, CancellationToken ct = default) =>
        WithPatientAsync(slug, revisionId, async (db, patient, shape, now) =>
        {
            if (!shape.HasSection(sectionKey))
            {
                throw new ProgressRefusedException("That section is not part of this module.");
            }

            var module = await ModuleRowAsync(db, patient, shape, now, ct);
            var row = RowFor(db, await SectionRowsAsync(db, patient, shape.ModuleId, ct), patient, shape.ModuleId, sectionKey, now, now);
            if (row.ReadAt is null)
            {
                row.ReadAt = now;
                row.ReadMethod = ReadMethod.Manual;
                row.ReadInRevisionId = shape.RevisionId;
            }

            module.LastSectionKey = sectionKey;
            module.LastActivityAt = now;
            return true;
        }, ct);

    /// <summary>"I've read and understood this" (once everything is read and answered) or "I have a question".</summary>
    public Task<ProgressOutcome> AcknowledgeAsync(string slug, int revisionId, string? question, CancellationToken ct = default) =>
        WithPatientAsync(slug, revisionId, async (db, patient, shape, now) =>
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
                var message = question.Trim();
                if (message.Length is 0 or > 2000)
                {
                    throw new ProgressRefusedException("Write your question in up to 2,000 characters.");
                }

                // The question goes to the clinicians' inbox, linked to the patient and the module.
                var person = await db.Users.AsNoTracking().Where(u => u.Id == patient).Select(u => new { u.DisplayName, u.Email }).FirstAsync(ct);
                db.ContactRequests.Add(new ContactRequest
                {
                    Code = await ContactCodes.UnusedAsync(db, ct), Name = person.DisplayName, Email = person.Email, PreferredMethod = ContactMethod.Email,
                    Topic = ContactTopic.ModuleQuestion, Message = message, Consent = true, SubmittedAt = now, Status = ContactStatus.New,
                    PatientId = patient, ModuleId = shape.ModuleId,
                    History = [new ContactHistory { At = now, ActorId = patient, Actor = person.DisplayName, Kind = ContactEventKind.Submitted, ToStatus = ContactStatus.New, Text = $"Question about {shape.Title}" }],
                });
            }

            module.AcknowledgedAt = now;
            module.AcknowledgedRevisionId = shape.RevisionId;
            module.AcknowledgedAs = question is null ? "understood" : "question";
            module.LastActivityAt = now;
            return true;
        }, ct);

    /// <summary>Stores a judged answer for the signed-in patient; does nothing for anyone else.</summary>
    public async Task RecordAnswerAsync(int checkId, int option, bool correct, CancellationToken ct = default)
    {
        if (await PatientIdAsync() is not { } patient)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.CheckAnswers.Add(new CheckAnswer { PatientId = patient, CheckId = checkId, Option = option, Correct = correct, AnsweredAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
    }

    public async Task<PatientDashboard> DashboardAsync(CancellationToken ct = default)
    {
        var patient = await PatientIdAsync() ?? throw new UnauthorizedAccessException("Only patients have a learning dashboard.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Modules the patient started or was assigned, with the due day their clinician set.
        var rows = await db.Modules.AsNoTracking()
            .Where(m => m.IsPublished && m.CurrentRevisionId != null
                && (db.ModuleProgress.Any(p => p.PatientId == patient && p.ModuleId == m.Id) || db.ModuleAssignments.Any(a => a.PatientId == patient && a.ModuleId == m.Id)))
            .OrderBy(m => m.Order)
            .Select(m => new
            {
                m.CurrentRevisionId,
                LastActivityAt = db.ModuleProgress.Where(p => p.PatientId == patient && p.ModuleId == m.Id).Select(p => (DateTime?)p.LastActivityAt).FirstOrDefault(),
                Assigned = db.ModuleAssignments.Any(a => a.PatientId == patient && a.ModuleId == m.Id),
                DueOn = db.ModuleAssignments.Where(a => a.PatientId == patient && a.ModuleId == m.Id).Select(a => a.DueOn).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var modules = new List<DashboardModule>();
        foreach (var row in rows)
        {
            var shape = await shapes.ByRevisionAsync(row.CurrentRevisionId!.Value, ct);
            var state = await StateAsync(db, patient, shape, ct);
            modules.Add(new DashboardModule(shape.Slug, shape.Title, state.Percent, state.Status, state.TotalSeconds, row.LastActivityAt, state.ChangedSinceAcknowledged,
                row.Assigned, row.DueOn));
        }

        // What is due soonest comes first; finished modules go last.
        modules = [.. modules.OrderBy(m => m.Status == ModuleStatus.Complete).ThenBy(m => m.DueOn ?? DateOnly.MaxValue)];
        var questions = await db.ContactRequests.AsNoTracking()
            .Where(q => q.PatientId == patient && q.Topic == ContactTopic.ModuleQuestion).OrderByDescending(q => q.SubmittedAt)
            .Select(q => new DashboardQuestion(q.Module!.Title, q.Message, q.SubmittedAt, q.Status)).ToListAsync(ct);
        return new PatientDashboard(modules, questions);
    }

    private async Task<ProgressOutcome> WithPatientAsync(
        string slug, int revisionId, Func<ClarityDbContext, string, RevisionShapes.Shape, DateTime, Task<bool>> work, CancellationToken ct)
    {
        if (await PatientIdAsync() is not { } patient)
        {
            return ProgressOutcome.Refused("Sign in as a patient to save your progress.");
        }

        var shape = await shapes.CurrentAsync(slug, ct);
        if (shape is null || shape.RevisionId != revisionId)
        {
            return ProgressOutcome.Refused("This module has changed since you opened it. Please reload the page.");
        }

        var gate = PatientLocks.GetOrAdd(patient, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (await work(db, patient, shape, clock.GetUtcNow().UtcDateTime))
            {
                await db.SaveChangesAsync(ct);
            }

            return ProgressOutcome.Ok(await StateAsync(db, patient, shape, ct));
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

    private static async Task<ModuleProgress> ModuleRowAsync(ClarityDbContext db, string patient, RevisionShapes.Shape shape, DateTime now, CancellationToken ct)
    {
        var row = await db.ModuleProgress.FirstOrDefaultAsync(p => p.PatientId == patient && p.ModuleId == shape.ModuleId, ct);
        return row ?? db.ModuleProgress.Add(new ModuleProgress { PatientId = patient, ModuleId = shape.ModuleId, StartedAt = now, LastActivityAt = now }).Entity;
    }

    private static Task<Dictionary<string, SectionProgress>> SectionRowsAsync(ClarityDbContext db, string patient, int moduleId, CancellationToken ct) =>
        db.SectionProgress.Where(p => p.PatientId == patient && p.ModuleId == moduleId).ToDictionaryAsync(p => p.SectionKey, ct);

    private static SectionProgress RowFor(
        ClarityDbContext db, Dictionary<string, SectionProgress> rows, string patient, int moduleId, string key, DateTime countFrom, DateTime now)
    {
        if (!rows.TryGetValue(key, out var row))
        {
            row = db.SectionProgress.Add(new SectionProgress
            {
                PatientId = patient, ModuleId = moduleId, SectionKey = key, FirstSeenAt = now, LastCountedAt = countFrom,
            }).Entity;
            rows[key] = row;
        }

        return row;
    }

    private void MarkReadIfDue(SectionProgress row, RevisionShapes.Shape shape, ModuleProgress module, DateTime now)
    {
        var section = shape.Sections.First(s => s.Key == row.SectionKey);
        if (row.ReadAt is null && ProgressRules.IsRead(row.ActiveSeconds, section.Words, section.HasExplorer, ExplorerComplete(module), Rules))
        {
            row.ReadAt = now;
            row.ReadMethod = ReadMethod.Dwell;
            row.ReadInRevisionId = shape.RevisionId;
        }
    }

    private static bool ExplorerComplete(ModuleProgress? module) =>
        module is not null && module.ExplorerStepsSeen == (1 << MechanismExplorer.Steps.Count) - 1;

    private async Task<ReaderProgress> StateAsync(ClarityDbContext db, string patient, RevisionShapes.Shape shape, CancellationToken ct)
    {
        var module = await db.ModuleProgress.AsNoTracking().FirstOrDefaultAsync(p => p.PatientId == patient && p.ModuleId == shape.ModuleId, ct);
        var rows = await db.SectionProgress.AsNoTracking().Where(p => p.PatientId == patient && p.ModuleId == shape.ModuleId)
            .Select(p => new { p.SectionKey, p.ActiveSeconds, p.ReadAt }).ToListAsync(ct);
        var answered = (await db.CheckAnswers.AsNoTracking()
            .Where(a => a.PatientId == patient && a.Check!.Section!.Revision!.ModuleId == shape.ModuleId)
            .Select(a => new { a.Check!.Section!.Key, a.Check.Order }).Distinct().ToListAsync(ct))
            .Select(a => (a.Key, a.Order)).ToHashSet();
        var keys = shape.Sections.Select(s => s.Key).ToHashSet();
        var read = rows.Where(r => r.ReadAt is not null && keys.Contains(r.SectionKey)).Select(r => r.SectionKey).ToHashSet();
        var checksAnswered = shape.Checks.Count(c => answered.Contains((c.SectionKey, c.Order)));

        IReadOnlyList<string> changed = [];
        var materialSinceAck = false;
        if (module?.AcknowledgedRevisionId is { } acked && acked != shape.RevisionId)
        {
            materialSinceAck = await db.ModuleRevisions.AnyAsync(r => r.ModuleId == shape.ModuleId && r.Id > acked && r.ChangeKind == ChangeKind.Material, ct);
            if (materialSinceAck)
            {
                var before = await shapes.ByRevisionAsync(acked, ct);
                changed = [.. shape.Sections.Where(s => before.Sections.FirstOrDefault(b => b.Key == s.Key) is not { } old || old.Body != s.Body).Select(s => s.Title)];
            }
        }

        var status = ProgressRules.Status(module is not null, shape.Sections.Count, read.Count, shape.Checks.Count, checksAnswered,
            module?.AcknowledgedAt is not null, materialSinceAck);
        return new ReaderProgress(shape.RevisionId, ProgressRules.Percent(shape.Sections.Count, read.Count), status, read,
            rows.Where(r => keys.Contains(r.SectionKey)).ToDictionary(r => r.SectionKey, r => r.ActiveSeconds),
            module?.LastSectionKey, ExplorerComplete(module), shape.Checks.Count, checksAnswered, changed, module?.AcknowledgedAt, module?.AcknowledgedAs);
    }

    private sealed class ProgressRefusedException(string message) : Exception(message);
}

public static class ProgressSetup
{
    public static WebApplicationBuilder AddProgress(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ReadingOptions>(builder.Configuration.GetSection(ReadingOptions.Section));
        builder.Services.AddSingleton<RevisionShapes>();
        builder.Services.AddScoped<ProgressService>();
        return builder;
    }
}
