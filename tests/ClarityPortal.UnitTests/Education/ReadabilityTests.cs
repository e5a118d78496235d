using ClarityPortal.Web.Features.Education.Content;

namespace ClarityPortal.UnitTests.Education;

public class ReadabilityTests
{
    [Fact]
    public void OneShortSentenceOfOneSyllableWordsScoresBelowFirstGrade()
    {
        var m = Readability.Analyze("The cat sat on the mat.");

        Assert.Equal((6, 1, 6), (m.Words, m.Sentences, m.Syllables));
        Assert.Equal(-1.4, m.Grade); // 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45
    }

    [Fact]
    public void TheGradeFollowsTheFleschKincaidFormula()
    {
        // 12 words, 2 sentences, 19 syllables: 0.39 × 6 + 11.8 × 19/12 − 15.59 = 5.43
        var m = Readability.Analyze("Ketamine blocks a gate on brain cells. It may help some people feel better.");

        Assert.Equal(14, m.Words);
        Assert.Equal(2, m.Sentences);
        Assert.Equal(Math.Round((0.39 * 14 / 2) + (11.8 * m.Syllables / 14) - 15.59, 1), m.Grade);
    }

    [Fact]
    public void DenseAcademicProseScoresFarAboveGradeEight()
    {
        var grade = Readability.Grade(
            "Subanesthetic administration of the noncompetitive N-methyl-D-aspartate receptor antagonist ketamine "
                + "precipitates glutamatergic neurotransmission, consequently potentiating synaptogenesis through "
                + "mammalian target of rapamycin complex signaling cascades in prefrontal pyramidal neurons."
        );

        Assert.True(grade > 16, $"grade {grade}");
    }

    [Fact]
    public void AHandCountedPassageWithAcronymsAndAQuotedSentenceEnd()
    {
        // Words 5 + 6 + 3 = 14. Sentences 3: the second ends inside the closing quote.
        // Syllables: Ke-ta-mine 3, blocks 1, the 1, N-M-D-A 4, gate 1 = 10; The 1, F-D-A 3, warns 1, a-bout 2,
        // home 1, use 1 = 9; Ask 1, your 1, team 1 = 3. Total 22.
        // Grade: 0.39 × 14/3 + 11.8 × 22/14 − 15.59 = 1.82 + 18.54 − 15.59 = 4.77.
        var m = Readability.Analyze("Ketamine blocks the NMDA gate. The FDA warns about \"home use.\" Ask your team.");

        Assert.Equal((14, 3, 22), (m.Words, m.Sentences, m.Syllables));
        Assert.Equal(4.8, m.Grade);
    }

    [Fact]
    public void SentencesEndBeforeOrAfterAClosingQuote()
    {
        // It is the "go" signal. | The cell said "stop." | Then it rests (for now). — 5 + 4 + 5 words, one syllable
        // each but "sig-nal" (2).
        var m = Readability.Analyze("It is the \"go\" signal. The cell said \"stop.\" Then it rests (for now).");

        Assert.Equal(3, m.Sentences);
        Assert.Equal((14, 15), (m.Words, m.Syllables));
    }

    [Theory]
    [InlineData("NMDA", 4)]
    [InlineData("BDNF", 4)]
    [InlineData("FDA", 3)]
    [InlineData("WHO", 5)]
    [InlineData("SSRIs", 4)]
    [InlineData("GABA", 4)]
    [InlineData("I", 1)]
    public void AnAcronymIsCountedByItsSpokenLetters(string word, int syllables) =>
        Assert.Equal(syllables, Readability.Syllables(word));

    [Theory]
    [InlineData("cat", 1)]
    [InlineData("table", 2)]
    [InlineData("receptor", 3)]
    [InlineData("ketamine", 3)]
    [InlineData("released", 2)]
    [InlineData("plasticity", 4)]
    public void SyllablesAreCountedFromVowelGroups(string word, int syllables) =>
        Assert.Equal(syllables, Readability.Syllables(word));

    [Fact]
    public void NoTextHasNoWordsNoSentencesAndGradeZero()
    {
        var m = Readability.Analyze("");

        Assert.Equal((0, 0, 0), (m.Words, m.Sentences, m.Syllables));
        Assert.Equal(0, m.Grade);
        Assert.Equal(0, Readability.Grade("... !?"));
    }

    [Fact]
    public void TextWithoutAFullStopIsOneSentence()
    {
        var m = Readability.Analyze("Ask your team");

        Assert.Equal((3, 1), (m.Words, m.Sentences));
    }

    [Theory]
    [InlineData("3-methoxy", 1)] // starts with a digit: one syllable however many vowels follow
    [InlineData("2026", 1)]
    [InlineData("the", 1)] // a final "e" that is the only vowel is not silent
    [InlineData("agreed", 2)] // "-ed" after a vowel is not silent
    [InlineData("played", 1)]
    [InlineData("hoped", 1)]
    [InlineData("needed", 2)]
    [InlineData("blocked", 1)]
    [InlineData("doses", 2)]
    [InlineData("free", 1)]
    [InlineData("'ketamine'", 3)] // quotes around a word are not part of it
    public void SilentEndingsAndNumbersAreHandled(string word, int syllables) =>
        Assert.Equal(syllables, Readability.Syllables(word));

    [Theory]
    [InlineData("UK", true)] // two capitals are enough
    [InlineData("UKs", true)]
    [InlineData("A", false)]
    [InlineData("As", false)] // one capital and a plural "s" is a word
    [InlineData("the", false)]
    [InlineData("Ketamine", false)]
    [InlineData("N-methyl", false)]
    public void AnAcronymIsTwoOrMoreCapitals(string word, bool acronym) =>
        Assert.Equal(acronym, Readability.IsAcronym(word));
}
