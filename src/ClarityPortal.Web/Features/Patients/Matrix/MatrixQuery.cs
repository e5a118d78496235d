namespace ClarityPortal.Web.Features.Patients.Matrix;

/// <summary>
/// The matrix filter in the address bar (shareable, back button) and in the export link; bad values are ignored.
/// </summary>
public static class MatrixQuery
{
    public static MatrixFilter Parse(
        string? status,
        string? module,
        string? overdue,
        string? session,
        string? search,
        string? page = null
    ) =>
        new(
            Enum.TryParse<CellStatus>(status, true, out var s) && Enum.IsDefined(s) ? s : null,
            int.TryParse(module, out var m) && m > 0 ? m : null,
            overdue is "true" or "1",
            int.TryParse(session, out var d) && d is >= 0 and <= 366 ? d : null,
            string.IsNullOrWhiteSpace(search) ? null : search.Trim()[..Math.Min(search.Trim().Length, 100)],
            int.TryParse(page, out var p) && p > 0 ? p : 1
        );

    public static string ToQuery(MatrixFilter f)
    {
        var parts = new List<string>();
        if (f.Status is { } s)
        {
            parts.Add($"status={s}");
        }

        if (f.ModuleId is { } m)
        {
            parts.Add($"module={m}");
        }

        if (f.OverdueOnly)
        {
            parts.Add("overdue=true");
        }

        if (f.SessionWithinDays is { } d)
        {
            parts.Add($"session={d}");
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            parts.Add($"q={Uri.EscapeDataString(f.Search)}");
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
