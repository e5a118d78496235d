using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ClarityPortal.EndToEndTests;

/// <summary>
/// Runs axe-core on the page and fails on any serious or critical violation. Every feature's tests reuse it.
/// </summary>
public static class Accessibility
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        // While the circuit takes over a prerendered page, the interactive HeadOutlet removes the <title> and adds
        // it back a moment later (dotnet/aspnetcore#65360), so axe runs once the circuit (or every island of a page
        // without one) is live and the title is there.
        await page.WaitForFunctionAsync(BrowserTest.PageIsLive);
        await page.WaitForFunctionAsync("() => document.title.trim().length > 0");
        AxeResult result = await page.RunAxe();
        var serious = result
            .Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        Assert.True(serious.Count == 0, $"axe found on {page.Url}:\n" + string.Join("\n", serious));
    }
}
