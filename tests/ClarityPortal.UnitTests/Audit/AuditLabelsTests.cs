using System.Reflection;
using ClarityPortal.Data.Audit;
using ClarityPortal.Web.Features.Audit;

namespace ClarityPortal.UnitTests.Audit;

public class AuditLabelsTests
{
    private static IEnumerable<string> AllActions() =>
        typeof(AuditActions)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

    public static TheoryData<string> Actions() => [.. AllActions()];

    [Theory]
    [MemberData(nameof(Actions))]
    public void EveryAuditActionHasItsOwnPlainLabel(string action)
    {
        Assert.True(AuditLabels.IsKnown(action), $"{action} has no label");
        var label = AuditLabels.For(action);
        Assert.DoesNotContain(".", label, StringComparison.Ordinal);
        Assert.True(char.IsUpper(label[0]), label);
    }

    [Fact]
    public void NoTwoActionsShareALabel()
    {
        var labels = AllActions().Select(AuditLabels.For).ToList();

        Assert.Equal(labels.Count, labels.Distinct().Count());
    }

    [Theory]
    [InlineData("session.revoked-by-admin", "Session revoked by admin")]
    [InlineData("", "(no action)")]
    public void AnUnknownActionIsStillShownInWords(string action, string label) =>
        Assert.Equal(label, AuditLabels.For(action));
}
