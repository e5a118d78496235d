using System.Diagnostics;
using System.Globalization;

namespace ClarityPortal.Benchmarks;

/// <summary>
/// The matrix benchmarks' calls one at a time, to read a percentile per call (BenchmarkDotNet reports means of
/// iterations): 20 calls to warm up, then 200 timed, each with its audit row.
/// </summary>
public static class MatrixPercentiles
{
    public static async Task RunAsync(int patients)
    {
        var bench = new MatrixBenchmarks { Patients = patients };
        await bench.SetupAsync();
        try
        {
            Console.WriteLine($"{patients} patients × {MatrixBenchmarks.Modules} modules");
            Console.WriteLine("| call | p50 | p95 | max |");
            Console.WriteLine("|---|---:|---:|---:|");
            await TimeAsync("First page (50 rows)", bench.FirstPage, 200);
            await TimeAsync("Overdue only, last page", bench.OverdueOnlyLastPage, 200);
            await TimeAsync("A status nobody has", bench.StatusNobodyHas, 200);
            await TimeAsync("CSV export of every row", bench.ExportCsv, 40);
        }
        finally
        {
            await bench.CleanupAsync();
        }
    }

    private static async Task TimeAsync<T>(string name, Func<Task<T>> call, int count)
    {
        for (var i = 0; i < 20; i++)
        {
            await call();
        }

        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            await call();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {At(times, 0.50):0.0} ms | {At(times, 0.95):0.0} ms | {times[^1]:0.0} ms |"
            )
        );
    }

    private static double At(List<double> sorted, double quantile) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
}
