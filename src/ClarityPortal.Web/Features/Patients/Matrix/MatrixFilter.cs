using System.Globalization;
using System.Security.Claims;
using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Education;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

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
