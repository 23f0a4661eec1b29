using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;

namespace LeakAgent.IntegrationTests.Hook;

/// <summary>
/// Whatever goes wrong around the agent, the app's own output and exit code stay exactly what they are without
/// it, and the expected <c>[leakagent]</c> line explains what happened.
/// </summary>
public sealed class NegativeTests
{
    private const string Greeting = "Hello, World!\nGoodbye after 0s";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(40);

    /// <summary>
    /// How long an app may take to exit once told to: the agent's flush budget (1 s per provider) plus process
    /// teardown on a loaded machine, and well below the 60 s a slow collector or exporter timeout would hold it.
    /// </summary>
    private static readonly TimeSpan s_exitBudget = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task AgentFolderMissing_AppRunsUnchanged_AndSaysWhy()
    {
        var lonelyHook = Path.Combine(Path.GetTempPath(), "leakagent-lonely-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(lonelyHook);
        File.Copy(RepoPaths.StartupHook, Path.Combine(lonelyHook, "LeakAgent.StartupHook.dll"));
        try
        {
            using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("HelloWorld"), ["3"], new Dictionary<string, string?>
            {
                ["DOTNET_STARTUP_HOOKS"] = Path.Combine(lonelyHook, "LeakAgent.StartupHook.dll"),
            });

            Assert.Equal(3, await app.WaitForExitAsync(s_wait));
            AssertGreeting(app);
            Assert.Contains(" the agent did not start and the app runs on without it: FileNotFoundException: no agent at", Assert.Single(LeakAgentLines(app)), StringComparison.Ordinal);
            Assert.Single(LeakAgentLines(app));
        }
        finally
        {
            Directory.Delete(lonelyHook, recursive: true);
        }
    }

    [Fact]
    public async Task AgentFolderBroken_AppRunsUnchanged_AndSaysWhy()
    {
        var brokenAgent = Path.Combine(Path.GetTempPath(), "leakagent-broken-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(brokenAgent);
        await File.WriteAllTextAsync(Path.Combine(brokenAgent, "LeakAgent.Agent.dll"), "not an assembly");
        try
        {
            using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("HelloWorld"), ["5"], new Dictionary<string, string?>
            {
                ["LEAKAGENT_AGENT_DIR"] = brokenAgent,
            });

            Assert.Equal(5, await app.WaitForExitAsync(s_wait));
            AssertGreeting(app);
            Assert.Contains(LeakAgentLines(app), l => l.Contains(" the agent did not start and the app runs on without it: BadImageFormatException", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(brokenAgent, recursive: true);
        }
    }

    [Fact]
    public async Task Disabled_AppRunsUnchanged_AndAgentIsSilent()
    {
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("HelloWorld"), ["4"], new Dictionary<string, string?>
        {
            ["LEAKAGENT_ENABLED"] = "false",
            ["LEAKAGENT_CONSOLE"] = "on",
        });

        Assert.Equal(4, await app.WaitForExitAsync(s_wait));
        AssertGreeting(app);
        Assert.Empty(LeakAgentLines(app));
    }

    [Fact]
    public async Task GarbageInEverySetting_AppRunsUnchanged_EachBadValueNamedWithItsDefault()
    {
        var typed = new Dictionary<string, string>
        {
            ["LEAKAGENT_ENABLED"] = "default true",
            ["LEAKAGENT_FAIL_FAST"] = "default false",
            ["LEAKAGENT_CONSOLE"] = "default auto",
            ["LEAKAGENT_CONSOLE_INTERVAL"] = "default 30s",
            ["LEAKAGENT_HEAP_POLL_INTERVAL"] = "default 5s",
            ["LEAKAGENT_HEAP_WINDOW"] = "default 10m",
            ["LEAKAGENT_HEAP_GROWTH_THRESHOLD"] = "default 1 MB/min",
            ["LEAKAGENT_HEAP_MIN_FIT"] = "default 0.8",
            ["LEAKAGENT_TASKS_SAMPLE_EVERY"] = "default",
            ["LEAKAGENT_TASKS_SAMPLE_WINDOW"] = "default",
            ["LEAKAGENT_TASKS_PENDING_AGE"] = "default",
            ["LEAKAGENT_STATICS"] = "default on",
            ["LEAKAGENT_STATICS_INTERVAL"] = "default",
            ["LEAKAGENT_STATICS_DEPTH"] = "default",
            ["LEAKAGENT_DUMP"] = "default on",
            ["LEAKAGENT_DUMP_COOLDOWN"] = "default",
            ["LEAKAGENT_DUMP_MAX_COUNT"] = "default 5",
            ["LEAKAGENT_DUMP_MAX_TOTAL_SIZE"] = "default 2 GB",
            ["LEAKAGENT_DUMP_TIMEOUT"] = "default",
        };
        var environment = typed.Keys.ToDictionary(k => k, _ => (string?)"gärbage%$&");
        var unwritableLog = "/proc/leakagent-cannot-write-here/agent.log";
        environment["LEAKAGENT_LOG"] = unwritableLog;
        environment["LEAKAGENT_STATICS_INCLUDE"] = ",,*,";
        environment["LEAKAGENT_STATICS_EXCLUDE"] = "  ";
        environment["LEAKAGENT_DUMP_DIR"] = "/proc/not-a-dump-dir";

        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("HelloWorld"), ["6"], environment);

        Assert.Equal(6, await app.WaitForExitAsync(s_wait));
        AssertGreeting(app);
        var lines = LeakAgentLines(app);
        foreach (var (variable, expectedDefault) in typed)
        {
            var line = Assert.Single(lines, l => l.Contains(variable + "='gärbage%$&'", StringComparison.Ordinal));
            Assert.Contains(expectedDefault.Replace("default", "using the default", StringComparison.Ordinal), line, StringComparison.Ordinal);
        }

        Assert.Contains(lines, l => l.Contains($"LEAKAGENT_LOG='{unwritableLog}' cannot be written; logging to stderr instead", StringComparison.Ordinal));

        // Every line, the hook's and the agent's, says when (UTC time of day) right after the prefix.
        Assert.All(lines, l => Assert.Matches(@"^\[leakagent\] \d{2}:\d{2}:\d{2}\.\d{3}Z \S", l));
    }

