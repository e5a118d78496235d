using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using HdrHistogram;

namespace ClarityPortal.LoadDriver;

/// <summary>What a run is asked to do.</summary>
internal sealed record LoadOptions(
    Uri Base,
    bool ForwardedHttps,
    IScenario Scenario,
    IReadOnlyList<int> Plateaus,
    TimeSpan Hold,
    TimeSpan Think,
    int OpenConcurrency,
    string? Out
);

/// <summary>The server's memory after a forced full collection, as <c>/diagnostics/memory</c> reports it.</summary>
internal sealed record MemorySample(int Circuits, int ServerCircuits, long GcHeapBytes, long WorkingSetBytes);

/// <summary>One plateau's figures.</summary>
internal sealed record PlateauResult(
    int Circuits,
    MemorySample? Memory,
    long Events,
    long Timeouts,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    IReadOnlyList<TimelineSecond> Timeline
);

internal sealed record RunResult(
    string Scenario,
    int Opened,
    int OpenErrors,
    int CircuitErrors,
    MemorySample? Baseline,
    IReadOnlyList<PlateauResult> Plateaus,
    double DriverCpuPercent,
    IReadOnlyDictionary<string, int> UnknownJsCalls,
    IReadOnlyDictionary<string, int> JsCalls,
    IReadOnlyList<string> FirstErrors
);

/// <summary>
/// Ramps circuits up to each plateau, samples the server's memory there (after a forced full GC), then holds the
/// plateau while every tab acts on an open-model schedule: each action is due at a fixed time, and its latency is
/// counted from that time, so a slow server cannot slow the schedule down and hide its own delay.
/// </summary>
internal sealed class LoadRun(LoadOptions options, TextWriter log)
{
    private readonly List<Tab> tabs = [];
    private readonly ConcurrentQueue<string> errors = new();
    private int openErrors;

    private sealed record Tab(CircuitClient Client, ScenarioState State);

    public async Task<RunResult> RunAsync(CancellationToken ct)
    {
        using var http = new PortalHttp(options.Base, options.ForwardedHttps);
        var js = new JsResults();
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await options.Scenario.PrepareAsync(http, ct);
        var baseline = await MemoryAsync(http, 0, ct);
        var plateaus = new List<PlateauResult>();
        using var keepAlive = new CancellationTokenSource();
        var pinging = KeepAliveAsync(keepAlive.Token);
        try
        {
            foreach (var target in options.Plateaus)
            {
                await OpenUpToAsync(http, js, target, ct);
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                var memory = await MemoryAsync(http, tabs.Count, ct);
                plateaus.Add(await HoldAsync(memory, ct));
                log.WriteLine(Describe(plateaus[^1]));
            }
        }
        finally
        {
            await keepAlive.CancelAsync();
            await pinging;
            await Parallel.ForEachAsync(
                tabs,
                new ParallelOptions { MaxDegreeOfParallelism = 32 },
                async (tab, _) => await tab.Client.DisposeAsync()
            );
        }

        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds;
        foreach (var broken in tabs.Select(t => t.Client.Error).OfType<string>().Distinct().Take(5))
        {
            errors.Enqueue("circuit: " + broken);
        }

        return new RunResult(
            options.Scenario.Name,
            tabs.Count,
            openErrors,
            tabs.Count(t => t.Client.Error is not null),
            baseline,
            plateaus,
            100 * cpu / wall.Elapsed.TotalMilliseconds,
            new Dictionary<string, int>(js.Unknown),
            new Dictionary<string, int>(js.Calls),
            [.. errors.Take(10)]
        );
    }

    private async Task OpenUpToAsync(PortalHttp http, JsResults js, int target, CancellationToken ct)
    {
        var opened = new ConcurrentBag<Tab>();
        var start = tabs.Count;
        await Parallel.ForEachAsync(
            Enumerable.Range(start, Math.Max(0, target - start)),
            new ParallelOptions { MaxDegreeOfParallelism = options.OpenConcurrency, CancellationToken = ct },
            async (index, token) =>
            {
                var client = new CircuitClient(http, js);
                try
                {
                    var state = await options.Scenario.OpenAsync(client, http, index, token);
                    opened.Add(new Tab(client, state));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    Interlocked.Increment(ref openErrors);
                    errors.Enqueue($"open #{index}: {ex.GetType().Name}: {ex.Message}");
                    await client.DisposeAsync();
                }
            }
        );
        tabs.AddRange(opened);
        log.WriteLine($"{tabs.Count} circuits open ({openErrors} failed to open)");
    }

