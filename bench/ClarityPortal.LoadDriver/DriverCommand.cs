using System.Globalization;
using System.Text.Json;

namespace ClarityPortal.LoadDriver;

/// <summary>
/// <c>dotnet run -c Release --project bench/ClarityPortal.LoadDriver -- --base URL --scenario readers --circuits N
/// --duration 60s --out result.json</c>. <c>--plateaus 250,500,1000</c> instead of <c>--circuits</c> measures memory
/// at each step; <c>--think 5s</c> is the time between one tab's actions.
/// </summary>
internal static class DriverCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var baseUri = new Uri(Option("base", "http://127.0.0.1:5000/"));
        var forwardedHttps = args.Contains("--forwarded-https");
        var name = Option("scenario", "readers");
        if (name == "probe")
        {
            return await Probe.RunAsync(
                new PortalHttp(baseUri, forwardedHttps),
                Option("path", ReadersScenario.Lesson)
            );
        }

        IScenario? scenario = name switch
        {
            "readers" => new ReadersScenario(Option("path", ReadersScenario.Lesson)),
            "idle" => new IdleScenario(Option("path", "/learn")),
            "patients" => new PatientsScenario(Option("password", "Load-Pass-2026!")),
            "clinicians" => new CliniciansScenario(
                Option("email", "clinician@clarity.test"),
                Option("password", "Demo-Pass-2026!")
            ),
            _ => null,
        };
        if (scenario is null)
        {
            Console.Error.WriteLine(
                $"Unknown scenario '{name}'. Scenarios: readers, patients, clinicians, idle, probe."
            );
            return 2;
        }

        var plateaus = Option("plateaus", Option("circuits", "10"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture))
            .ToList();
        var options = new LoadOptions(
            baseUri,
            forwardedHttps,
            scenario,
            plateaus,
            Duration(Option("duration", "60s")),
            Duration(Option("think", "5s")),
            int.Parse(Option("open-concurrency", "16"), CultureInfo.InvariantCulture),
            Option("out", "")
        );

        var result = await new LoadRun(options, Console.Out).RunAsync(CancellationToken.None);
        Console.WriteLine(Summary(result));
        if (options.Out is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(result, Json));
        }

        return result.OpenErrors + result.CircuitErrors == 0 ? 0 : 1;
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private static TimeSpan Duration(string text) =>
        text.EndsWith("ms", StringComparison.Ordinal)
            ? TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture))
        : text.EndsWith('s') ? TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture))
        : text.EndsWith('m') ? TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture))
        : TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));

    /// <summary>One line: the last plateau's latencies, errors, and memory per circuit over the baseline.</summary>
    public static string Summary(RunResult r)
    {
        var last = r.Plateaus.Count > 0 ? r.Plateaus[^1] : null;
        var perCircuit =
            r.Baseline is { } b && last?.Memory is { } m && m.Circuits > 0
                ? $", {(m.GcHeapBytes - b.GcHeapBytes) / 1024.0 / m.Circuits:0} KB GC heap per circuit"
                : "";
        var unknown =
            r.UnknownJsCalls.Count == 0 ? "" : $", unknown JS calls: {string.Join(" ", r.UnknownJsCalls.Keys)}";
        return $"{r.Scenario}: {r.Opened} circuits ({r.OpenErrors} failed to open, {r.CircuitErrors} broke), "
            + $"{last?.Events ?? 0} actions, {last?.Timeouts ?? 0} timeouts, p50 {last?.P50Ms:0.0} ms, "
            + $"p95 {last?.P95Ms:0.0} ms, p99 {last?.P99Ms:0.0} ms{perCircuit}, driver CPU {r.DriverCpuPercent:0}%"
            + unknown;
    }
}
