using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using ClarityPortal.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;

namespace ClarityPortal.Web.Infrastructure.Identity;

/// <summary>
/// <c>dotnet run --project src/ClarityPortal.Web -- create-admin --email you@clinic.org [--name "Your Name"]</c>:
/// creates the first admin of a new installation. The password comes from <c>CLARITY_ADMIN_PASSWORD</c> or is asked
/// for.
/// </summary>
public static class CreateAdminCommand
{
    public const string Verb = "create-admin";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(
        IServiceProvider services,
        string[] args,
        TextReader input,
        TextWriter output
    )
    {
        var email = Option(args, "--email");
        var name = Option(args, "--name") ?? email;
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            await output.WriteLineAsync("Usage: create-admin --email you@clinic.org [--name \"Your Name\"]");
            return 2;
        }

        var password = Environment.GetEnvironmentVariable("CLARITY_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteAsync("Password for the new admin (at least 12 characters): ");
            password = await input.ReadLineAsync() ?? "";
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            await output.WriteLineAsync($"An account for {email} already exists; nothing was changed.");
            return 1;
        }

        try
        {
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var db = scope.ServiceProvider.GetRequiredService<ClarityDbContext>();
            await using var change = await scope.ServiceProvider.GetRequiredService<AuditLog>().BeginAsync(db);
            var user = await IdentitySeed.EnsureUserAsync(
                users,
                email,
                name!,
                UserKind.Staff,
                PortalRoles.Admin,
                now,
                password
            );
            change.Record(null, "system (create-admin)", AuditActions.AdminCreated, email, $"user {user.Id}");
            await change.CommitAsync();
            await output.WriteLineAsync($"Admin {email} created. Sign in at /account/login.");
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
