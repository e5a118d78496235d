using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ClarityPortal.Tests.Shared;

/// <summary>
/// Names the instance on every answer (<see cref="Header"/>), so a test of several instances behind the proxy knows
/// which one served a request. Linked into the integration and browser test projects.
/// </summary>
public sealed class InstanceName(string name) : IStartupFilter
{
    public const string Header = "X-Test-Instance";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
        app =>
        {
            app.Use(
                (context, nextMiddleware) =>
                {
                    context.Response.Headers[Header] = name;
                    return nextMiddleware(context);
                }
            );
            next(app);
        };
}
