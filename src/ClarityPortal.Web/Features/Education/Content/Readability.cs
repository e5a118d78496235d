using System.Text.RegularExpressions;

namespace ClarityPortal.Web.Features.Education.Content;

/// <summary>Flesch–Kincaid grade level: 0.39 × words/sentence + 11.8 × syllables/word − 15.59.</summary>
public static partial class Readability
{
    public sealed record Measure(int Words, int Sentences, int Syllables)
    {
        public double Grade =>
            Words == 0
                ? 0
                : Math.Round((0.39 * Words / Math.Max(1, Sentences)) + (11.8 * Syllables / Words) - 15.59, 1);
    }

    public static Measure Analyze(string plainText)
    {
        var words = WordPattern().Matches(plainText).Select(m => m.Value).ToList();
        var sentences = SentenceEnd().Count(plainText);
        if (sentences == 0 && words.Count > 0)
        {
            sentences = 1;
        }

        return new Measure(words.Count, sentences, words.Sum(Syllables));
    }

    public static double Grade(string plainText) => Analyze(plainText).Grade;

    /// <summary>
    /// Vowel groups, less a silent final "e", at least one per word. Digits count as one syllable per word. An
    /// all-capitals acronym (NMDA, BDNF, FDA) is read letter by letter: one syllable a letter, three for "W".
    /// </summary>
    public static int Syllables(string word)
    {
        var trimmed = word.Trim('\'', '’');
        if (IsAcronym(trimmed))
        {
            return trimmed.TrimEnd('s').Sum(c => c == 'W' ? 3 : 1);
        }

        var w = trimmed.ToLowerInvariant();
        if (w.Length == 0 || char.IsDigit(w[0]))
        {
            return 1;
        }

        var count = VowelGroup().Count(w);
        // Stryker disable once Equality : "?e" has one vowel group; taking 1 to 0 is undone by Math.Max(1, count)
        if (
            w.Length > 2
            && w.EndsWith('e')
            && !w.EndsWith("le", StringComparison.Ordinal)
            && !w.EndsWith("ee", StringComparison.Ordinal)
            && count > 1
        )
        {
            count--;
        }

        // Stryker disable once Equality : a consonant + "ed"/"es" has one vowel group; 1 to 0 is undone by Math.Max
        if (
            (w.EndsWith("ed", StringComparison.Ordinal) || w.EndsWith("es", StringComparison.Ordinal))
            && w.Length > 3
            && !"aeiouy".Contains(w[^3], StringComparison.Ordinal)
            && !w.EndsWith("ted", StringComparison.Ordinal)
            && !w.EndsWith("ded", StringComparison.Ordinal)
            && !w.EndsWith("ses", StringComparison.Ordinal)
            && !w.EndsWith("ces", StringComparison.Ordinal)
            && !w.EndsWith("ges", StringComparison.Ordinal)
            && !w.EndsWith("zes", StringComparison.Ordinal)
            && !w.EndsWith("xes", StringComparison.Ordinal)
            && count > 1
        )
        {
            count--;
        }

        return Math.Max(1, count);
    }

    /// <summary>Two or more letters, all capitals ("NMDA", "REMS"); a plural "s" may follow ("SSRIs").</summary>
    public static bool IsAcronym(string word) =>
        word.Length >= 2 && word.TrimEnd('s').Length >= 2 && word.TrimEnd('s').All(char.IsAsciiLetterUpper);

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9'’\-]*")]
    private static partial Regex WordPattern();

    // A sentence ends at . ! or ?, also when a closing quote or bracket follows ("… the brake." Then …), and at a
    // colon that ends a line (a list follows).
    [GeneratedRegex(@"[.!?]+[""'”’)\]]*(?=\s|$)|:(?=\s*\n)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex("[aeiouy]+")]
    private static partial Regex VowelGroup();
}
