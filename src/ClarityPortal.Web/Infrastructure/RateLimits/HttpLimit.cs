namespace ClarityPortal.Web.Infrastructure.RateLimits;

/// <summary>
/// One limit on HTTP requests, named and configured under <c>RateLimits:{Name}</c> (<c>Permits</c>, <c>Window</c>).
/// Requests it <see cref="Applies"/> to are counted per <see cref="Partition"/> key (a null key is not counted);
/// a refused request gets a 429 page with <see cref="Title"/>, <see cref="Message"/> and a link back.
/// </summary>
public sealed record HttpLimit(
    string Name,
    int Permits,
    TimeSpan Window,
    Func<HttpContext, bool> Applies,
    Func<HttpContext, string?> Partition,
    string Title,
    string Message,
    string BackHref,
    string BackText
)
{
    /// <summary>The client address, after the forwarded headers of trusted proxies were applied.</summary>
    public static string? ClientAddress(HttpContext context) => AddressKey(context.Connection.RemoteIpAddress);

    /// <summary>
    /// IPv4 as it is; IPv6 by its /64 prefix, since one home or server is given a whole /64 and could otherwise
    /// step through addresses to escape a per-address limit; an IPv4 address mapped into IPv6 as IPv4.
    /// </summary>
    public static string AddressKey(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new System.Net.IPAddress(bytes)}/64";
    }

    /// <summary>Every request in one partition: a ceiling for all clients together.</summary>
    public static string? Everyone(HttpContext context) => "all";

    /// <summary>The signed-in user's id; anonymous requests are not counted by a per-user limit.</summary>
    public static string? SignedInUser(HttpContext context) => Identity.PortalUser.Id(context.User);

    public static Func<HttpContext, bool> Posts(params string[] paths)
    {
        var set = new HashSet<string>(paths, StringComparer.OrdinalIgnoreCase);
        return context =>
            HttpMethods.IsPost(context.Request.Method) && set.Contains(context.Request.Path.Value?.TrimEnd('/') ?? "");
    }
}

/// <summary>A limit on what a signed-in user may do through a circuit, under <c>RateLimits:{Name}</c>.</summary>
public sealed record UserLimit(string Name, int Permits, TimeSpan Window);

/// <summary>What configuration may change about a limit.</summary>
public sealed class LimitSettings
{
    public int? Permits { get; set; }

    public TimeSpan? Window { get; set; }
}
