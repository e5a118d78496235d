using System.Net;
using ClarityPortal.Web.Infrastructure.RateLimits;

namespace ClarityPortal.UnitTests.RateLimits;

public class HttpLimitTests
{
    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7")]
    [InlineData("::ffff:198.51.100.7", "198.51.100.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::1", "::/64")]
    public void AddressesAreCountedPerIPv4AddressAndPerIPv6Slash64(string address, string key) =>
        Assert.Equal(key, HttpLimit.AddressKey(IPAddress.Parse(address)));

    [Fact]
    public void AnUnknownAddressIsOnePartition() => Assert.Equal("unknown", HttpLimit.AddressKey(null));
}
