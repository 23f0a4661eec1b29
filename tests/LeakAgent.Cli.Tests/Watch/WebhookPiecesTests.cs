using LeakAgent.Cli.Watch.Alerts;

namespace LeakAgent.Cli.Tests.Watch;

public class WebhookPiecesTests
{
    [Theory]
    [InlineData(null, "no Authorization header")]
    [InlineData("", "no Authorization header")]
    [InlineData("Basic czNjcmV0", "not a Bearer token")]
    [InlineData("Bearer s3cre", "wrong bearer token")]
    [InlineData("Bearer s3cret2", "wrong bearer token")]
    public void BearerToken_RejectsAnythingButTheToken(string? header, string reason)
    {
        var why = new BearerToken("s3cret").Reject(header);
        Assert.NotNull(why);
        Assert.Contains(reason, why, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer s3cret")]
    [InlineData("bearer  s3cret ")]
    public void BearerToken_AcceptsTheToken(string header)
    {
        Assert.Null(new BearerToken("s3cret").Reject(header));
    }

    [Theory]
    [InlineData("127.0.0.1:9095", "http://127.0.0.1:9095/")]
    [InlineData("0.0.0.0:80", "http://+:80/")]
    [InlineData("*:9095", "http://+:9095/")]
    [InlineData("[::1]:9095", "http://[::1]:9095/")]
    public void WebhookAddress_ParsesHostAndPort(string text, string prefix)
    {
        Assert.True(WebhookAddress.TryParse(text, out var address));
        Assert.Equal(prefix, address.Prefix());
    }

    [Theory]
    [InlineData("9095")]
    [InlineData("localhost:9095")]
    [InlineData("127.0.0.1:")]
    [InlineData("127.0.0.1:70000")]
    public void WebhookAddress_RejectsWhatIsNotIpColonPort(string text)
    {
        Assert.False(WebhookAddress.TryParse(text, out _));
    }
}
