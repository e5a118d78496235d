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
    /// Vowel groups, less a silent final "e", at least one per word. Digits count as one syllable per word.
    /// </summary>
    public static int Syllables(string word)
    {
        var w = word.ToLowerInvariant().Trim('\'');
        if (w.Length == 0 || char.IsDigit(w[0]))
        {
            return 1;
        }

        var count = VowelGroup().Count(w);
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

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9'’\-]*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[.!?]+(?=\s|$)|:(?=\s*\n)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex("[aeiouy]+")]
    private static partial Regex VowelGroup();
}
