using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.JSInterop;

namespace ClarityPortal.Web.Infrastructure;

/// <summary>
/// An instance told to stop (a deploy, a scale-in, a restart) does not drop the people on it (ADR 0013). It asks
/// every open page to pause its circuit: Blazor hands the page's state, protected with the shared key ring, to the
/// browser, which resumes it on whichever instance takes new circuits next: another one behind the proxy, or this one
/// after a restart. The page stays as it was: what a component keeps in <see cref="PersistentComponentState"/> comes
/// back (the explorer's step, an answer not yet checked), the rest is loaded again. While it drains, the instance
/// refuses new circuits and says so on <c>/health/live</c>, so the proxy sends the resumes elsewhere.
/// </summary>
public static class CircuitMoves
{
    /// <summary>The browser side, in wwwroot/js/reconnect.js.</summary>
    public const string MoveFunction = "clarityPortal.moveCircuit";

    /// <summary>How long a stopping instance waits for its pages to leave before it stops anyway.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static IServiceCollection AddCircuitMoves(this IServiceCollection services)
    {
        services.AddSingleton<OpenCircuits>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, OpenCircuitTracker>());
        services.AddHostedService<MoveCircuitsOnStop>();
        services.AddHealthChecks().AddCheck<DrainingCheck>("draining", tags: ["live", "ready"]);
        return services;
    }

    /// <summary>While draining, a new circuit (its negotiate post) is refused, to be tried again elsewhere.</summary>
    public static IApplicationBuilder UseCircuitMoves(this IApplicationBuilder app) =>
        app.Use(
            (context, next) =>
            {
                if (
                    context.RequestServices.GetRequiredService<OpenCircuits>().Draining
                    && HttpMethods.IsPost(context.Request.Method)
                    && context.Request.Path.StartsWithSegments("/_blazor/negotiate")
                )
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    context.Response.Headers.RetryAfter = "1";
                    return Task.CompletedTask;
                }

                return next(context);
            }
        );

    /// <summary>The circuits open on this instance, each with the way to reach its browser.</summary>
    public sealed class OpenCircuits(IHostApplicationLifetime lifetime, ILogger<OpenCircuits> logger)
    {
        private readonly ConcurrentDictionary<string, OpenCircuit> open = new(StringComparer.Ordinal);
        private readonly Lock drainLock = new();
        private volatile bool draining;
        private Task<(int Asked, int Left)>? drain;
        private int watching;

        public bool Draining => draining;

        public int Count => open.Count;

        internal void Opened(string id, IJSRuntime js)
        {
            if (Interlocked.Exchange(ref watching, 1) == 0)
            {
                // On SIGTERM the host signals "stopping" before it runs any stop code, and SignalR closes every
                // connection when it hears that. Registered now, after SignalR's own callback, this one runs first
                // (callbacks run last-registered first) and moves the pages while their connections are still open.
                lifetime.ApplicationStopping.Register(() => MoveAllAsync(Patience, default).GetAwaiter().GetResult());
            }

            var circuit = new OpenCircuit(js);
            open[id] = circuit;
            if (draining)
            {
                _ = AskToMoveAsync(circuit, CancellationToken.None); // opened as the instance began to stop
            }
        }

        internal void Closed(string id)
        {
            if (open.TryRemove(id, out var circuit))
            {
                circuit.Gone.TrySetResult();
            }
        }

        /// <summary>
        /// Refuses new circuits from now on, asks every open page to move, and waits (at most
        /// <paramref name="patience"/>) until each has left or could not be asked. Returns how many were asked and
        /// how many left. Once started, later calls wait for the same move.
        /// </summary>
        public Task<(int Asked, int Left)> MoveAllAsync(TimeSpan patience, CancellationToken cancellationToken)
        {
            lock (drainLock)
            {
                draining = true;
                return drain ??= DrainAsync(patience, cancellationToken);
            }
        }

        private async Task<(int Asked, int Left)> DrainAsync(TimeSpan patience, CancellationToken cancellationToken)
        {
            var circuits = open.Values.ToList();
            if (circuits.Count == 0)
            {
                return (0, 0);
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(patience);
            var asked = await Task.WhenAll(circuits.Select(c => AskToMoveAsync(c, limit.Token)));
            var leaving = circuits.Where((_, i) => asked[i]).Select(c => c.Gone.Task).ToList();
            try
            {
                await Task.WhenAll(leaving).WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                logger.LogWarning("Stopping with {Count} page(s) that did not move in time.", open.Count);
            }

            return (asked.Count(a => a), leaving.Count(t => t.IsCompleted));
        }

        private async Task<bool> AskToMoveAsync(OpenCircuit circuit, CancellationToken cancellationToken)
        {
            try
            {
                await circuit.Js.InvokeVoidAsync(MoveFunction, cancellationToken);
                return true;
            }
            catch (Exception ex)
            {
                // Disconnected, gone already, torn down, or a client without the function: nothing to wait for.
                // Never let one page stop the others from moving.
                logger.LogDebug(ex, "An open page could not be asked to move.");
                return false;
            }
        }

        private sealed record OpenCircuit(IJSRuntime Js)
        {
            public TaskCompletionSource Gone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Per circuit: tells <see cref="OpenCircuits"/> when it opens (with its JS runtime) and closes.</summary>
    private sealed class OpenCircuitTracker(OpenCircuits circuits, IJSRuntime js) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            circuits.Opened(circuit.Id, js);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            circuits.Closed(circuit.Id);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Runs first when the host stops, while Kestrel still serves: the pages pause and leave over their own
    /// connections before the server closes them.
    /// </summary>
    private sealed class MoveCircuitsOnStop(OpenCircuits circuits, ILogger<MoveCircuitsOnStop> logger)
        : IHostedLifecycleService
    {
        public async Task StoppingAsync(CancellationToken cancellationToken)
        {
            var (asked, left) = await circuits.MoveAllAsync(Patience, cancellationToken);
            if (asked > 0)
            {
                logger.LogInformation("Stopping: {Left} of {Asked} open page(s) moved on.", left, asked);
            }
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Unhealthy once the instance drains, so a load balancer stops sending it anyone.</summary>
    private sealed class DrainingCheck(OpenCircuits circuits) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(
            HealthCheckContext context,
            CancellationToken cancellationToken = default
        ) =>
            Task.FromResult(
                circuits.Draining
                    ? HealthCheckResult.Unhealthy("Stopping: open pages are moving to another instance.")
                    : HealthCheckResult.Healthy()
            );
    }
}
