namespace ClarityPortal.Web.Infrastructure;

/// <summary>
/// "Contains" for search boxes as a LIKE pattern: case-insensitive on SQLite (ASCII) and SQL Server's default
/// collation, where <c>string.Contains</c> becomes SQLite's case-sensitive <c>instr</c>. Wildcards typed by the user
/// are escaped, so "50%" finds "50%".
/// </summary>
public static class TextSearch
{
    public const string Escape = "\\";

    public static string Pattern(string term) =>
        "%"
        + term.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal)
        + "%";
}
