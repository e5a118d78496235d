using ClarityPortal.Data.Education;
using ClarityPortal.Data.Identity;

namespace ClarityPortal.Data.Progress;

public enum ReadMethod
{
    /// <summary>Enough time with at least half the section on screen and the tab in front.</summary>
    Dwell = 0,

    /// <summary>The patient pressed "Mark as read" (screen readers, print).</summary>
    Manual = 1,
}

/// <summary>
/// How long a patient has had a section on screen, and whether it counts as read. Keyed by the section's key, not
/// its id, so reading carries over to a new revision of the module when the section is still there.
/// </summary>
public class SectionProgress
{
    public long Id { get; set; }

    public string PatientId { get; set; } = "";

    public ApplicationUser? Patient { get; set; }

    public int ModuleId { get; set; }

    public Module? Module { get; set; }

    public string SectionKey { get; set; } = "";

    public DateTime FirstSeenAt { get; set; }

    /// <summary>
    /// When time was last added; new time is clamped to the time since then (two tabs never double-count).
    /// </summary>
    public DateTime LastCountedAt { get; set; }

    public double ActiveSeconds { get; set; }

    public DateTime? ReadAt { get; set; }

    public ReadMethod? ReadMethod { get; set; }

    /// <summary>The revision the section was first read in.</summary>
    public int? ReadInRevisionId { get; set; }
}

/// <summary>A patient's place in a module: started, where they were, and which revision they acknowledged.</summary>
public class ModuleProgress
{
    public long Id { get; set; }

    public string PatientId { get; set; } = "";

    public ApplicationUser? Patient { get; set; }

    public int ModuleId { get; set; }

    public Module? Module { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime LastActivityAt { get; set; }

    public string? LastSectionKey { get; set; }

    /// <summary>The steps of the mechanism explorer the patient has seen, as a bit set.</summary>
    public int ExplorerStepsSeen { get; set; }

    public DateTime? AcknowledgedAt { get; set; }

    public int? AcknowledgedRevisionId { get; set; }

    public ModuleRevision? AcknowledgedRevision { get; set; }

    /// <summary>How the patient acknowledged the module (stored as "understood" or "question").</summary>
    public Acknowledgement? AcknowledgedAs { get; set; }
}

/// <summary>Every answer a patient gave to a knowledge check, right or wrong.</summary>
public class CheckAnswer
{
    public long Id { get; set; }

    public string PatientId { get; set; } = "";

    public int CheckId { get; set; }

    public KnowledgeCheck? Check { get; set; }

    public int Option { get; set; }

    public bool Correct { get; set; }

    public DateTime AnsweredAt { get; set; }
}

/// <summary>Ids of reading reports already counted, so a repeated report changes nothing.</summary>
public class ProgressReport
{
    public Guid Id { get; set; }

    public string PatientId { get; set; } = "";

    public DateTime ReceivedAt { get; set; }
}
