using ClarityPortal.Data;
using ClarityPortal.Data.Mail;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

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

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public bool UseStartTls { get; set; } = true;
}

/// <summary>Hands one message to the outside world.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>The default: each message becomes an .eml file in the pickup folder, so mail works out of the box.</summary>
public sealed class PickupFolderTransport(IOptions<MailOptions> options, IWebHostEnvironment environment) : IMailTransport
{
    public string Folder => Path.GetFullPath(options.Value.PickupFolder, environment.ContentRootPath);

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");

        // Written aside, then renamed: whatever watches the folder never sees half a message.
        await message.WriteToAsync(file + ".part", ct);
        File.Move(file + ".part", file);
    }
}

/// <summary>SMTP through MailKit when <c>Email:Smtp:Host</c> is set.</summary>
public sealed class SmtpTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set."), smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto, ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>Queues mail in the database, in the same save as the thing it is about; the dispatcher sends it.</summary>
public sealed class Outbox(MailDispatcher dispatcher, TimeProvider clock)
{
    public const string SecretRemoved = "(Removed after sending: this message held a single-use link.)";

    /// <param name="containsSecret">True when the body holds a link that must not outlive the sending (invitations).</param>
    public void Enqueue(ClarityDbContext db, string to, string subject, string body, bool containsSecret = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutboxMessage { To = to, Subject = subject, Body = body, CreatedAt = now, NextAttemptAt = now, ContainsSecret = containsSecret });
    }

    /// <summary>Call after saving: sends now rather than at the next poll.</summary>
    public void Kick() => dispatcher.Kick();
}

/// <summary>Sends queued mail; a failure is retried with growing waits and never loses the message.</summary>
public sealed class MailDispatcher(
    IDbContextFactory<ClarityDbContext> dbFactory, IMailTransport transport, IOptions<MailOptions> options, TimeProvider clock,
    ILogger<MailDispatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim signal = new(0);

    public void Kick() => signal.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Mail dispatch failed; will try again.");
            }

            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.Where(m => m.SentAt == null && m.NextAttemptAt <= now).OrderBy(m => m.Id).Take(20).ToListAsync(ct);
        var sent = 0;
        foreach (var message in due)
        {
            try
            {
                var mime = new MimeMessage();
                mime.From.Add(MailboxAddress.Parse(options.Value.From));
                mime.To.Add(MailboxAddress.Parse(message.To));
                mime.Subject = message.Subject;
                mime.Body = new TextPart("plain") { Text = message.Body };
                await transport.SendAsync(mime, ct);
                message.SentAt = clock.GetUtcNow().UtcDateTime;
                if (message.ContainsSecret)
                {
                    message.Body = Outbox.SecretRemoved; // only the token's hash stays in the database
                }

                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.Attempts++;
                message.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                message.NextAttemptAt = now.AddMinutes(Math.Min(60, Math.Pow(2, message.Attempts)));
                logger.LogWarning("Mail {Id} to the outbox failed (attempt {Attempts}): {Error}", message.Id, message.Attempts, message.LastError);
            }

            await db.SaveChangesAsync(ct);
        }

        return sent;
    }

    public override void Dispose()
    {
        signal.Dispose();
        base.Dispose();
    }
}

public static class MailSetup
{
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Email");
        builder.Services.Configure<MailOptions>(section);
        if (!string.IsNullOrWhiteSpace(section["Smtp:Host"]))
        {
            builder.Services.AddSingleton<IMailTransport, SmtpTransport>();
        }
        else
        {
            builder.Services.AddSingleton<IMailTransport, PickupFolderTransport>();
        }

        builder.Services.AddSingleton<MailDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MailDispatcher>());
        builder.Services.AddSingleton<Outbox>();
        return builder;
    }
}
