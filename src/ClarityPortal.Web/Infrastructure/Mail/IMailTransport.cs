using MimeKit;

namespace ClarityPortal.Web.Infrastructure.Mail;

/// <summary>Hands one message to the outside world.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
