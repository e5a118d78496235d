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

    Task PrepareAsync(PortalHttp http, CancellationToken ct) => Task.CompletedTask;

    Task<ScenarioState> OpenAsync(CircuitClient tab, PortalHttp http, int index, CancellationToken ct);

    /// <summary>One action due at <paramref name="due"/>; its latency from then, or null on a timeout.</summary>
    Task<TimeSpan?> ActAsync(CircuitClient tab, ScenarioState state, long due, CancellationToken ct);
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
