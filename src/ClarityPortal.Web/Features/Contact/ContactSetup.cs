using ClarityPortal.Web.Infrastructure.RateLimits;

namespace ClarityPortal.Web.Features.Contact;

/// <summary>The contact feature: the public form, patients' lesson questions and the clinicians' inbox.</summary>
public static class ContactSetup
{
    public const string Section = "Contact";

    public const string FormPath = "/contact";

    public const string SentPath = "/contact/sent";

    public const string InboxPath = "/clinician/inbox";

    public const string RequestRoute = "/clinician/inbox/{Code}";

    /// <summary>Where a patient reads their questions and the replies (the "My learning" page shows them).</summary>
    public const string PatientQuestionsLink = "/my#questions";

    /// <summary>Questions and follow-ups a patient may send (from lessons and on "My learning").</summary>
    public static readonly UserLimit Questions = new("QuestionsPerUser", 10, TimeSpan.FromHours(1));

    public static IServiceCollection AddContact(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ContactOptions>(configuration.GetSection(Section));

        // A hard ceiling in front of the friendly "5 an hour" rule the service applies with what was typed kept.
        var posts = HttpLimit.Posts(FormPath);
        const string Message = "We received too many messages from your network.";
        services
            .AddHttpLimit(
                new HttpLimit(
                    "ContactPerAddress",
                    10,
                    TimeSpan.FromHours(1),
                    posts,
                    HttpLimit.ClientAddress,
                    "Please call us instead",
                    Message,
                    FormPath,
                    "Back to the contact form"
                )
            )
            .AddHttpLimit(
                new HttpLimit(
                    "ContactAll",
                    200,
                    TimeSpan.FromHours(1),
                    posts,
                    HttpLimit.Everyone,
                    "Please call us instead",
                    "The contact form is very busy right now.",
                    FormPath,
                    "Back to the contact form"
                )
            );
        services.AddScoped<ContactService>();
        services.AddScoped<InboxService>();
        services.AddScoped<QuestionThreads>();
        services.AddSingleton<CareTeamAlerts>();
        return services;
    }
}
