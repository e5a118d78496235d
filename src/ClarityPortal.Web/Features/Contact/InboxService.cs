using System.Security.Claims;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using ClarityPortal.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Contact;

/// <summary>
/// The clinicians' inbox. Staff only, checked in every method. Public requests are visible to all staff; a patient's
/// question only to that patient's care team and admins. Every view and change is audited.
/// </summary>
public sealed class InboxService(
    IDbContextFactory<ClarityDbContext> dbFactory,
    AuthorizationGuard guard,
    AuditLog audit,
    TimeProvider clock,
    Outbox outbox,
    Microsoft.Extensions.Options.IOptions<PortalLinkOptions> links
)
{
    public const int MaxReplyLength = 4000;

    public async Task<IReadOnlyDictionary<ContactStatus, int>> CountsAsync(CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await Visible(db, user)
            .GroupBy(r => r.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return Enum.GetValues<ContactStatus>()
            .ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    public async Task<IReadOnlyList<InboxRow>> ListAsync(
        InboxFilter filter,
        bool recordView = true,
        CancellationToken ct = default
    )
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Visible(db, user).Where(r => r.Status == filter.Status);
        if (filter.Topic is { } topic)
        {
            query = query.Where(r => r.Topic == topic);
        }

        if (filter.ProviderId is { } providerId)
        {
            query = query.Where(r => r.PreferredProviderId == providerId);
        }

        if (!string.IsNullOrEmpty(filter.AssigneeId))
        {
            query =
                filter.AssigneeId == "none"
                    ? query.Where(r => r.AssigneeId == null)
                    : query.Where(r => r.AssigneeId == filter.AssigneeId);
        }

        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            search = search[..Math.Min(search.Length, 100)];
            var code = search.ToUpperInvariant();
            var pattern = TextSearch.Pattern(search);
            query = query.Where(r =>
                EF.Functions.Like(r.Name, pattern, TextSearch.Escape)
                || (r.Email != null && EF.Functions.Like(r.Email, pattern, TextSearch.Escape))
                || r.Code.Contains(code)
            );
        }

        var rows = await query
            .OrderBy(r => r.SubmittedAt)
            .Take(200)
            .Select(r => new InboxRow(
                r.Code,
                r.Name,
                r.Topic,
                r.SubmittedAt,
                r.Assignee != null ? r.Assignee.DisplayName : null,
                r.Module != null ? r.Module.Title : null,
                r.PatientId != null
            ))
            .ToListAsync(ct);
        if (recordView)
        {
            await audit.RecordAsync(
                user,
                AuditActions.InboxViewed,
                ContactRules.Label(filter.Status),
                $"{rows.Count} rows",
                ct
            );
        }

        return rows;
    }

    /// <summary>
    /// The request with its history; <paramref name="recordView"/> is false when reloading after one's own change
    /// (already audited).
    /// </summary>
    public async Task<RequestDetail?> GetAsync(string code, bool recordView = true, CancellationToken ct = default)
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        if (!ContactRules.IsCode(code))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await Visible(db, user)
            .AsNoTracking()
            .Include(r => r.Assignee)
            .Include(r => r.Module)
            .Include(r => r.PreferredProvider)
            .Include(r => r.History)
            .FirstOrDefaultAsync(r => r.Code == code, ct);
        if (request is null)
        {
            return null;
        }

        if (recordView)
        {
            await audit.RecordAsync(
                user,
                AuditActions.ContactViewed,
                code,
                request.PatientId is null ? "public request" : $"patient {request.PatientId}",
                ct
            );
        }

        return new RequestDetail(
            request,
            request.Assignee?.DisplayName,
            request.Module?.Title,
            [.. request.History.OrderBy(h => h.At).ThenBy(h => h.Id)],
            request.PreferredProvider?.Name
        );
    }

    public async Task<IReadOnlyList<StaffMember>> StaffAsync(CancellationToken ct = default)
    {
        await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staffRoles = await db
            .Roles.Where(r => r.Name == PortalRoles.Clinician || r.Name == PortalRoles.Admin)
            .Select(r => r.Id)
            .ToListAsync(ct);
        return await db
            .Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && staffRoles.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new StaffMember(u.Id, u.DisplayName))
            .ToListAsync(ct);
    }

    /// <summary>Assigns to a staff member (null: to me).</summary>
    public Task<string?> AssignAsync(string code, string? staffId, CancellationToken ct = default) =>
        ChangeAsync(
            code,
            async (db, user, request, now) =>
            {
                var targetId = staffId ?? PortalUser.Id(user)!;
                var target = (await StaffAsync(ct)).FirstOrDefault(s => s.Id == targetId);
                if (target is null)
                {
                    return "Choose a clinician or admin to assign to.";
                }

                request.AssigneeId = target.Id;
                Add(request, user, now, ContactEventKind.Assigned, text: target.Name);
                return null;
            },
            AuditActions.ContactAssigned,
            ct
        );

    public Task<string?> ChangeStatusAsync(
        string code,
        ContactStatus to,
        string? reason,
        CancellationToken ct = default
    ) =>
        ChangeAsync(
            code,
            (db, user, request, now) =>
            {
                if (ContactRules.Refusal(request.Status, to, reason) is { } refusal)
                {
                    return Task.FromResult<string?>(refusal);
                }

                Add(
                    request,
                    user,
                    now,
                    ContactEventKind.StatusChanged,
                    request.Status,
                    to,
                    string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()
                );
                request.Status = to;
                return Task.FromResult<string?>(null);
            },
            AuditActions.ContactStatusChanged,
            ct
        );

    /// <summary>
    /// Answers a patient's lesson question: the patient reads the reply in the portal and gets an email that names no
    /// condition, lesson or text, only that a reply is waiting. Only the patient's care team and admins can reply.
    /// </summary>
    public Task<string?> ReplyAsync(string code, string reply, string requestBase, CancellationToken ct = default) =>
        ChangeAsync(
            code,
            async (db, user, request, now) =>
            {
                var text = reply?.Trim() ?? "";
                if (request.Topic != ContactTopic.ModuleQuestion || request.PatientId is null)
                {
                    return "Only a patient's question can be answered in the portal. Contact this person directly.";
                }

                if (text.Length is 0 or > MaxReplyLength)
                {
                    return "Write a reply of up to 4,000 characters.";
                }

                if (request.Status is ContactStatus.Closed or ContactStatus.Spam)
                {
                    return "This question is closed. Reopen it first to reply.";
                }

                Add(request, user, now, ContactEventKind.Reply, text: text);
                request.AwaitingReply = false;
                if (request.Status == ContactStatus.New)
                {
                    Add(request, user, now, ContactEventKind.StatusChanged, request.Status, ContactStatus.InProgress);
                    request.Status = ContactStatus.InProgress;
                }

                var email = await db
                    .Users.Where(u => u.Id == request.PatientId)
                    .Select(u => u.Email)
                    .FirstOrDefaultAsync(ct);
                if (email is not null)
                {
                    outbox.Enqueue(
                        db,
                        email,
                        "Your care team replied in Clarity Portal",
                        "Your care team replied to a question you asked in Clarity Portal.\n\n"
                            + $"Sign in to read it: {links.Value.Root(requestBase)}"
                            + $"{ContactSetup.PatientQuestionsLink}\n\n"
                            + "In an emergency, call 911. In a crisis, call or text 988."
                    );
                }

                return null;
            },
            AuditActions.ContactReplied,
            ct
        );

    public Task<string?> AddNoteAsync(string code, string note, CancellationToken ct = default) =>
        ChangeAsync(
            code,
            (db, user, request, now) =>
            {
                var text = note?.Trim() ?? "";
                if (text.Length is 0 or > 4000)
                {
                    return Task.FromResult<string?>("Write a note of up to 4,000 characters.");
                }

                Add(request, user, now, ContactEventKind.Note, text: text);
                return Task.FromResult<string?>(null);
            },
            AuditActions.ContactNoteAdded,
            ct
        );

    private async Task<string?> ChangeAsync(
        string code,
        Func<ClarityDbContext, ClaimsPrincipal, ContactRequest, DateTime, Task<string?>> change,
        string action,
        CancellationToken ct
    )
    {
        var user = await guard.RequireAsync(PortalPolicies.Staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await Visible(db, user).FirstOrDefaultAsync(r => r.Code == code, ct);
        if (request is null)
        {
            return "That request was not found.";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await change(db, user, request, now) is { } refusal)
        {
            return refusal;
        }

        await using (var audited = await audit.BeginAsync(db, ct))
        {
            audited.Record(user, action, code, request.Status.ToString());
            await audited.CommitAsync(ct);
        }

        outbox.Kick();
        return null;
    }

    private static void Add(
        ContactRequest request,
        ClaimsPrincipal user,
        DateTime now,
        ContactEventKind kind,
        ContactStatus? from = null,
        ContactStatus? to = null,
        string? text = null
    ) =>
        request.History.Add(
            new ContactHistory
            {
                At = now,
                ActorId = PortalUser.Id(user),
                Actor = PortalUser.DisplayName(user),
                Kind = kind,
                FromStatus = from,
                ToStatus = to,
                Text = text,
            }
        );

    /// <summary>
    /// Public requests for all staff; a patient's question for that patient's care team, and for admins.
    /// </summary>
    private static IQueryable<ContactRequest> Visible(ClarityDbContext db, ClaimsPrincipal user)
    {
        var patients = CareTeamAccess.VisiblePatients(db, user);
        return db.ContactRequests.Where(r => r.PatientId == null || patients.Any(p => p.Id == r.PatientId));
    }
}
