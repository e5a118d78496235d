using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ClarityPortal.Web.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry traces, metrics and logs: ASP.NET Core, EF Core, HttpClient, the Blazor circuit meters and our own
/// counters. On when <c>OpenTelemetry:Endpoint</c> is set (exported over OTLP) or <c>OpenTelemetry:Enabled</c> is
/// true (tests add an in-memory exporter); off by default, costing nothing.
/// </summary>
public static class TelemetrySetup
{
    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PortalTelemetry>();
        var endpoint = configuration["OpenTelemetry:Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint) && !configuration.GetValue<bool>("OpenTelemetry:Enabled"))
        {
            return services;
        }

        var telemetry = services
            .AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OpenTelemetry:ServiceName"] ?? "clarity-portal"))
            .WithTracing(tracing =>
                tracing
                    .AddSource(PortalTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.Filter = context => !context.Request.Path.StartsWithSegments("/health");
                        // The path is kept (ids in it are opaque); the query string, which can hold a token, is not.
                        o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                    })
                    .AddEntityFrameworkCoreInstrumentation()
                    .AddHttpClientInstrumentation()
            )
            .WithMetrics(metrics =>
                metrics
                    .AddMeter(PortalTelemetry.Name)
                    .AddMeter("Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Lifecycle")
                    .AddMeter("Microsoft.AspNetCore.Components.Server.Circuits")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
            )
            .WithLogging();
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            telemetry.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(endpoint));
        }

        return services;
    }
}
