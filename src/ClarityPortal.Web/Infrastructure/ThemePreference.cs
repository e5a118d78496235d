namespace ClarityPortal.Web.Infrastructure;

/// <summary>
/// The light or dark theme this browser chose, kept in a cookie the theme toggle sets in the browser
/// (wwwroot/js/portal.js) and read when a page is rendered.
/// </summary>
public static class ThemePreference
{
    public const string Cookie = "clarity-theme";

    public static bool IsDark(HttpRequest request) => request.Cookies[Cookie] == "dark";
}
