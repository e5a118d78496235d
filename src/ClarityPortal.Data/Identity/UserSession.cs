namespace ClarityPortal.Data.Identity;

/// <summary>
/// A signed-in browser. The sign-in cookie holds only this row's key; the ticket lives here (protected), so signing
/// out, "sign out everywhere" or an expired lifetime ends the session even for a copied cookie.
/// </summary>
public class UserSession
{
    /// <summary>A random key, the only thing the cookie carries.</summary>
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public ApplicationUser? User { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    /// <summary>The absolute end of the session, whatever the activity.</summary>
    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>The browser's own description (User-Agent), shortened, so people recognise their devices.</summary>
    public string Device { get; set; } = "";

    /// <summary>The authentication ticket, serialized and protected with the data-protection keys.</summary>
    public byte[] Ticket { get; set; } = [];
}
