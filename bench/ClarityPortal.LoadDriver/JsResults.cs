using System.Collections.Concurrent;

namespace ClarityPortal.LoadDriver;

/// <summary>
/// What the browser would answer to each JS interop call the app makes, as JSON. Found by running the same pages in
/// Chromium and reading the calls off the WebSocket (docs/performance.md says how); an identifier not listed is
/// answered with null and counted, so a new
/// call shows up in the summary instead of silently stalling a component.
/// </summary>
internal sealed class JsResults
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["Blazor._internal.attachWebRendererInterop"] = "null",
        ["Blazor._internal.PageTitle.getAndRemoveExistingTitle"] = "null",
        ["Blazor._internal.navigationManager.enableNavigationInterception"] = "null",
        ["Blazor._internal.domWrapper.focusBySelector"] = "null",
        ["Blazor._internal.navigationManager.navigateTo"] = "null",
        ["Blazor._internal.navigationManager.scrollToElement"] = "false",
        // MudBlazor asks whether its script is loaded, for its popover host, the window size, and element sizes.
        ["window.hasOwnProperty"] = "true",
        ["mudpopoverHelper.countProviders"] = "1",
        ["mudElementRef.getBoundingClientRect"] =
            "{\"x\":0,\"y\":0,\"width\":120,\"height\":36,\"top\":0,\"left\":0,\"right\":120,\"bottom\":36}",
        ["mudKeyInterceptor.connect"] = "null",
        ["mudPopover.initialize"] = "null",
        ["clarityPortal.drafts.load"] = "null",
        ["mudPopover.connect"] = "null",
        ["mudElementRef.addOnBlurEvent"] = "null",
        ["mudThemeProvider.watchDarkMode"] = "null",
        ["mudResizeListenerFactory.listenForResize"] = "null",
        ["mudResizeListener.getBrowserWindowSize"] = "{\"height\":900,\"width\":1280}",
        // The reading tracker loads its module and starts it; both answer with a JS object reference.
        ["import"] = ObjectReference,
        ["start"] = ObjectReference,
    };

    /// <summary>Stands for a fresh <c>{"__jsObjectId":n}</c> of the tab.</summary>
    public const string ObjectReference = "(object)";

    public ConcurrentDictionary<string, int> Unknown { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    public string ResultFor(string identifier)
    {
        Calls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
        if (Known.TryGetValue(identifier, out var result))
        {
            return result;
        }

        Unknown.AddOrUpdate(identifier, 1, (_, n) => n + 1);
        return "null";
    }
}
