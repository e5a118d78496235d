using ClarityPortal.Web.Features.Admin;
using ClarityPortal.Web.Features.Audit;
using ClarityPortal.Web.Features.Contact;
using ClarityPortal.Web.Features.Education;
using ClarityPortal.Web.Features.Invitations;
using ClarityPortal.Web.Features.Patients;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Features.Providers;
using ClarityPortal.Web.Features.Reminders;

namespace ClarityPortal.Web;

/// <summary>
/// Every feature of the portal, one line each (each feature's entry file is <c>Features/X/XSetup.cs</c>). Program.cs
/// and the component tests' host both register the features through this list.
/// </summary>
public static class PortalFeatures
{
    public static IServiceCollection AddFeatures(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddEducation()
            .AddProgress(configuration)
            .AddContact(configuration)
            .AddProviders()
            .AddInvitations(configuration)
            .AddPatients()
            .AddAdmin()
            .AddAudit()
            .AddReminders(configuration);

    /// <summary>
    /// The features' plain HTTP endpoints, and the Blazor app whose pages live in the feature folders.
    /// </summary>
    public static WebApplication MapFeatures(this WebApplication app)
    {
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        app.MapProviders();
        app.MapPatients();
        app.MapReminders();
        return app;
    }
}