    [Fact]
    public async Task CollectorUnreachable_AppRunsUnchanged_AndExportProblemIsLoggedOnce()
    {
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("HelloWorld"), ["--until-input-closes", "2"], new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
        });

        // The app runs until the first failed export has been reported, however late a loaded machine gets there.
        // The final flush at exit is one more failing export, so a repeated line would show.
        Assert.True(await app.WaitForOutputAsync("OTLP export problem", s_wait), "no export problem was logged; stderr:\n" + app.StandardError);
        app.CloseInput();
        var stoppedAt = DateTime.UtcNow;
        Assert.Equal(2, await app.WaitForExitAsync(s_wait));
        Assert.InRange(DateTime.UtcNow - stoppedAt, TimeSpan.Zero, s_exitBudget);
        Assert.StartsWith("Hello, World!\nGoodbye after", app.StandardOutput.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var problems = LeakAgentLines(app).Where(l => l.Contains("OTLP export problem", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Contains("127.0.0.1:9", p, StringComparison.Ordinal));
        Assert.Equal(problems.Count, problems.Distinct().Count());
    }

    [Fact]
    public async Task CollectorSlow_AppRunsUnchanged_AndExitIsNotHeldUp()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        receiver.ResponseDelay = TimeSpan.FromSeconds(60);
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("HelloWorld"), ["--until-input-closes", "9"], new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.HttpEndpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",

            // The exporter would wait as long as the collector does: only the agent's shutdown budget ends it.
            ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "60000",
        });

        // Stop the app only once an export is hanging in the slow collector: that is the situation under test.
        await WaitUntilAsync(() => receiver.RequestCount > 0, "the slow collector never got a request", app);
        app.CloseInput();
        await app.WaitForOutputAsync("Goodbye", s_wait);
        var goodbyeAt = DateTime.UtcNow;
        Assert.Equal(9, await app.WaitForExitAsync(s_wait));
        Assert.InRange(DateTime.UtcNow - goodbyeAt, TimeSpan.Zero, s_exitBudget);
        Assert.StartsWith("Hello, World!\nGoodbye after", app.StandardOutput.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>Waits for <paramref name="condition"/>, failing with <paramref name="what"/> and the app's stderr.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what, InstrumentedProcess app)
    {
        var deadline = DateTime.UtcNow + s_wait;
        while (!condition())
        {
            Assert.False(app.HasExited, what + " before the app exited; stderr:\n" + app.StandardError);
            Assert.True(DateTime.UtcNow < deadline, what + " within " + s_wait + "; stderr:\n" + app.StandardError);
            await Task.Delay(50);
        }
    }

    private static void AssertGreeting(InstrumentedProcess app)
    {
        var stdout = app.StandardOutput.Replace("\r", string.Empty, StringComparison.Ordinal);
        Assert.StartsWith(Greeting, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[leakagent]", stdout, StringComparison.Ordinal);
    }

    private static List<string> LeakAgentLines(InstrumentedProcess app)
    {
        return app.StandardError.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("[leakagent]", StringComparison.Ordinal)).ToList();
    }
}
