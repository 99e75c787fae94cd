using BenchmarkDotNet.Running;
using EmailGuard.Benchmarks;

if (args.Length > 0 && args[0] == "gen-directory")
{
    return GenDirectoryCommand.Run(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
return 0;
