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

    public static IServiceCollection AddContact(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ContactOptions>(configuration.GetSection(Section));
        services.AddScoped<ContactService>();
        services.AddScoped<InboxService>();
        services.AddScoped<QuestionThreads>();
        return services;
    }
}
