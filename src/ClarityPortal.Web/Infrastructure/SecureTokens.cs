using System.Security.Cryptography;
using System.Text;

namespace ClarityPortal.Web.Infrastructure;

/// <summary>
/// Tokens that travel once in an email (invitations, password resets): 32 random bytes, URL-safe, and only their
/// SHA-256 is stored.
/// </summary>
public static class SecureTokens
{
    /// <summary>A new token and the hash to store.</summary>
    public static (string Token, string Hash) Create()
    {
        var token = Convert
            .ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=')
            .Replace('+', '-')
            .Replace('/', '_');
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A token is plausible before any database look-up: 43 URL-safe characters.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
