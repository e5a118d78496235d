using ClarityPortal.Data.Audit;
using ClarityPortal.Web.Infrastructure.Audit;

namespace ClarityPortal.UnitTests.Audit;

public class AuditChainTests
{
    private static readonly byte[] Key = "unit-tests-audit-key-0123456789abcdef"u8.ToArray();

    private static List<AuditEvent> Chain(int count)
    {
        var rows = new List<AuditEvent>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var row = new AuditEvent
            {
                Id = i,
                At = new DateTime(2026, 11, 28, 9, 0, i, DateTimeKind.Utc),
                ActorId = $"user-{i}",
                Actor = $"user{i}@clarity.test",
                Action = AuditActions.SignInSucceeded,
                Subject = $"user{i}@clarity.test",
                Details = "password",
                PreviousHash = previous,
            };
            row.Hash = AuditChain.ComputeHash(row, Key);
            previous = row.Hash;
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public void AnUntouchedChainVerifiesAsIntact()
    {
        var result = AuditChain.Verify(Chain(5), Key);

        Assert.True(result.Intact);
        Assert.Equal(5, result.RowsChecked);
        Assert.Null(result.FirstBrokenId);
    }

    [Fact]
    public void AnAlteredRowIsDetectedAtThatRow()
    {
        var rows = Chain(5);
        rows[2].Details = "changed after the fact";

        var result = AuditChain.Verify(rows, Key);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenId);
        Assert.Equal(2, result.RowsChecked);
    }

    [Fact]
    public void AnAlteredRowWithARecomputedHashBreaksTheNextLink()
    {
        var rows = Chain(5);
        rows[1].Actor = "someone-else@clarity.test";
        rows[1].Hash = AuditChain.ComputeHash(rows[1], Key);

        var result = AuditChain.Verify(rows, Key);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenId);
    }

    [Fact]
    public void ADeletedRowIsDetectedAtTheRowAfterIt()
    {
        var rows = Chain(5);
        rows.RemoveAt(1);

        var result = AuditChain.Verify(rows, Key);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenId);
    }

    [Fact]
    public void FieldsCannotBleedIntoEachOther()
    {
        var a = new AuditEvent
        {
            At = DateTime.UnixEpoch,
            Actor = "ab",
            Action = "c",
            PreviousHash = AuditChain.Genesis,
        };
        var b = new AuditEvent
        {
            At = DateTime.UnixEpoch,
            Actor = "a",
            Action = "bc",
            PreviousHash = AuditChain.Genesis,
        };

        Assert.NotEqual(AuditChain.ComputeHash(a, Key), AuditChain.ComputeHash(b, Key));
    }

    [Fact]
    public void AChainRewrittenWithoutTheKeyDoesNotVerify()
    {
        var rows = Chain(3);
        var previous = AuditChain.Genesis;
        foreach (var row in rows)
        {
            row.Details = "rewritten";
            row.PreviousHash = previous;
            row.Hash = AuditChain.LegacyHash(row); // everything an attacker with database access alone can compute
            previous = row.Hash;
        }

        var result = AuditChain.Verify(rows, Key);

        Assert.False(result.Intact);
        Assert.Equal(rows[0].Id, result.FirstBrokenId);
        Assert.False(AuditChain.Verify(Chain(3), "another-key-of-thirty-two-chars!!"u8.ToArray()).Intact);
    }

    private static AuditEvent Viewed(string? actorId = null, int milliseconds = 234) =>
        new()
        {
            At = new DateTime(2026, 11, 28, 9, 0, 1, milliseconds, DateTimeKind.Utc),
            ActorId = actorId,
            Actor = "nurse@clarity.test",
            Action = "patient.viewed",
            Subject = "patient-7",
            Details = "opened the record",
            PreviousHash = AuditChain.Genesis,
        };

    [Fact]
    public void TheHashIsAnHmacOverAJsonArrayOfTheFieldsSoStoredChainsKeepVerifying()
    {
        // HMAC-SHA256 with Key over
        // ["000…0","2026-11-28T09:00:01.2340000Z","","nurse@clarity.test","patient.viewed","patient-7",
        // "opened the record"], computed outside .NET. Any change to the encoding breaks every stored chain.
        Assert.Equal(
            "b32fe6c829ff1fb848a19791b9d12999f0c649783789cc3f11125bbbd8490326",
            AuditChain.ComputeHash(Viewed(), Key)
        );
        Assert.Equal(
            "0b49aaeeec89552af4216fcef14dfea9c2444a042ecf54f3bb778d3bb3bdbab2",
            AuditChain.LegacyHash(Viewed())
        );
    }

    [Fact]
    public void TheActorIdAndTheMillisecondAreSealed()
    {
        var hash = AuditChain.ComputeHash(Viewed(), Key);

        Assert.NotEqual(hash, AuditChain.ComputeHash(Viewed(actorId: "user-7"), Key));
        Assert.NotEqual(hash, AuditChain.ComputeHash(Viewed(milliseconds: 235), Key));
        Assert.Equal(hash, AuditChain.ComputeHash(Viewed(actorId: ""), Key)); // a system event has no actor id
    }

    [Fact]
    public void VerifyingStopsReadingAtTheFirstBrokenRow()
    {
        var rows = Chain(5);
        rows[1].Details = "changed after the fact";
        var read = 0;

        IEnumerable<AuditEvent> Stream()
        {
            foreach (var row in rows)
            {
                read++;
                yield return row;
            }
        }

        var result = AuditChain.Verify(Stream(), Key);

        Assert.Equal(2, result.FirstBrokenId);
        Assert.Equal(2, read); // a long chain is not read to its end once it is known to be broken
    }

    [Fact]
    public void AWalkerRefusesTheBrokenRowAndEveryRowAfterIt()
    {
        var rows = Chain(3);
        rows[1].Details = "changed after the fact";
        var walker = new AuditChain.Walker(Key);

        Assert.True(walker.Accept(rows[0]));
        Assert.False(walker.Accept(rows[1]));
        Assert.False(walker.Accept(rows[2])); // though its own link to row 2's stored hash holds
        Assert.Equal(new AuditVerification(false, 1, 2), walker.Result);
    }
}
