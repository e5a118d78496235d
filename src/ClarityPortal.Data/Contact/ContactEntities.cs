using ClarityPortal.Data.Education;
using ClarityPortal.Data.Identity;

namespace ClarityPortal.Data.Contact;

public enum ContactTopic
{
    NewPatient = 0,
    KapQuestion = 1,
    ExistingPatient = 2,
    Other = 3,

    /// <summary>A signed-in patient's "I have a question" from a module.</summary>
    ModuleQuestion = 4,
}

public enum ContactMethod
{
    Email = 0,
    Phone = 1,
    Text = 2,
}

public enum ContactStatus
{
    New = 0,
    InProgress = 1,
    Scheduled = 2,
    Closed = 3,
    Spam = 4,
}

/// <summary>A request to the clinic: from the public contact form, or a patient's question about a module.</summary>
public class ContactRequest
{
    public long Id { get; set; }

    /// <summary>What the sender is told, e.g. <c>CR-7K3Q9</c>.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public ContactMethod PreferredMethod { get; set; }

    public string? PreferredTime { get; set; }

    public ContactTopic Topic { get; set; }

    /// <summary>Stored as text, never rendered as markup.</summary>
    public string Message { get; set; } = "";

    public bool Consent { get; set; }

    /// <summary>The provider the sender would like to see, if they chose one.</summary>
    public int? PreferredProviderId { get; set; }

    public Providers.Provider? PreferredProvider { get; set; }

    public DateTime SubmittedAt { get; set; }

    /// <summary>A keyed hash of the sender's address, for the rate limit; never the address itself.</summary>
    public string? ClientHash { get; set; }

    /// <summary>The one-time number of the form that sent it: a form can file one request, not two.</summary>
    public string? FormNonce { get; set; }

    public ContactStatus Status { get; set; }

    public string? AssigneeId { get; set; }

    public ApplicationUser? Assignee { get; set; }

    /// <summary>Set for a patient's module question: who asked, about what.</summary>
    public string? PatientId { get; set; }

    public ApplicationUser? Patient { get; set; }

    public int? ModuleId { get; set; }

    public Module? Module { get; set; }

    /// <summary>A patient's question (or follow-up) that no one has replied to yet.</summary>
    public bool AwaitingReply { get; set; }

    public List<ContactHistory> History { get; set; } = [];
}

public enum ContactEventKind
{
    Submitted = 0,
    Assigned = 1,
    StatusChanged = 2,
    Note = 3,

    /// <summary>A staff member's answer to a patient's question: the patient reads it.</summary>
    Reply = 4,

    /// <summary>The patient's follow-up in the same question.</summary>
    PatientMessage = 5,
}

/// <summary>Everything that happened to a request, in order: who did what, when. Notes are internal.</summary>
public class ContactHistory
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public ContactRequest? Request { get; set; }

    public DateTime At { get; set; }

    public string? ActorId { get; set; }

    public string Actor { get; set; } = "";

    public ContactEventKind Kind { get; set; }

    public ContactStatus? FromStatus { get; set; }

    public ContactStatus? ToStatus { get; set; }

    /// <summary>The note, the reason for Closed or Spam, or the new assignee's name.</summary>
    public string? Text { get; set; }
}
