using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Mail;
using ClarityPortal.Web.Infrastructure.SharedState;
using ClarityPortal.Web.Infrastructure.Telemetry;

namespace ClarityPortal.Web.Infrastructure;

/// <summary>
/// The floor every feature stands on, registered in one place: the database, the clock, the clinic calendar, the audit
/// log, mail and the state instances share (Redis, when set). Features register their own services in their
/// <c>AddX()</c>; nothing here knows a feature.
/// </summary>
public static class PlatformSetup
{
    public static IServiceCollection AddPlatform(
        this IServiceCollection services,
        IConfiguration configuration,
        IHostEnvironment environment
    )
    {
        services.AddSingleton(TimeProvider.System);
        services
            .AddOptions<ClinicOptions>()
            .Bind(configuration.GetSection(ClinicOptions.Section))
            .Validate(
                o => string.IsNullOrWhiteSpace(o.TimeZone) || TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _),
                "Clinic:TimeZone is not a time zone this server knows (use an IANA id such as America/Los_Angeles)."
            )
            .ValidateOnStart();
        services.AddSingleton<ClinicCalendar>();
        services.AddSingleton<ClinicInfo>();
        services.AddSingleton<PortalRoot>();
        services.Configure<PortalLinkOptions>(configuration.GetSection(PortalLinkOptions.Section));
        services.AddClarityData(configuration, environment);
        services.AddSingleton(provided => new AuditSecrets(provided.GetRequiredService<IConfiguration>(), environment));
        services.AddSingleton<AuditLog>();
        services.AddSharedState(configuration); // Redis, when several instances share one portal
        services.AddSingleton<RateLimits.UserLimits>(); // limits on what users do through circuits
        services.AddMail(configuration);
        services.AddPortalTelemetry(configuration);
        // Every log line carries the trace and span it belongs to.
        services.Configure<LoggerFactoryOptions>(o =>
            o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId
        );
        return services;
    }
}
