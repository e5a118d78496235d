using System.Globalization;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ClarityPortal.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/ClarityPortal.Benchmarks -- --percentiles 5000   (the matrix, call by call)
if (args is ["--percentiles", var patients])
{
    await ClarityPortal.Benchmarks.MatrixPercentiles.RunAsync(int.Parse(patients, CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ClarityPortal.Benchmarks.ContentBenchmarks).Assembly).Run(args);
