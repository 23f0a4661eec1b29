using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace LeakAgent.IntegrationTests.Watch;

/// <summary>
/// The webhook against hostile or broken callers, on a real watch process: bodies that are not valid text, a client
/// that stalls after its headers. Each must cost the caller a 4xx at most, never the watch or other callers.
/// </summary>
public sealed class WebhookRobustnessTests
{
    [Fact]
    public async Task InvalidTextAndStalledClient_GetRejectedOrWait_OthersAreAnsweredAtOnce_WatchGoesOn()
    {
        var (session, pid) = await WatchSession.StartOnLeakingAppAsync();
        using var disposing = session;

        // A label value with invalid UTF-8 (0xC3 0x28), then one with an escaped lone surrogate: 400, and the watch lives.
        var invalidUtf8 = Encoding.ASCII.GetBytes("{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"pid\":\"" + pid + "\",\"alertname\":\"X\xff\"}}]}");
        invalidUtf8[Array.IndexOf(invalidUtf8, (byte)0x3F)] = 0xC3;
        var (status, body) = await session.PostAsync(invalidUtf8, WatchSession.Token);
        Assert.Equal(400, status);
        Assert.Contains("invalid UTF-8", body, StringComparison.Ordinal);
        Assert.Equal(400, (await session.PostAsync("{\"alerts\":[{\"labels\":{\"alertname\":\"\\ud800\"}}]}", WatchSession.Token)).Status);
        Assert.False(session.Watch.HasExited, "the watch stopped on a bad body; output:\n" + session.Output);

        // A client with the token that sends its headers and then nothing ...
        var url = new Uri(session.WebhookUrl);
        using var stalled = new TcpClient();
        await stalled.ConnectAsync(url.Host, url.Port);
        var headers = $"POST {url.AbsolutePath} HTTP/1.1\r\nHost: {url.Authority}\r\nAuthorization: Bearer {WatchSession.Token}\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{{\"alerts\":";
        await stalled.GetStream().WriteAsync(Encoding.ASCII.GetBytes(headers));

        // ... holds up nobody: a valid alert right after is queued within a second.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();
        var (accepted, answer) = await session.PostAsync(WatchSession.Notification(("pid", pid)), WatchSession.Token);
        stopwatch.Stop();
        Assert.Equal(202, accepted);
        Assert.Contains(pid, answer, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"the answer took {stopwatch.Elapsed.TotalMilliseconds:0} ms behind a stalled client");

        // The stalled request itself is dropped after the body timeout; the watch never stopped.
        Assert.True(await ClosedOrAnsweredAsync(stalled, TimeSpan.FromSeconds(30)), "the stalled request was never dropped");
        Assert.False(session.Watch.HasExited);
        Assert.DoesNotContain("failed unexpectedly", session.Output, StringComparison.Ordinal);
    }

    private static async Task<bool> ClosedOrAnsweredAsync(TcpClient client, TimeSpan timeout)
    {
        var buffer = new byte[256];
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            var read = await client.GetStream().ReadAsync(buffer, wait.Token);
            return read == 0 || Encoding.ASCII.GetString(buffer, 0, read).StartsWith("HTTP/1.1 ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