    private async Task<PlateauResult> HoldAsync(MemorySample? memory, CancellationToken ct)
    {
        var histogram = new LongConcurrentHistogram(1, TimeStamp.Seconds(60), 3);
        var timeline = new Timeline();
        long events = 0;
        long timeouts = 0;
        var until = Stopwatch.GetTimestamp() + (long)(options.Hold.TotalSeconds * Stopwatch.Frequency);
        var think = (long)(options.Think.TotalSeconds * Stopwatch.Frequency);
        var random = new Random(42);
        if (!options.Scenario.Acts)
        {
            await Task.Delay(options.Hold, ct);
            return new PlateauResult(tabs.Count, memory, 0, 0, 0, 0, 0, 0, []);
        }

        await Parallel.ForEachAsync(
            tabs,
            new ParallelOptions { MaxDegreeOfParallelism = tabs.Count + 1, CancellationToken = ct },
            async (tab, token) =>
            {
                // Spread the first actions over one think time, then keep to the schedule.
                long due;
                lock (random)
                {
                    due = Stopwatch.GetTimestamp() + (long)(random.NextDouble() * think);
                }

                while (due < until && tab.Client.IsOpen)
                {
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, token);
                    }

                    try
                    {
                        var latency = await options.Scenario.ActAsync(tab.Client, tab.State, due, token);
                        Interlocked.Increment(ref events);
                        timeline.Record(due, latency);
                        if (latency is { } l)
                        {
                            histogram.RecordValue(Math.Max(1, (long)(l.TotalMilliseconds * 1000)));
                        }
                        else
                        {
                            Interlocked.Increment(ref timeouts);
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        errors.Enqueue($"act: {ex.GetType().Name}: {ex.Message}");
                        Interlocked.Increment(ref timeouts);
                        timeline.Record(due, null);
                    }

                    due += think;
                }
            }
        );

        double Ms(double percentile) =>
            histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;
        return new PlateauResult(
            tabs.Count,
            memory,
            events,
            timeouts,
            Ms(50),
            Ms(95),
            Ms(99),
            histogram.TotalCount == 0 ? 0 : histogram.GetMaxValue() / 1000.0,
            timeline.Seconds()
        );
    }

    private async Task KeepAliveAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                foreach (var tab in tabs.ToList())
                {
                    await tab.Client.PingIfQuietAsync(ct);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>The server's memory after a full blocking collection (null if it does not offer it).</summary>
    private async Task<MemorySample?> MemoryAsync(PortalHttp http, int circuits, CancellationToken ct)
    {
        try
        {
            var json = await http.GetStringAsync(
                new Uri(options.Base, "diagnostics/memory"),
                new System.Net.CookieContainer(),
                ct
            );
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            return new MemorySample(
                circuits,
                root.GetProperty("circuits").GetInt32(),
                root.GetProperty("gcHeapBytes").GetInt64(),
                root.GetProperty("workingSetBytes").GetInt64()
            );
        }
        catch (HttpRequestException ex)
        {
            log.WriteLine($"No memory figures: {ex.Message} (start the portal with Diagnostics__MemoryEndpoint=true)");
            return null;
        }
    }

    public static string Describe(PlateauResult p) =>
        $"  {p.Circuits} circuits: {p.Events} actions, {p.Timeouts} timeouts, p50 {p.P50Ms:0.0} ms, "
        + $"p95 {p.P95Ms:0.0} ms, p99 {p.P99Ms:0.0} ms, max {p.MaxMs:0.0} ms"
        + (
            p.Memory is { } m
                ? $"; server: {m.ServerCircuits} circuits, GC heap {m.GcHeapBytes / 1048576.0:0.0} MB, "
                    + $"working set {m.WorkingSetBytes / 1048576.0:0.0} MB"
                : ""
        )
        + (p.Timeline.Count > 0 ? $"\n  slowest seconds (UTC, by due time): {Timeline.Slowest(p.Timeline, 5)}" : "");
}
