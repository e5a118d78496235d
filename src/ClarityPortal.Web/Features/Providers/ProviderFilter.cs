namespace ClarityPortal.Web.Features.Providers;

/// <summary>The directory's filters as they appear in the address bar (shareable, back button works).</summary>
public sealed record ProviderFilter(
    string? Q = null,
    string? Specialty = null,
    string? Modality = null,
    string? Language = null,
    string? Mode = null,
    bool Accepting = false
)
{
    public bool IsEmpty => this == new ProviderFilter();
}
