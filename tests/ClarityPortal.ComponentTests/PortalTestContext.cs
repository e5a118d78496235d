using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ClarityPortal.ComponentTests;

/// <summary>
/// bUnit with MudBlazor (loose JS interop, Mud services) and the portal's real authorization policies,
/// signed in as whoever the test says. Disposed asynchronously: MudBlazor has async-only services.
/// </summary>
public abstract class PortalTestContext : BunitContext, IAsyncLifetime
{
    private readonly TestAuthenticationStateProvider auth = new();

    protected PortalTestContext(Action<IServiceCollection>? configureServices = null)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // Components here load from a real SQLite file; on a busy 2-core CI machine that can take seconds, not the
        // default one second a wait allows. A wait still ends as soon as its assertion passes.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        Services.AddMudServices();
        // The real policies and authorization service, not bUnit's placeholders.
        Services.AddAuthorizationCore(PortalPolicies.Configure);
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(auth);
        configureServices?.Invoke(Services); // before anything resolves a service
        PageState = AddBunitPersistentComponentState();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>What components keep when their page moves to another server (ADR 0013), as Blazor would.</summary>
    protected BunitPersistentComponentState PageState { get; }

    /// <summary>Signs the test in with local Identity role claims (no roles = anonymous).</summary>
    protected void SignInAs(string name, params string[] roles)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, name),
            new(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        auth.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "Identity.Application"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        Cleanup();
    }

    /// <summary>Runs after the renderer is gone: delete files the test made.</summary>
    protected virtual void Cleanup() { }

    private sealed class TestAuthenticationStateProvider : AuthenticationStateProvider
    {
        public ClaimsPrincipal User { get; set; } = new(new ClaimsIdentity());

        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(User));
    }
}
