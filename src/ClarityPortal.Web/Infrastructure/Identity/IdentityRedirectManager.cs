using Microsoft.AspNetCore.Components;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>Redirects from static server-rendered account pages, refusing anything that is not a local path.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalOrHome(uri));

    /// <summary>
    /// Only a path on this site: starts with one slash, no scheme, no protocol-relative, backslash or control-character
    /// tricks.
    /// </summary>
    public static string LocalOrHome(string? uri) =>
        uri is { Length: > 0 }
        && uri[0] == '/'
        && (uri.Length == 1 || (uri[1] != '/' && uri[1] != '\\'))
        && !uri.Contains("://", StringComparison.Ordinal)
        && !uri.Any(c => char.IsControl(c)) // browsers drop tabs and newlines: "/\t/evil.example" is "//evil.example"
            ? uri
            : "/";
}
