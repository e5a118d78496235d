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
    private static readonly string[] Known =
    [
        "base",
        "scenario",
        "path",
        "password",
        "email",
        "plateaus",
        "circuits",
        "duration",
        "think",
        "open-concurrency",
        "out",
    ];

    /// <summary>Runs the command; an option it cannot read is named on <paramref name="error"/> (exit 2).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        try
        {
            return await RunCheckedAsync(args);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync(e.Message);
            return 2;
        }
    }

    private static async Task<int> RunCheckedAsync(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (option == "forwarded-https")
            {
                continue;
            }

            if (option is null || !Known.Contains(option) || i + 1 == args.Length)
            {
                throw new ArgumentException(
                    $"Did not understand '{args[i]}'. Options: --{string.Join(" --", Known)} (each with a value), "
                        + "--forwarded-https."
                );
            }

            i++;
        }

        string Option(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 ? args[i + 1] : fallback;
        }

        var forwardedHttps = args.Contains("--forwarded-https");
        var name = Option("scenario", "readers");
        if (!Uri.TryCreate(Option("base", "http://127.0.0.1:5000/"), UriKind.Absolute, out var baseUri))
        {
            throw new ArgumentException("--base needs an absolute URL, for example http://127.0.0.1:5000/");
        }

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
            throw new ArgumentException(
                $"Unknown scenario '{name}'. Scenarios: readers, patients, clinicians, idle, probe."
            );
        }

        var plateaus = Option("plateaus", Option("circuits", "10"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Count("plateaus", p))
            .ToList();
        var options = new LoadOptions(
            baseUri,
            forwardedHttps,
            scenario,
            plateaus,
            Duration(Option("duration", "60s")),
            Duration(Option("think", "5s")),
            Count("open-concurrency", Option("open-concurrency", "16")),
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

    private static int Count(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"--{option} needs whole numbers above 0, not '{text}'.");

    /// <summary>"60s", "500ms", "2m", or plain seconds.</summary>
    internal static TimeSpan Duration(string text)
    {
        var (number, unit) =
            text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        return
            double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && value > 0
            ? TimeSpan.FromSeconds(value * unit)
            : throw new ArgumentException($"A duration reads like 60s, 500ms or 2m, not '{text}'.");
    }

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
