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
}
