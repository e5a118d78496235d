using System.Diagnostics;
using System.Globalization;

namespace ClarityPortal.LoadDriver;

/// <summary>A tab's memory between actions (the explorer's direction, the sections it reads).</summary>
internal sealed class ScenarioState
{
    public bool Forward { get; set; } = true;

    public IReadOnlyList<string> Sections { get; set; } = [];

    public long Tracker { get; set; }

    public int Step { get; set; }
}

/// <summary>What simulated tabs do: open their page, then act once per think time.</summary>
internal interface IScenario
{
    string Name { get; }

    /// <summary>False: the tabs only hold their circuits (memory per idle circuit on any page).</summary>
    bool Acts => true;

    Task PrepareAsync(PortalHttp http, CancellationToken ct) => Task.CompletedTask;

    Task<ScenarioState> OpenAsync(CircuitClient tab, PortalHttp http, int index, CancellationToken ct);

    /// <summary>One action due at <paramref name="due"/>; its latency from then, or null on a timeout.</summary>
    Task<TimeSpan?> ActAsync(CircuitClient tab, ScenarioState state, long due, CancellationToken ct);
}

/// <summary><c>--scenario idle --path /learn</c>: anonymous tabs that open a page and stay, doing nothing.</summary>
internal sealed class IdleScenario(string path) : IScenario
{
    public string Name => "idle";

    public bool Acts => false;

    public async Task<ScenarioState> OpenAsync(CircuitClient tab, PortalHttp http, int index, CancellationToken ct)
    {
        await tab.OpenAsync(path, ct);
        return new ScenarioState();
    }

    public Task<TimeSpan?> ActAsync(CircuitClient tab, ScenarioState state, long due, CancellationToken ct) =>
        Task.FromResult<TimeSpan?>(null);
}

/// <summary>Anonymous visitors on the mechanism lesson, stepping the synapse explorer forward and back.</summary>
internal sealed class ReadersScenario(string path = ReadersScenario.Lesson) : IScenario
{
    public const string Lesson = "/learn/how-ketamine-works";

    public string Name => "readers";

    public async Task<ScenarioState> OpenAsync(CircuitClient tab, PortalHttp http, int index, CancellationToken ct)
    {
        await tab.OpenAsync(path, ct);
        await tab.WaitForAsync(t => t.Find("data-testid", "explorer-next") is not null, "the explorer", ct);
        return new ScenarioState();
    }

    public Task<TimeSpan?> ActAsync(CircuitClient tab, ScenarioState state, long due, CancellationToken ct)
    {
        lock (tab.Tree)
        {
            var next = tab.Tree.Find("data-testid", "explorer-next");
            var previous = tab.Tree.Find("data-testid", "explorer-previous");
            if (state.Forward && next?.Attributes.ContainsKey("disabled") == true)
            {
                state.Forward = false;
            }
            else if (!state.Forward && previous?.Attributes.ContainsKey("disabled") == true)
            {
                state.Forward = true;
            }
        }

        return tab.ClickAsync(state.Forward ? "explorer-next" : "explorer-previous", due, ct);
    }
}

/// <summary>
/// Signed-in patients reading a lesson: each tab sends the reading report the browser's tracker sends every
/// 5 s (a few seconds on the section in view), and the latency is the server's handling of that report.
/// Accounts come from <c>dotnet run --project src/ClarityPortal.Web -- seed-load-patients N</c> (Development).
/// </summary>
internal sealed class PatientsScenario(string password) : IScenario
{
    /// <summary>The accounts <c>seed-load-patients</c> makes (LoadSeed.Email in the portal).</summary>
    public static string Email(int n) => $"load-patient-{n:0000}@clarity.test";

    public string Name => "patients";

    public async Task<ScenarioState> OpenAsync(CircuitClient tab, PortalHttp http, int index, CancellationToken ct)
    {
        await http.SignInAsync(Email(index + 1), password, tab.Cookies, ct);
        await tab.OpenAsync(ReadersScenario.Lesson, ct);
        var waited = Stopwatch.StartNew();
        while (!tab.DotNetObjects.ContainsKey("start"))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30) || !tab.IsOpen)
            {
                throw new TimeoutException("The reading tracker never started" + (tab.Error is { } e ? $" ({e})" : ""));
            }

            await Task.Delay(50, ct);
        }

        lock (tab.Tree)
        {
            return new ScenarioState
            {
                Tracker = tab.DotNetObjects["start"],
                Sections =
                [
                    .. tab
                        .Tree.Elements()
                        .Select(e => e.Attributes.GetValueOrDefault("data-track-section"))
                        .OfType<string>(),
                ],
            };
        }
    }

    public async Task<TimeSpan?> ActAsync(CircuitClient tab, ScenarioState state, long due, CancellationToken ct)
    {
        var section = state.Sections[state.Step++ / 6 % state.Sections.Count];
        var sentAt = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var args = $"[\"{Guid.NewGuid()}\",{{\"{section}\":5}},\"{section}\",\"{sentAt}\"]";
        return await tab.InvokeDotNetAsync(state.Tracker, "Report", args, ct) ? Stopwatch.GetElapsedTime(due) : null;
    }
}

/// <summary>
/// Clinicians paging through the who-read-what matrix of a large caseload (seed it with
/// <c>seed-load-patients N</c>): each action turns a page (forward to the last, then back), and
/// the latency runs until the new page's rows are on screen. Every view writes its audit row, as in real use.
/// </summary>
internal sealed class CliniciansScenario(string email, string password) : IScenario
{
    public const string Matrix = "/clinician/patients";

    public string Name => "clinicians";

    public async Task<ScenarioState> OpenAsync(CircuitClient tab, PortalHttp http, int index, CancellationToken ct)
    {
        await http.SignInAsync(email, password, tab.Cookies, ct);
        await tab.OpenAsync(Matrix, ct);
        await tab.WaitForAsync(t => Count(t) is not null && Pager(t, "next") is not null, "the matrix pager", ct);
        return new ScenarioState();
    }

    public async Task<TimeSpan?> ActAsync(CircuitClient tab, ScenarioState state, long due, CancellationToken ct)
    {
        string before;
        ElementNode target;
        lock (tab.Tree)
        {
            before = Count(tab.Tree) ?? "";
            // Forward to the last page, then back to the first, and again.
            if (
                Pager(tab.Tree, state.Forward ? "next" : "previous") is not { } button
                || button.Attributes.ContainsKey("disabled")
            )
            {
                state.Forward = !state.Forward;
            }

            target =
                Pager(tab.Tree, state.Forward ? "next" : "previous")
                ?? throw new InvalidOperationException("The matrix has no pager");
        }

        if (await tab.ClickAsync(target, due, ct) is null)
        {
            return null;
        }

        await tab.WaitForAsync(t => Count(t) is { } now && now != before, "the next page", ct);
        return Stopwatch.GetElapsedTime(due);
    }

    private static string? Count(RenderTree tree) =>
        tree.Find("id", "matrix-count") is { } count ? RenderTree.TextOf(count) : null;

    private static ElementNode? Pager(RenderTree tree, string which) =>
        tree.Elements()
            .FirstOrDefault(e =>
                e.Name == "button"
                && e.Attributes.TryGetValue("aria-label", out var label)
                && label.Contains(which, StringComparison.OrdinalIgnoreCase)
            );
}
