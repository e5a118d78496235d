using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Shell;

public class ProductionChecksTests
{
    [Fact]
    public async Task ProductionRefusesToStartWithUnsafeSettingsNamingEveryProblemAtOnce()
    {
        await using var portal = new PortalFactory
        {
            Settings =
            {
                ["Portal:PublicUrl"] = "http://portal.clinic.example",
                ["Contact:ClientHashKey"] = "change-me",
                ["AllowedHosts"] = "*",
                ["Email:AllowPickupFolder"] = "false",
                ["DataProtection:AllowUnprotectedKeys"] = "false",
            },
        };

        var error = Assert.ThrowsAny<Exception>(() => portal.CreatePortalClient());

        var message = Flatten(error);
        Assert.Contains("will not start in Production", message, StringComparison.Ordinal);
        foreach (
            var key in new[]
            {
                "Portal:PublicUrl",
                "Contact:ClientHashKey",
                "AllowedHosts",
                "Email:Smtp:Host",
                "DataProtection:CertificatePath",
            }
        )
        {
            Assert.Contains(key, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ProductionRefusesADatabaseThatStillHoldsTheDemoAccounts()
    {
        var path = Path.Combine(Path.GetTempPath(), $"clarity-demo-{Guid.NewGuid():N}.db");
        var database = new Dictionary<string, string> { ["ConnectionStrings:Sqlite"] = $"Data Source={path}" };
        try
        {
            await using (var first = new PortalFactory())
            {
                first.Settings["ConnectionStrings:Sqlite"] = database["ConnectionStrings:Sqlite"];
                await using var scope = first.Services.CreateAsyncScope();
                await IdentitySeed.EnsureUserAsync(
                    scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                    IdentitySeed.DemoAdmin,
                    "Avery Admin",
                    UserKind.Staff,
                    PortalRoles.Admin,
                    DateTime.UtcNow
                );
            }

            await using var second = new PortalFactory();
            second.Settings["ConnectionStrings:Sqlite"] = database["ConnectionStrings:Sqlite"];

            var error = Assert.ThrowsAny<Exception>(() => second.CreatePortalClient());

            Assert.Contains("demo accounts (@clarity.test)", Flatten(error), StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static string Flatten(Exception error) =>
        error is AggregateException a ? string.Join(" | ", a.InnerExceptions.Select(Flatten))
        : error.InnerException is { } inner ? $"{error.Message} | {Flatten(inner)}"
        : error.Message;
}
