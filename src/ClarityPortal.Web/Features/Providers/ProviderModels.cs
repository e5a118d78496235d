using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Providers;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using ImageMagick;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Providers;

public sealed record SaveResult(int? Id, IReadOnlyDictionary<string, string> Errors, bool Conflict = false)
{
    public bool Succeeded => Id is not null;
}

public sealed record AdminProviderRow(
    int Id,
    string Slug,
    string Name,
    string? Title,
    bool IsPublished,
    bool IsSample,
    DateTime? RetiredAt,
    int SortOrder,
    bool HasPhoto,
    int Requests
);
