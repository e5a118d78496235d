using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClarityPortal.Data.Providers;

namespace ClarityPortal.Web.Features.Providers;

/// <summary>Pure rules: slugs, list fields, photo checks, filtering.</summary>
public static partial class ProviderRules
{
    /// <summary>"Accepting new patients" or not, shown only when the clinic has said (the value is set).</summary>
    public static string AcceptingLabel(bool accepting) =>
        accepting ? "Accepting new patients" : "Not accepting new patients";

    public static string AcceptingClass(bool accepting) => accepting ? "status status--complete" : "status";

    public const int MaxSpecialties = 10;
    public const int MaxBio = 4000;
    public const int MaxPhotoBytes = 2 * 1024 * 1024;

    /// <summary>Pixel limits, checked from the image header before decoding (a decompression bomb).</summary>
    public const int MaxPhotoSide = 6000;

    public const long MaxPhotoPixels = 24_000_000;

    public const string TooManyPixels =
        "The photo has too many pixels. Choose one up to 6,000 pixels on each side (a phone photo is fine).";

    /// <summary>Why an image of this size is refused, or null when it may be decoded.</summary>
    public static string? PhotoSizeProblem(long width, long height) =>
        width <= 0 || height <= 0 ? "That image could not be read. Try saving it again as JPEG or PNG."
        : width > MaxPhotoSide || height > MaxPhotoSide || width * height > MaxPhotoPixels
            ? $"The photo is {width:N0} × {height:N0} pixels. Choose one up to {MaxPhotoSide:N0} pixels on each side "
                + "(a phone photo is fine)."
        : null;

    public static readonly IReadOnlyList<string> KnownModalities = ["IV", "IM", "Sublingual", "Esketamine"];

    /// <summary>"Dr. Naveen Thomas, MD" → "naveen-thomas-md"; accents folded, anything else dropped.</summary>
    public static string Slug(string name)
    {
        var folded = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        var slug = NonSlug().Replace(TitlePrefix().Replace(folded.ToString().ToLowerInvariant(), ""), "-").Trim('-');
        // Stryker disable once Equality : an 80-character slug cut at 80 is itself (it never ends with '-')
        return slug.Length > 80 ? slug[..80].TrimEnd('-') : slug;
    }

    /// <summary>Up to 100 characters of the slug pattern (which needs at least one).</summary>
    public static bool IsSlug(string? slug) => slug is { Length: <= 100 } && SlugPattern().IsMatch(slug);

    /// <summary>Comma- or line-separated text → a clean list (trimmed, no blanks, no repeats).</summary>
    public static List<string> List(string? text) =>
        [
            .. (text ?? "")
                .Split([',', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s =>
                    // Stryker disable once Equality : a 60-character entry cut at 60 is itself
                    s.Length > 60
                        ? s[..60]
                        : s
                )
                .Distinct(StringComparer.OrdinalIgnoreCase),
        ];

    /// <summary>What the bytes are, judged by their content, not the file name: JPEG, PNG or WebP; else null.</summary>
    public static string? ImageType(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF ? "image/jpeg"
        : bytes.Length >= 8
        && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            ? "image/png"
        : bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8)
            ? "image/webp"
        : null;

    public static IEnumerable<Provider> Apply(IEnumerable<Provider> providers, ProviderFilter f)
    {
        bool Has(List<string> list, string? value) =>
            value is null || list.Any(x => string.Equals(x, value, StringComparison.OrdinalIgnoreCase));
        var q = f.Q?.Trim();
        return providers.Where(p =>
            (
                string.IsNullOrEmpty(q)
                || p.Name.Contains(q, StringComparison.OrdinalIgnoreCase)
                || (p.Title ?? "").Contains(q, StringComparison.OrdinalIgnoreCase)
                || p.Specialties.Any(s => s.Contains(q, StringComparison.OrdinalIgnoreCase))
                || p.Bio.Contains(q, StringComparison.OrdinalIgnoreCase)
            )
            && Has(p.Specialties, f.Specialty)
            && Has(p.Modalities, f.Modality)
            && Has(p.Languages, f.Language)
            && (
                f.Mode is null
                || (
                    f.Mode == "telehealth"
                        ? p.TelehealthStates.Count > 0
                        : f.Mode != "in-person" || p.Locations.Count > 0
                )
            )
            && (!f.Accepting || p.AcceptingNewPatients == true)
        );
    }

    public static string Initials(string name) =>
        string.Concat(
            TitlePrefix()
                .Replace(name, "")
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(w => char.IsLetter(w[0]))
                .Take(2)
                .Select(w => char.ToUpperInvariant(w[0]))
        );

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();

    [GeneratedRegex(@"^\s*dr\.?\s+", RegexOptions.IgnoreCase)]
    private static partial Regex TitlePrefix();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
