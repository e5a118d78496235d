using ClarityPortal.Data;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Identity work from a circuit: a circuit's scope lives for hours, so its <see cref="UserManager{TUser}"/> (and the
/// context behind it) would hand out stale users. Each call gets a fresh scope and a fresh user manager.
/// </summary>
public sealed class IdentityScope(IServiceScopeFactory scopes, AuditLog audit)
{
    public async Task<T> RunAsync<T>(Func<UserManager<ApplicationUser>, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());
    }

    /// <summary>
    /// Identity changes stored in one transaction with the audit rows <paramref name="work"/> records: the user
    /// manager saves through the context of <see cref="AuditedChange.Db"/>. Work that records nothing (it refused)
    /// is rolled back. Inside, write only through that context: another connection would wait for the write lock.
    /// </summary>
    public async Task<T> RunAuditedAsync<T>(
        Func<UserManager<ApplicationUser>, AuditedChange, Task<T>> work,
        CancellationToken ct = default
    )
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClarityDbContext>();
        await using var change = await audit.BeginAsync(db, ct);
        var result = await work(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(), change);
        if (change.HasRecords)
        {
            await change.CommitAsync(ct);
        }

        return result;
    }
}
