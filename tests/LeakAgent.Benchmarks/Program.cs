using LeakAgent.Benchmarks.Statics;

// dotnet run -c Release --project tests/LeakAgent.Benchmarks -- statics [types] [fieldsPerType]
var command = args.Length > 0 ? args[0] : "statics";
switch (command)
{
    case "statics":
        var types = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5000;
        var fields = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4;
        StaticsScanBenchmark.Run(types, fields);
        return 0;
    default:
        Console.Error.WriteLine($"unknown benchmark '{command}'; known: statics");
        return 2;
}
