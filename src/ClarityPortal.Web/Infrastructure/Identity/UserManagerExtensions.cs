using ClarityPortal.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>Small Identity steps the staff page and Entra ID linking both take.</summary>
public static class UserManagerExtensions
{
    /// <summary>Throws with Identity's own messages when a step failed; <paramref name="what"/> says which.</summary>
    public static void ThrowIfFailed(this IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"{what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}"
            );
        }
    }

    /// <summary>
    /// Gives or takes <paramref name="role"/> so the user ends up with it exactly when <paramref name="wanted"/>.
    /// </summary>
    public static async Task SetRoleAsync(
        this UserManager<ApplicationUser> users,
        ApplicationUser user,
        string role,
        bool wanted,
        string what
    )
    {
        var has = await users.IsInRoleAsync(user, role);
        if (wanted && !has)
        {
            (await users.AddToRoleAsync(user, role)).ThrowIfFailed(what);
        }
        else if (!wanted && has)
        {
            (await users.RemoveFromRoleAsync(user, role)).ThrowIfFailed(what);
        }
    }
}
