using ClarityPortal.Data.Contact;

namespace ClarityPortal.Web.Features.Contact;

public sealed record InboxFilter(
    ContactStatus Status,
    ContactTopic? Topic = null,
    string? AssigneeId = null,
    string? Search = null,
    int? ProviderId = null
);

public sealed record InboxRow(
    string Code,
    string Name,
    ContactTopic Topic,
    DateTime SubmittedAt,
    string? Assignee,
    string? ModuleTitle,
    bool IsPatient
);

public sealed record StaffMember(string Id, string Name);

public sealed record RequestDetail(
    ContactRequest Request,
    string? AssigneeName,
    string? ModuleTitle,
    IReadOnlyList<ContactHistory> History,
    string? ProviderName = null
);
