namespace ClarityPortal.Web.Infrastructure.Mail;

public sealed class MailOptions
{
    public string From { get; set; } = "Clarity Portal <no-reply@clarity.test>";

    /// <summary>Where new contact requests are announced.</summary>
    public string IntakeAddress { get; set; } = "intake@clarity.test";

    /// <summary>Without an SMTP host, messages are written here as .eml files (relative to the web project).</summary>
    public string PickupFolder { get; set; } = "App_Data/mail";

    public SmtpOptions Smtp { get; set; } = new();
}
