using ClarityPortal.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Identity work from a circuit: a circuit's scope lives for hours, so its <see cref="UserManager{TUser}"/> (and the
/// context behind it) would hand out stale users. Each call gets a fresh scope and a fresh user manager.
/// </summary>
public sealed class IdentityScope(IServiceScopeFactory scopes)
{
    public async Task<T> RunAsync<T>(Func<UserManager<ApplicationUser>, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());
    }
}
