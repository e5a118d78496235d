namespace ClarityPortal.Web.Features.Reminders;

/// <summary>
/// The reminders feature: due-date reminders by email for patients, a scheduler that runs once across instances,
/// and the one-click unsubscribe.
/// </summary>
public static class RemindersSetup
{
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReminderOptions>(configuration.GetSection(ReminderOptions.Section));
        services.AddSingleton<ReminderLinks>();
        services.AddScoped<ReminderRun>();
        services.AddSingleton<ReminderScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<ReminderScheduler>());
        return services;
    }

    /// <summary>
    /// The one-click unsubscribe mail apps post to (RFC 8058). It carries its own single-use token, so it takes no
    /// antiforgery token and no sign-in.
    /// </summary>
    public static IEndpointRouteBuilder MapReminders(this IEndpointRouteBuilder endpoints)
    {
        endpoints
            .MapPost(
                ReminderLinks.OneClickPath,
                async (string? token, ReminderLinks links, CancellationToken ct) =>
                    await links.UnsubscribeAsync(token, ct) switch
                    {
                        UnsubscribeResult.Unsubscribed => Results.Text("Reminder emails are now off."),
                        UnsubscribeResult.AlreadyUsed => Results.Text("This link was already used."),
                        _ => Results.NotFound(),
                    }
            )
            .DisableAntiforgery();
        return endpoints;
    }
}
