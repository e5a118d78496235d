namespace ClarityPortal.Web.Features.Providers;

/// <summary>
/// What an admin edits. Lists are typed as comma-separated text; qualifications and locations one per line.
/// </summary>
public sealed class ProviderEdit
{
    public int Id { get; set; }

    public Guid ConcurrencyStamp { get; set; }

    public string Name { get; set; } = "";

    public string Slug { get; set; } = "";

    public string? Credentials { get; set; }

    public string? Title { get; set; }

    public string? ContactEmail { get; set; }

    public string Specialties { get; set; } = "";

    public HashSet<string> Modalities { get; set; } = [];

    public string Languages { get; set; } = "English";

    public string TelehealthStates { get; set; } = "";

    /// <summary>"Title | Issuer | Year" per line.</summary>
    public string Qualifications { get; set; } = "";

    /// <summary>"Name | Address | Hours" per line.</summary>
    public string Locations { get; set; } = "";

    /// <summary>Null: not stated (the directory then says nothing about it).</summary>
    public bool? AcceptingNewPatients { get; set; }

    public string Bio { get; set; } = "";
}
