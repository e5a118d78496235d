using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClarityPortal.LoadDriver;

/// <summary>
/// The HTTP side of every simulated tab: one shared connection pool, cookies kept per tab (so a thousand tabs do
/// not need a thousand handlers).
/// </summary>
internal sealed partial class PortalHttp(Uri baseUri, bool forwardedHttps = false) : IDisposable
{
    /// <summary>
    /// With <c>--forwarded-https</c> every request carries <c>X-Forwarded-Proto: https</c>, as the TLS-terminating
    /// proxy in front of a Production portal adds it; cookies are then kept as the browser keeps Secure ones.
    /// </summary>
    private readonly Uri cookieUri = forwardedHttps ? new UriBuilder(baseUri) { Scheme = "https" }.Uri : baseUri;

    private readonly HttpMessageInvoker client = new(
        new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 256,
            AutomaticDecompression = DecompressionMethods.All,
        }
    );

    public Uri Base { get; } = baseUri;

    public async Task<string> GetStringAsync(Uri uri, CookieContainer cookies, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cookies, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>SignalR's negotiate: returns the connection token the WebSocket URL carries.</summary>
    public async Task<string> NegotiateAsync(CookieContainer cookies, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Base, "_blazor/negotiate?negotiateVersion=1"))
        {
            Content = new StringContent(""),
        };
        using var response = await SendAsync(request, cookies, ct);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("connectionToken").GetString()!;
    }

    /// <summary>The beacon a closing tab sends, so the server frees the circuit at once.</summary>
    public async Task DisconnectAsync(string circuitSecret, CookieContainer cookies)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Base, "_blazor/disconnect"))
            {
                Content = new FormUrlEncodedContent([new("circuitId", circuitSecret)]),
            };
            using var response = await SendAsync(request, cookies, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException) { }
    }

    /// <summary>Signs in through the portal's own form (antiforgery token and all); the cookie lands in the jar.
    /// </summary>
    public async Task SignInAsync(string email, string password, CookieContainer cookies, CancellationToken ct)
    {
        var login = new Uri(Base, "account/login");
        var page = await GetStringAsync(login, cookies, ct);
        var start = page.IndexOf("action=\"/account/login\"", StringComparison.Ordinal);
        var end = page.IndexOf("</form>", Math.Max(0, start), StringComparison.Ordinal);
        if (start < 0 || end < 0)
        {
            throw new InvalidOperationException("The sign-in page has no sign-in form");
        }

        var form = HiddenInput()
            .Matches(page[start..end])
            .Select(m => new KeyValuePair<string, string>(
                WebUtility.HtmlDecode(m.Groups[1].Value),
                WebUtility.HtmlDecode(m.Groups[2].Value)
            ))
            .ToList();
        form.Add(new("Input.Email", email));
        form.Add(new("Input.Password", password));
        using var response = await SendAsync(
            new HttpRequestMessage(HttpMethod.Post, login) { Content = new FormUrlEncodedContent(form) },
            cookies,
            ct
        );
        if (response.StatusCode != HttpStatusCode.Redirect || cookies.GetCookies(cookieUri).Count == 0)
        {
            throw new InvalidOperationException($"Sign-in for {email} answered {(int)response.StatusCode}");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CookieContainer cookies,
        CancellationToken ct
    )
    {
        foreach (var (name, value) in Headers(cookies))
        {
            request.Headers.Add(name, value);
        }

        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        var response = await client.SendAsync(request, ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                cookies.SetCookies(cookieUri, setCookie);
            }
        }

        return response;
    }

    /// <summary>What a tab's requests carry besides their own headers: its cookies, the forwarded scheme.</summary>
    public IEnumerable<(string Name, string Value)> Headers(CookieContainer cookies)
    {
        var header = cookies.GetCookieHeader(cookieUri);
        if (header.Length > 0)
        {
            yield return ("Cookie", header);
        }

        if (forwardedHttps)
        {
            yield return ("X-Forwarded-Proto", "https");
        }
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}
