using System.Globalization;

namespace Storefront;

/// <summary>
/// <c>--drive &lt;requestsPerSecond&gt;</c>: the app requests its own endpoints over loopback HTTP in a loop, so it
/// leaks (or, healthy, does the same work) with no external client.
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

    public static async Task RunAsync(Uri baseAddress, double requestsPerSecond, StorefrontMode mode, CancellationToken stopping)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        using var timer = new PeriodicTimer(s_tick);
        var owed = 0.0;
        long sent = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                owed += requestsPerSecond * s_tick.TotalSeconds;
                for (; owed >= 1; owed--)
                {
                    var sku = "sku-" + (sent++ % 100).ToString(CultureInfo.InvariantCulture);
                    if (mode != StorefrontMode.Cache)
                    {
                        using var price = await client.GetAsync("/price/" + sku, stopping);
                    }

                    if (mode != StorefrontMode.Singleton)
                    {
                        using var quote = await client.GetAsync("/quote/" + sku, stopping);
                    }
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
