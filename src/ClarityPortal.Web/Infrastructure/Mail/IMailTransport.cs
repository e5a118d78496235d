using ClarityPortal.Data;
using ClarityPortal.Data.Mail;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ClarityPortal.Web.Infrastructure.Mail;

/// <summary>Hands one message to the outside world.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
