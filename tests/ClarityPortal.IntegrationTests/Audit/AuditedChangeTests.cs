using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Providers;
using ClarityPortal.Web.Features.Providers;
using ClarityPortal.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Audit;

/// <summary>Fails the save of any audit row while on, the way a full disk or a lost connection would.</summary>
public sealed class FailingAuditWrites : SaveChangesInterceptor
{
    public bool On { get; set; }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        if (On && eventData.Context!.ChangeTracker.Entries<AuditEvent>().Any(e => e.State == EntityState.Added))
        {
            throw new DbUpdateException("The audit row could not be written (test).");
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}

/// <summary>A change and its audit row are stored together or not at all.</summary>
public class AuditedChangeTests : IAsyncLifetime
{
    private readonly FailingAuditWrites failing = new();
    private readonly PortalFactory portal;

    public AuditedChangeTests() =>
        portal = new PortalFactory { TestServices = services => services.AddSingleton<IInterceptor>(failing) };

    public Task InitializeAsync()
    {
        _ = portal.Services; // starts the portal (content sync writes audit rows) before any write is made to fail
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private Task<string?> HideSeededProviderAsync() => HideAsync("naveen-thomas");

    private async Task<string?> HideAsync(string slug)
    {
        var id = await portal.WithDbAsync(db => db.Providers.Where(p => p.Slug == slug).Select(p => p.Id).FirstAsync());
        await using var scope = portal.ScopeAs(PortalFactory.User("admin-id", PortalRoles.Admin));
        return await scope.ServiceProvider.GetRequiredService<ProviderService>().SetPublishedAsync(id, false);
    }

    private Task<bool> PublishedAsync() =>
        portal.WithDbAsync(db =>
            db.Providers.Where(p => p.Slug == "naveen-thomas").Select(p => p.IsPublished).FirstAsync()
        );

    private Task<int> HiddenAuditsAsync() =>
        portal.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.ProviderUnpublished));

    [Fact]
    public async Task AChangeWhoseAuditRowCannotBeWrittenIsNotStored()
    {
        failing.On = true;

        await Assert.ThrowsAsync<DbUpdateException>(HideSeededProviderAsync);

        Assert.True(await PublishedAsync());
        Assert.Equal(0, await HiddenAuditsAsync());

        // The failed attempt left nothing locked: the next change goes through with its row, and the chain holds.
        failing.On = false;
        Assert.Null(await HideSeededProviderAsync());
        Assert.False(await PublishedAsync());
        Assert.Equal(1, await HiddenAuditsAsync());
        Assert.True((await portal.Services.GetRequiredService<AuditLog>().VerifyAsync()).Intact);
    }

    [Fact]
    public async Task ParallelAuditedChangesKeepOneUnbrokenChain()
    {
        var slugs = Enumerable.Range(0, 10).Select(i => $"parallel-{i}").ToList();
        await portal.WithDbAsync(async db =>
        {
            db.Providers.AddRange(
                slugs.Select(slug => new Provider
                {
                    Slug = slug,
                    Name = slug,
                    IsPublished = true,
                    SortOrder = 20,
                })
            );
            return await db.SaveChangesAsync();
        });
        var log = portal.Services.GetRequiredService<AuditLog>();

        // Changes and plain records interleave from many threads: one chain, every row linked, every change audited.
        await Task.WhenAll(
            slugs
                .Select(slug => Task.Run(() => HideAsync(slug)))
                .Concat(
                    slugs.Select(slug =>
                        Task.Run(async () =>
                        {
                            await log.RecordAsync("staff-1", "c@example.org", AuditActions.PatientViewed, slug);
                            return (string?)null;
                        })
                    )
                )
        );

        var result = await log.VerifyAsync();
        Assert.True(result.Intact, result.Reason);
        Assert.Equal(10, await HiddenAuditsAsync());
        Assert.Equal(
            0,
            await portal.WithDbAsync(db =>
                db.Providers.CountAsync(p => p.Slug.StartsWith("parallel-") && p.IsPublished)
            )
        );
    }
}
