using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Shell;

public class ShellTests(ShellTests.Factory factory) : IClassFixture<ShellTests.Factory>
{
    /// <summary>Adds /test/boom, which throws, after the app's own pipeline.</summary>
    public sealed class Factory : PortalFactory
    {
        public Factory() => TestServices = services => services.AddTransient<IStartupFilter, ThrowingEndpointFilter>();
    }

    private sealed class ThrowingEndpointFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
            app =>
            {
                next(app);
                app.Run(context =>
                {
                    if (context.Request.Path == "/test/boom")
                    {
                        throw new InvalidOperationException("secret-internal-detail");
                    }

                    // what the end of the pipeline does anyway
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                });
            };
    }

    private readonly HttpClient client = factory.CreatePortalClient();

    [Fact]
    public async Task HomePageSaysWhatThePortalIsWithTheCrisisNotice()
    {
        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Clarity Portal", html);
        Assert.Contains("ketamine-assisted psychotherapy", html);
        Assert.Contains("href=\"tel:911\"", html);
        Assert.Contains("href=\"tel:988\"", html);
        Assert.Contains("Suicide &amp; Crisis Lifeline", html);
        Assert.Contains("education, not medical advice", html);
    }

    [Theory]
    [InlineData("/this-page-does-not-exist")]
    [InlineData("/admin/nothing-here/at-all")]
    public async Task UnknownPagesGetTheFriendly404Page(string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("find that page", html);
        Assert.Contains("href=\"tel:988\"", html);
    }

    [Fact]
    public async Task ErrorsShowAFriendlyPageWithoutTheStackTraceOutsideDevelopment()
    {
        var response = await client.GetAsync("/test/boom");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", html);
        Assert.DoesNotContain("secret-internal-detail", html);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain(" at ClarityPortal", html);
    }

    [Fact]
    public async Task LivenessAndReadinessReportHealthy()
    {
        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/health/live")]
    [InlineData("/css/app.css")]
    [InlineData("/no-such-page")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        var response = await client.GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task BlazorAndMudBlazorAssetsAreServed()
    {
        var html = await client.GetStringAsync("/");

        foreach (var asset in new[] { "_framework/blazor.web", "_content/MudBlazor/MudBlazor.min" })
        {
            var start = html.IndexOf(asset, StringComparison.Ordinal);
            Assert.True(start > 0, $"{asset} is not referenced by the page.");
            var end = html.IndexOf('"', start);
            var response = await client.GetAsync("/" + html[start..end]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
