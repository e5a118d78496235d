using Yarp.ReverseProxy.Configuration;

namespace ClarityPortal.Proxy;

/// <summary>
/// A local reverse proxy (YARP) that runs the portal the way a clinic group does: several instances behind one
/// address, sticky by cookie (a Blazor circuit lives on one instance, and a prerendered page must meet its circuit
/// there), instances that stop answering <c>/health/live</c> taken out, and a person whose instance went away sent to
/// another one (docs/deployment.md). For trying and testing the setup; in production use your load balancer's
/// equivalent settings.
/// </summary>
public static class ProxyApp
{
    public const string AffinityCookie = ".Clarity.Instance";

    /// <summary>
    /// <c>--Instances:0 http://127.0.0.1:5101 --Instances:1 http://127.0.0.1:5102 --urls http://127.0.0.1:5100</c>
    /// </summary>
    public static WebApplication Build(string[] args, IReadOnlyList<string>? instances = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var addresses = instances ?? builder.Configuration.GetSection("Instances").Get<string[]>() ?? [];
        if (addresses.Count == 0)
        {
            throw new ArgumentException("Name the portal's instances: --Instances:0 URL --Instances:1 URL …");
        }

        builder.Services.AddReverseProxy().LoadFromMemory([Route], [Cluster(addresses)]);
        var app = builder.Build();
        app.MapReverseProxy();
        return app;
    }

    private static RouteConfig Route =>
        new()
        {
            RouteId = "portal",
            ClusterId = "portal",
            Match = new RouteMatch { Path = "{**all}" },
            // The portal sees the address people use: redirects it builds (after sign-in, say) stay on the proxy.
            Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
        };

    private static ClusterConfig Cluster(IReadOnlyList<string> addresses) =>
        new()
        {
            ClusterId = "portal",
            LoadBalancingPolicy = "RoundRobin",
            SessionAffinity = new SessionAffinityConfig
            {
                Enabled = true,
                Policy = "Cookie",
                AffinityKeyName = AffinityCookie,
                // The instance a person was on is gone: send them to a healthy one and remember that one instead.
                FailurePolicy = "Redistribute",
                Cookie = new SessionAffinityCookieConfig { HttpOnly = true, SameSite = SameSiteMode.Lax },
            },
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = TimeSpan.FromSeconds(1),
                    Timeout = TimeSpan.FromSeconds(2),
                    Policy = "ConsecutiveFailures",
                    Path = "/health/live",
                },
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = "TransportFailureRate",
                    ReactivationPeriod = TimeSpan.FromSeconds(10),
                },
            },
            Destinations = addresses
                .Select((address, i) => (Id: $"instance-{i + 1}", Address: address))
                .ToDictionary(d => d.Id, d => new DestinationConfig { Address = d.Address }),
        };
}
