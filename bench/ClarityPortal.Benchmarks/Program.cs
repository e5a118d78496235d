using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ClarityPortal.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(ClarityPortal.Benchmarks.ContentBenchmarks).Assembly).Run(args);
