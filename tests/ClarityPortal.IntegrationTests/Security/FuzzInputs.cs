using System.Globalization;
using System.Text;

namespace ClarityPortal.IntegrationTests.Security;

/// <summary>
/// Seeded hostile inputs: long, Unicode, control characters, markup, SQL-looking, wrong types and plain ones. The same
/// seed gives the same sequence, so a failure names its seed and index and reproduces.
/// </summary>
public sealed class FuzzInputs(int seed)
{
    /// <summary>The seed from <c>FUZZ_SEED</c>, else a fixed one.</summary>
    public static int SeedFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 20261130;

    /// <summary>Inputs per target from <c>FUZZ_INPUTS</c>, else <paramref name="standard"/>.</summary>
    public static int CountFromEnvironment(int standard) =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_INPUTS"), out var count) ? count : standard;

    public const string Marker = "<script>alert('xss')</script>";

    private static readonly string[] Markup =
    [
        Marker,
        "<img src=x onerror=alert(1)>",
        "\"><svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<iframe src=//evil.example>",
        "<b>bold</b>",
        "{{7*7}}",
        "@(1+1)",
        "<!--",
        "]]>",
    ];

    private static readonly string[] SqlLooking =
    [
        "' OR 1=1 --",
        "'; DROP TABLE AspNetUsers; --",
        "\" OR \"\"=\"",
        "1; SELECT * FROM AuditEvents",
        "%' AND 1=1 AND '%'='",
        "\\'; --",
        "[Name]",
    ];

    private static readonly string[] WrongTypes =
    [
        "",
        " ",
        "NaN",
        "-1",
        "0",
        "2147483648",
        "-2147483649",
        "1e309",
        "true",
        "null",
        "undefined",
        "[]",
        "{}",
        "0x7FFFFFFF",
        "2026-02-30",
        "9999-12-31T23:59:59Z",
    ];

    private static readonly string[] UnicodeBits =
    [
        "Zoë",
        "Jürgen",
        "Nguyễn",
        "محمد",
        "שלום",
        "東京",
        "😀",
        "👩🏽‍⚕️",
        "\u202Eevil",
        "a\u0301",
        "\u200B",
        "\uFEFF",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "ﷺ",
        "\u00A0",
        "İ",
        "ß",
    ];

    private readonly Random random = new(seed);

    public int Seed { get; } = seed;

    public int Next(int max) => random.Next(max);

    public bool Chance(int percent) => random.Next(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>One hostile (or now and then ordinary) string; <paramref name="httpSafe"/> leaves out lone surrogates.
    /// </summary>
    public string Text(bool httpSafe = true) =>
        random.Next(9) switch
        {
            0 => Long(),
            1 => string.Concat(Enumerable.Range(0, 1 + random.Next(8)).Select(_ => Pick(UnicodeBits))),
            2 => Control(),
            3 => Pick(Markup),
            4 => Pick(SqlLooking),
            5 => Pick(WrongTypes),
            6 => httpSafe ? Pick(Markup) + " " + Pick(UnicodeBits) : "\uD800" + Pick(Markup),
            7 => "Hello, I would like to ask about the next session. " + Pick(Markup),
            _ => Ordinary(),
        };

    /// <summary>A number as text that is usually not a sane one.</summary>
    public string Number() => Pick(WrongTypes.Concat(["1", "3", "42", "-0", "1.5", "٣"]).ToArray());

    public int Whole() =>
        random.Next(6) switch
        {
            0 => int.MinValue,
            1 => int.MaxValue,
            2 => -1,
            3 => 0,
            4 => random.Next(1, 50),
            _ => random.Next(),
        };

    public double Seconds() =>
        random.Next(8) switch
        {
            0 => double.NaN,
            1 => double.PositiveInfinity,
            2 => double.NegativeInfinity,
            3 => -1,
            4 => double.MaxValue,
            5 => double.Epsilon,
            _ => random.NextDouble() * 600,
        };

    public DateTime Date() =>
        random.Next(5) switch
        {
            0 => DateTime.MinValue,
            1 => DateTime.MaxValue,
            2 => DateTime.UtcNow.AddYears(5),
            3 => new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Local),
            _ => DateTime.UtcNow.AddSeconds(-random.Next(600)),
        };

    private string Long()
    {
        var length = Pick(new[] { 121, 257, 1001, 4001, 10_000, 100_000 });
        var unit = Pick(new[] { "a", "é", "😀", "<b>", "'", " " });
        var builder = new StringBuilder(length);
        while (builder.Length < length)
        {
            builder.Append(unit);
        }

        return builder.ToString();
    }

    private string Control()
    {
        var chars = new[] { '\0', '\u0007', '\b', '\t', '\n', '\r', '\u001B', '\u007F', '\u0085', '\u2028' };
        return string.Concat(Enumerable.Range(0, 1 + random.Next(12)).Select(_ => Pick(chars).ToString()))
            + "text"
            + Pick(chars);
    }

    private string Ordinary() =>
        Pick(new[] { "Jordan Reyes", "jordan@example.org", "555-0100", "Can I drive after?", "Trauma" })
        + (random.Next(2) == 0 ? "" : random.Next(1000).ToString(CultureInfo.InvariantCulture));
}
