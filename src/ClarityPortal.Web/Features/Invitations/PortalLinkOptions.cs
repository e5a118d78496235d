namespace ClarityPortal.Web.Features.Invitations;

public sealed class PortalLinkOptions
{
    public const string Section = "Portal";

    /// <summary>The address patients use ("https://portal.example.org"); links in emails start with it.</summary>
    public string? PublicUrl { get; set; }
}
