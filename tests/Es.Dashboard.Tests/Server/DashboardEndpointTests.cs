using System.Net;
using Es.Dashboard.Server;

namespace Es.Dashboard.Tests.Server;

public sealed class DashboardEndpointTests
{
    [Theory]
    [InlineData("8080", "127.0.0.1", 8080)]
    [InlineData("localhost:9", "127.0.0.1", 9)]
    [InlineData("0.0.0.0:8080", "0.0.0.0", 8080)]
    [InlineData("*:8080", "0.0.0.0", 8080)]
    [InlineData("10.1.2.3:0", "10.1.2.3", 0)]
    [InlineData("[::1]:8080", "::1", 8080)]
    public void Parse_ValidValue_GivesAddressAndPort(string text, string address, int port)
    {
        var endpoint = DashboardEndpoint.Parse(text);
        Assert.Equal(IPAddress.Parse(address), endpoint.Address);
        Assert.Equal(port, endpoint.Port);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("8080x")]
    [InlineData("-1")]
    [InlineData("65536")]
    [InlineData("host.example:80")]
    [InlineData("::1:8080")]
    [InlineData("127.0.0.1:")]
    public void Parse_MalformedValue_SaysWhatWasExpected(string text)
    {
        var error = Assert.Throws<FormatException>(() => DashboardEndpoint.Parse(text));
        Assert.Contains("expected [HOST:]PORT", error.Message, StringComparison.Ordinal);
        Assert.Contains($"got '{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_EveryInterface_PointsTheLocalBrowserAtLoopback()
    {
        Assert.Equal("http://127.0.0.1:81/", DashboardEndpoint.Parse("0.0.0.0:0").Url(81));
        Assert.Equal("http://[::1]:81/", DashboardEndpoint.Parse("[::1]:0").Url(81));
    }
}
