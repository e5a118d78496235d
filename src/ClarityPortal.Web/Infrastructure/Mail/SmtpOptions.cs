namespace ClarityPortal.Web.Infrastructure.Mail;

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public bool UseStartTls { get; set; } = true;
}
