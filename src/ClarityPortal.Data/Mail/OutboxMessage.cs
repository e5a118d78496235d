namespace ClarityPortal.Data.Mail;

/// <summary>
/// An email waiting to be sent. Saved with the request it belongs to, so a mail failure loses nothing.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>The body holds a secret (a single-use link); it is blanked once the message is handed over.</summary>
    public bool ContainsSecret { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>A one-click unsubscribe address, sent as the List-Unsubscribe header (reminder mail only).</summary>
    public string? UnsubscribeUrl { get; set; }
}
