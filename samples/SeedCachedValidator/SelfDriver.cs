using System.Globalization;

namespace SeedCachedValidator;

/// <summary>
/// <c>--drive &lt;requestsPerSecond&gt;</c>: the app posts to its own /upload in a loop, so it leaks with no
/// external client (for demos and integration tests).
/// </summary>
public static class SelfDriver
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(100);

    public static double? Parse(string[] args)
    {
        var index = Array.IndexOf(args, "--drive");
        return index >= 0 && index + 1 < args.Length
            ? double.Parse(args[index + 1], CultureInfo.InvariantCulture)
            : null;
    }

    public static async Task RunAsync(Uri baseAddress, double requestsPerSecond, CancellationToken stopping)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        using var timer = new PeriodicTimer(s_tick);
        var owed = 0.0;
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                owed += requestsPerSecond * s_tick.TotalSeconds;
                for (; owed >= 1; owed--)
                {
                    using var response = await client.PostAsync("/upload?fileName=report.pdf", content: null, stopping);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine("drive stopped: " + ex.Message);
        }
    }
}
