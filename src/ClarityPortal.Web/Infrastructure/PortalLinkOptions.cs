namespace ClarityPortal.Web.Infrastructure;

/// <summary>Where emailed links point: <c>Portal:PublicUrl</c>, else the address the request came to.</summary>
public sealed class PortalLinkOptions
{
    public const string Section = "Portal";

    /// <summary>The address patients use ("https://portal.example.org"); links in emails start with it.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// The start of a link in an email: the public address when set, else <paramref name="requestBase"/>.
    /// </summary>
    public string Root(string requestBase) => (PublicUrl ?? requestBase).TrimEnd('/');
}
