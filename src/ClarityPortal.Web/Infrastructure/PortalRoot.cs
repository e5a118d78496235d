using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ClarityPortal.Web.Infrastructure;

/// <summary>
/// The start of links in mail written outside a request (reminders, alerts): <c>Portal:PublicUrl</c>, which the
/// production check requires; else the address this server listens on (Development; there may be no server at all
/// in a component test's host, hence the late look-up).
/// </summary>
public sealed class PortalRoot(IOptions<PortalLinkOptions> links, IServiceProvider services)
{
    public string Value => links.Value.PublicUrl?.TrimEnd('/') ?? Listening()?.TrimEnd('/') ?? "http://localhost:5000";

    private string? Listening() =>
        services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
}
