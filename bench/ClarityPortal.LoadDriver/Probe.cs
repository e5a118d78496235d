using System.Diagnostics;

namespace ClarityPortal.LoadDriver;

/// <summary><c>--scenario probe</c>: one tab, step by step, printing what it sees (for checking the driver).</summary>
internal static class Probe
{
    public static async Task<int> RunAsync(PortalHttp portal, string path)
    {
        using var http = portal;
        var js = new JsResults();
        await using var tab = new CircuitClient(http, js);
        await tab.OpenAsync(path, CancellationToken.None);
        await tab.WaitForAsync(t => t.Find("data-testid", "explorer-next") is not null, "the explorer", default);
        Console.WriteLine(
            $"live: {tab.RenderBatches} batches, {tab.Tree.ComponentCount} components, renderer {tab.RendererObjectId}"
        );
        for (var i = 0; i < 3; i++)
        {
            var latency = await tab.ClickAsync("explorer-next", Stopwatch.GetTimestamp(), CancellationToken.None);
            lock (tab.Tree)
            {
                var caption = tab
                    .Tree.Elements()
                    .First(e => e.Attributes.GetValueOrDefault("class") == "explorer__caption");
                var text = RenderTree.TextOf(caption);
                Console.WriteLine($"click {i + 1}: {latency?.TotalMilliseconds:0.0} ms → {text}");
            }
        }

        Console.WriteLine("js calls: " + string.Join(", ", js.Calls.Select(c => $"{c.Key}×{c.Value}")));
        Console.WriteLine(tab.Error is null ? "no errors" : "error: " + tab.Error);
        return tab.Error is null ? 0 : 1;
    }
}
