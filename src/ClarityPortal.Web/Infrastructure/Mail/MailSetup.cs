namespace ClarityPortal.Web.Infrastructure.Mail;

/// <summary>
/// Mail through the database outbox: SMTP when <c>Email:Smtp:Host</c> is set, else the pickup folder.
/// </summary>
public static class MailSetup
{
    public const string Section = "Email";

    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        services.Configure<MailOptions>(section);
        if (!string.IsNullOrWhiteSpace(section["Smtp:Host"]))
        {
            services.AddSingleton<IMailTransport, SmtpTransport>();
        }
        else
        {
            services.AddSingleton<IMailTransport, PickupFolderTransport>();
        }

        services.AddSingleton<MailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<MailDispatcher>());
        services.AddSingleton<Outbox>();
        return services;
    }
}
