using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.UnitTests.Identity;

public class IdentityRulesTests
{
    private static IdentityOptions Options()
    {
        var options = new IdentityOptions();
        IdentitySetup.ConfigureIdentity(options);
        return options;
    }

    [Fact]
    public void LockoutAfterFiveFailuresLastsFifteenMinutes()
    {
        var lockout = Options().Lockout;

        Assert.True(lockout.AllowedForNewUsers);
        Assert.Equal(5, lockout.MaxFailedAccessAttempts);
        Assert.Equal(TimeSpan.FromMinutes(15), lockout.DefaultLockoutTimeSpan);
    }

    [Theory]
    [InlineData("Short-Pas1!", false)] // 11 characters
    [InlineData("Demo-Pass-2026!", true)] // the demo password
    [InlineData("aaaaaaaaaaaa", false)] // long enough but no variety
    [InlineData("Twelve-Chars1", true)]
    [InlineData("purple elephants dance quietly", true)] // a sentence: no upper case, digit or symbol needed
    [InlineData("correcthorsebatterystaple", true)]
    [InlineData("unbelievable", false)] // on the common-password list (any case)
    [InlineData("ScandinaviaN", false)]
    public async Task PasswordsNeedTwelveCharactersNoCompositionAndNotACommonOne(string password, bool valid)
    {
        var services = new ServiceCollection().AddLogging();
        services
            .AddIdentityCore<ApplicationUser>(IdentitySetup.ConfigureIdentity)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddUserStore<NoUserStore>();
        using var provider = services.BuildServiceProvider();
        var users = provider.GetRequiredService<UserManager<ApplicationUser>>();

        var results = await Task.WhenAll(
            users.PasswordValidators.Select(v => v.ValidateAsync(users, new ApplicationUser(), password))
        );

        Assert.Equal(valid, results.All(r => r.Succeeded));
    }

    [Fact]
    public async Task AVeryLongPasswordIsRefusedAbove128AndTheListHasTenThousandEntries()
    {
        var validator = new CommonPasswordValidator();

        var ok = await validator.ValidateAsync(null!, new ApplicationUser(), new string('x', 64) + "yz");
        var tooLong = await validator.ValidateAsync(null!, new ApplicationUser(), new string('x', 129));

        Assert.True(ok.Succeeded); // ASVS: at least 64 characters allowed
        Assert.Equal("PasswordTooLong", Assert.Single(tooLong.Errors).Code);
        Assert.True(CommonPasswordValidator.ListSize >= 10_000, $"{CommonPasswordValidator.ListSize} entries");
    }

    [Fact]
    public void EmailsAreUniqueAndAccountsNeedNoEmailConfirmation()
    {
        var options = Options();

        Assert.True(options.User.RequireUniqueEmail);
        Assert.False(options.SignIn.RequireConfirmedAccount);
    }

    /// <summary>A store the validators never touch: password rules do not read users.</summary>
    private sealed class NoUserStore : IUserStore<ApplicationUser>
    {
        public Task<IdentityResult> CreateAsync(ApplicationUser user, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<IdentityResult> DeleteAsync(ApplicationUser user, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<ApplicationUser?> FindByIdAsync(string userId, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<ApplicationUser?> FindByNameAsync(string normalizedUserName, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<string?> GetNormalizedUserNameAsync(ApplicationUser user, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<string> GetUserIdAsync(ApplicationUser user, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<string?> GetUserNameAsync(ApplicationUser user, CancellationToken ct) =>
            Task.FromResult(user.UserName);

        public Task SetNormalizedUserNameAsync(ApplicationUser user, string? normalizedName, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task SetUserNameAsync(ApplicationUser user, string? userName, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<IdentityResult> UpdateAsync(ApplicationUser user, CancellationToken ct) =>
            throw new NotSupportedException();

        public void Dispose() { }
    }
}
