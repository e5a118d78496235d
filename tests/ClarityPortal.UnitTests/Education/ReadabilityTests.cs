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

    [Theory]
    [InlineData("cat", 1)]
    [InlineData("table", 2)]
    [InlineData("receptor", 3)]
    [InlineData("ketamine", 3)]
    [InlineData("released", 2)]
    [InlineData("plasticity", 4)]
    public void SyllablesAreCountedFromVowelGroups(string word, int syllables) =>
        Assert.Equal(syllables, Readability.Syllables(word));
}
