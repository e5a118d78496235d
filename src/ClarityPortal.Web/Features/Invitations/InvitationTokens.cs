using ClarityPortal.Data.Patients;
using ClarityPortal.Web.Infrastructure;

namespace ClarityPortal.Web.Features.Invitations;

/// <summary>Invitation tokens: random, sent once, stored only as a hash, single use, seven days.</summary>
public static class InvitationTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>A new token (32 random bytes, URL-safe) and the hash to store.</summary>
    public static (string Token, string Hash) Create() => SecureTokens.Create();

    public static string Hash(string token) => SecureTokens.Hash(token);

    /// <summary>
    /// Whether a stored invitation (or none, for a forged token) may still be accepted at <paramref name="now"/>.
    /// </summary>
    public static InvitationState Check(Invitation? invitation, DateTime now) =>
        invitation switch
        {
            null => InvitationState.Unknown,
            { UsedAt: not null } => InvitationState.Used,
            { RevokedAt: not null } => InvitationState.Revoked,
            _ when now >= invitation.ExpiresAt => InvitationState.Expired,
            _ => InvitationState.Valid,
        };

    /// <summary>A token is plausible before any database look-up: 43 URL-safe characters.</summary>
    public static bool LooksValid(string? token) => SecureTokens.LooksValid(token);
}
