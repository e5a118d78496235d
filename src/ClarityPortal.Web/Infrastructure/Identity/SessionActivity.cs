using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Counts what a person does on an open page (clicks, typing, reading reports: everything that reaches the circuit) as
/// activity for idle logoff, since a circuit sends no HTTP requests that would do it.
/// </summary>
public sealed class SessionActivity(AuthenticationStateProvider authState, SessionStore sessions, TimeProvider clock)
    : CircuitHandler
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(30);
    private DateTimeOffset last = DateTimeOffset.MinValue;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(
        Func<CircuitInboundActivityContext, Task> next
    ) =>
        async context =>
        {
            await next(context);
            var now = clock.GetUtcNow();
            if (now - last < Every)
            {
                return;
            }

            last = now;
            var user = (await authState.GetAuthenticationStateAsync()).User;
            if (user.FindFirst(SessionStore.SessionIdClaim)?.Value is { } key)
            {
                await sessions.TouchAsync(key);
            }
        };
}
