using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClarityPortal.Data.Audit;

namespace ClarityPortal.Web.Infrastructure.Audit;

/// <summary>
/// The chain over audit events: each row's hash is an HMAC (key from configuration, never in the database) over its
/// content and the previous row's hash, so rewriting rows needs the key as well as database access.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the very first row.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string ComputeHash(AuditEvent e, byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Canonical(e)));

    /// <summary>The keyless SHA-256 of the first version, used only to re-seal a chain written before keys.</summary>
    public static string LegacyHash(AuditEvent e) => Convert.ToHexStringLower(SHA256.HashData(Canonical(e)));

    private static byte[] Canonical(AuditEvent e)
    {
        // A JSON array is an unambiguous encoding: no field can bleed into the next.
        var canonical = JsonSerializer.Serialize(
            new[]
            {
                e.PreviousHash,
                e.At.ToUniversalTime().ToString("O"),
                e.ActorId ?? "",
                e.Actor,
                e.Action,
                e.Subject,
                e.Details,
            }
        );
        return Encoding.UTF8.GetBytes(canonical);
    }

    /// <summary>Walks the rows in order and reports the first one whose hash or link does not hold.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEvent> eventsInOrder, byte[] key)
    {
        var walker = new Walker(key);
        foreach (var e in eventsInOrder)
        {
            if (!walker.Accept(e))
            {
                return walker.Result;
            }
        }

        return walker.Result;
    }

    /// <summary>Checks rows one at a time, so a long chain can be streamed from the database.</summary>
    public sealed class Walker(byte[] key)
    {
        private string previous = Genesis;
        private int count;
        private long? brokenId;

        public AuditVerification Result => new(brokenId is null, count, brokenId);

        public bool Accept(AuditEvent e)
        {
            if (brokenId is not null)
            {
                return false;
            }

            if (e.PreviousHash != previous || e.Hash != ComputeHash(e, key))
            {
                brokenId = e.Id;
                return false;
            }

            previous = e.Hash;
            count++;
            return true;
        }
    }
}
