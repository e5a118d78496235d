namespace ClarityPortal.Data.Providers;

/// <summary>
/// A clinician in the public directory. Fields follow FHIR Practitioner / PractitionerRole (Plan-Net): name,
/// qualifications, specialties, languages, locations, telehealth and whether new patients are accepted.
/// </summary>
public class Provider
{
    public int Id { get; set; }

    public string Slug { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Letters after the name, e.g. "MD".</summary>
    public string? Credentials { get; set; }

    public string? Title { get; set; }

    /// <summary>Markdown, rendered through the sanitizer.</summary>
    public string Bio { get; set; } = "";

    public List<string> Specialties { get; set; } = [];

    /// <summary>IV, IM, sublingual, esketamine…</summary>
    public List<string> Modalities { get; set; } = [];

    public List<string> Languages { get; set; } = [];

    /// <summary>US states where the provider sees patients by video.</summary>
    public List<string> TelehealthStates { get; set; } = [];

    public List<Qualification> Qualifications { get; set; } = [];

    public List<ProviderLocation> Locations { get; set; } = [];

    /// <summary>Whether the provider takes new patients; null until an admin says (nothing is shown then).</summary>
    public bool? AcceptingNewPatients { get; set; }

    /// <summary>Where contact requests about this provider are routed.</summary>
    public string? ContactEmail { get; set; }

    public bool IsPublished { get; set; }

    public int SortOrder { get; set; }

    /// <summary>Development sample data, labelled as such on every page that shows it.</summary>
    public bool IsSample { get; set; }

    public DateTime? RetiredAt { get; set; }

    public byte[]? Photo { get; set; }

    public string? PhotoContentType { get; set; }

    /// <summary>Changes on every save; a save with an old stamp is a conflict (optimistic concurrency).</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public DateTime UpdatedAt { get; set; }
}

/// <summary>FHIR Practitioner.qualification: what, from whom, when.</summary>
public class Qualification
{
    public string Title { get; set; } = "";

    public string? Issuer { get; set; }

    public int? Year { get; set; }
}

public class ProviderLocation
{
    public string Name { get; set; } = "";

    public string? Address { get; set; }

    public string? Hours { get; set; }
}
