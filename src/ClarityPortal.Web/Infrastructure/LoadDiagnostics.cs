using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ClarityPortal.Web.Infrastructure;

/// <summary>
/// For load measurements only (docs/performance.md): with <c>Diagnostics:MemoryEndpoint=true</c> the portal counts
/// its circuits and answers <c>GET /diagnostics/memory</c> from the same machine with the managed heap after a full,
/// blocking, compacting collection, the working set and the circuit count. Off by default, never mapped unless set,
/// and refused to any address but loopback (behind a proxy the forwarded client address counts).
/// </summary>
public static class LoadDiagnostics
{
    public const string Setting = "Diagnostics:MemoryEndpoint";

    public const string Path = "/diagnostics/memory";

    public static IServiceCollection AddLoadDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>(Setting))
        {
            services.AddSingleton<CircuitCounter>();
            services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>());
        }

        return services;
    }

    public static WebApplication MapLoadDiagnostics(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Setting))
        {
            return app;
        }

        app.MapGet(
            Path,
            (HttpContext context, CircuitCounter counter) =>
            {
                if (context.Connection.RemoteIpAddress is not { } address || !IPAddress.IsLoopback(address))
                {
                    return Results.NotFound();
                }

                for (var i = 0; i < 2; i++)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                }

                using var process = Process.GetCurrentProcess();
                return Results.Json(
                    new
                    {
                        circuits = counter.Open,
                        gcHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
                        workingSetBytes = process.WorkingSet64,
                    }
                );
            }
        );
        return app;
    }

    /// <summary>Circuits open on this server (connected or not yet disposed).</summary>
    public sealed class CircuitCounter : CircuitHandler
    {
        private int open;

        public int Open => Volatile.Read(ref open);

        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref open);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref open);
            return Task.CompletedTask;
        }
    }
}
