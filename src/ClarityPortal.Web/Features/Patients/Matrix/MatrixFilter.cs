namespace ClarityPortal.Web.Features.Patients.Matrix;

public sealed record MatrixFilter(
    CellStatus? Status = null,
    int? ModuleId = null,
    bool OverdueOnly = false,
    int? SessionWithinDays = null,
    string? Search = null,
    int Page = 1
)
{
    public const int PageSize = 50;
}
