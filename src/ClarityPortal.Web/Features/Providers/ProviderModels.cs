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
