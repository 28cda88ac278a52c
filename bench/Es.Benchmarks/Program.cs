using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Es.Benchmarks -- --filter '*'   (see docs/benchmarks.md)
BenchmarkSwitcher.FromAssembly(typeof(Es.Benchmarks.KernelBenchmarks).Assembly).Run(args);
