namespace ClarityPortal.Data.Identity;

/// <summary>
/// A "forgot your password" link: only the SHA-256 of its token is stored; it works once, until <see
/// cref="ExpiresAt"/>.
/// </summary>
public class PasswordResetToken
{
    public int Id { get; set; }

    public string UserId { get; set; } = "";

    public ApplicationUser? User { get; set; }

    public string TokenHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>When the link was used, or made void by a newer link or a completed reset.</summary>
    public DateTime? UsedAt { get; set; }
}
