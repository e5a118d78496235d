using ClarityPortal.Data.Patients;
using ClarityPortal.Web.Features.Invitations;

namespace ClarityPortal.UnitTests.Patients;

public class InvitationTokensTests
{
    private static readonly DateTime Sent = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    private static Invitation Sample() => new() { CreatedAt = Sent, ExpiresAt = Sent + InvitationTokens.Lifetime };

    [Fact]
    public void ATokenIsRandomUrlSafeAndOnlyItsHashIsKept()
    {
        var (token, hash) = InvitationTokens.Create();
        var (other, _) = InvitationTokens.Create();

        Assert.NotEqual(token, other);
        Assert.True(InvitationTokens.LooksValid(token));
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(token, hash, StringComparison.Ordinal);
        Assert.Equal(hash, InvitationTokens.Hash(token));
    }

    [Fact]
    public void AnInvitationWorksForSevenDaysAndNotASecondLonger()
    {
        Assert.Equal(TimeSpan.FromDays(7), InvitationTokens.Lifetime);
        Assert.Equal(InvitationState.Valid, InvitationTokens.Check(Sample(), Sent.AddDays(7).AddSeconds(-1)));
        Assert.Equal(InvitationState.Expired, InvitationTokens.Check(Sample(), Sent.AddDays(7)));
    }

    [Fact]
    public void AUsedInvitationCannotBeUsedAgainEvenBeforeItExpires()
    {
        var used = Sample();
        used.UsedAt = Sent.AddHours(1);

        Assert.Equal(InvitationState.Used, InvitationTokens.Check(used, Sent.AddHours(2)));
    }

    [Fact]
    public void RevokedAndUnknownTokensAreRefused()
    {
        var revoked = Sample();
        revoked.RevokedAt = Sent.AddHours(1);

        Assert.Equal(InvitationState.Revoked, InvitationTokens.Check(revoked, Sent.AddHours(2)));
        Assert.Equal(InvitationState.Unknown, InvitationTokens.Check(null, Sent));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa<")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void MalformedTokensAreRejectedBeforeAnyLookUp(string? token) =>
        Assert.False(InvitationTokens.LooksValid(token));
}
