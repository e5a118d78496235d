namespace ClarityPortal.UnitTests.Architecture;

/// <summary>The feature folders of the web project, each its own namespace under <c>Features</c>.</summary>
public static class Feature
{
    public static readonly IReadOnlyList<string> All =
    [
        "Admin",
        "Audit",
        "Contact",
        "Education",
        "Invitations",
        "Patients",
        "Progress",
        "Providers",
        "Reminders",
    ];

    public static string Namespace(string feature) => $"ClarityPortal.Web.Features.{feature}";
}
