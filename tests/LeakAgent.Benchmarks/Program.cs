using System.Globalization;
using LeakAgent.Benchmarks.Services;
using LeakAgent.Benchmarks.Snapshots;
using LeakAgent.Benchmarks.Statics;

// dotnet run -c Release --project tests/LeakAgent.Benchmarks -- statics [types] [fieldsPerType]
// dotnet run -c Release --project tests/LeakAgent.Benchmarks -- services [registered singletons, default 500]
// dotnet run -c Release --project tests/LeakAgent.Benchmarks -- snapshot [objects, default 5000000] [rounds, default 2]
// tests/benchmarks/dump-cost.sh (runs: dump [objects] in a cgroup of its own, before and after a change)
// dotnet run -c Release --project tests/LeakAgent.Benchmarks -- phases [objects]   (where a dump's memory goes)
// tests/benchmarks/upload-memory.sh (runs: upload <destination> [MB, default 200] against s3rver and Azurite)
var command = args.Length > 0 ? args[0] : "statics";
switch (command)
{
    case "statics":
        var types = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
        var fields = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
        StaticsScanBenchmark.Run(types, fields);
        return 0;
    case "services":
        ServicesScanBenchmark.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500);
        return 0;
    case "snapshot":
        var objects = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000_000;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        return await SelfSnapshotBenchmark.RunAsync(objects, rounds);
    case "phases":
        return await PhaseProbe.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
    case "dump":
        return await AgentDumpBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000);
    case "upload":
        return await LeakAgent.Benchmarks.Storage.UploadMemoryBenchmark.RunAsync(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200);
    default:
        Console.Error.WriteLine($"unknown benchmark '{command}'; known: statics, services, snapshot, dump, phases, upload");
        return 2;
}
