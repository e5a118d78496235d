using ClarityPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ClarityPortal.Web.Infrastructure.Mail;

/// <summary>Sends queued mail; a failure is retried with growing waits and never loses the message.</summary>
public sealed class MailDispatcher(
    IDbContextFactory<ClarityDbContext> dbFactory,
    IMailTransport transport,
    IOptions<MailOptions> options,
    TimeProvider clock,
    Telemetry.PortalTelemetry telemetry,
    ILogger<MailDispatcher> logger
) : BackgroundService
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

    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db
            .Outbox.Where(m => m.SentAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id)
            .Take(20)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var message in due)
        {
            // Claim the message first (push its next attempt past any send), so two dispatchers — the background one
            // and a direct call, or two instances — never send it twice. A claim left by a crash expires. The clock
            // is read per message: a slow batch must not hand out claims that have already run out.
            now = clock.GetUtcNow().UtcDateTime;
            var claimed = await db
                .Outbox.Where(m => m.Id == message.Id && m.SentAt == null && m.NextAttemptAt <= now)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, now.Add(ClaimFor)), ct);
            if (claimed == 0)
            {
                db.Entry(message).State = EntityState.Detached;
                continue;
            }

            message.NextAttemptAt = now.Add(ClaimFor);
            try
            {
                var mime = new MimeMessage();
                mime.From.Add(MailboxAddress.Parse(options.Value.From));
                mime.To.Add(MailboxAddress.Parse(message.To));
                mime.Subject = message.Subject;
                mime.Body = new TextPart("plain") { Text = message.Body };
                if (message.UnsubscribeUrl is { } unsubscribe)
                {
                    // RFC 2369 and RFC 8058: mail apps show an unsubscribe button that posts to the address.
                    mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
                    mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                }

                await transport.SendAsync(mime, ct);
                message.SentAt = clock.GetUtcNow().UtcDateTime;
                if (message.ContainsSecret)
                {
                    message.Body = Outbox.SecretRemoved; // only the token's hash stays in the database
                }

                sent++;
                telemetry.MailsSent.Add(1);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.Attempts++;
                telemetry.MailsFailed.Add(1);
                message.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                message.NextAttemptAt = now.AddMinutes(Math.Min(60, Math.Pow(2, message.Attempts)));
                logger.LogWarning(
                    "Mail {Id} to the outbox failed (attempt {Attempts}): {Error}",
                    message.Id,
                    message.Attempts,
                    message.LastError
                );
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
