using Bunit;
using ClarityPortal.Data;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Providers;
using ClarityPortal.Web.Features.Providers;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.ComponentTests.Providers;

public class ProviderComponentTests : DbComponentTest
{
    private int Seed()
    {
        Db.Create(Services);
        using var context = Services.GetRequiredService<IDbContextFactory<ClarityDbContext>>().CreateDbContext();
        context.Providers.AddRange(
            new Provider
            {
                Slug = "ana",
                Name = "Ana Diaz",
                Specialties = ["Depression"],
                Languages = ["Spanish"],
                AcceptingNewPatients = true,
                IsPublished = true,
                SortOrder = 1,
            },
            new Provider
            {
                Slug = "ben",
                Name = "Ben Ode",
                Specialties = ["Trauma"],
                Languages = ["English"],
                AcceptingNewPatients = false,
                IsPublished = true,
                SortOrder = 2,
            }
        );
        context.SaveChanges();
        return context.Providers.Single(p => p.Slug == "ana").Id;
    }

    [Fact]
    public void AProfileShowsOnlyTheFactsTheClinicGave()
    {
        Db.Create(Services);
        using (var context = Services.GetRequiredService<IDbContextFactory<ClarityDbContext>>().CreateDbContext())
        {
            context.Providers.Add(
                new Provider
                {
                    Slug = "quiet",
                    Name = "Quinn Quiet",
                    Title = "Psychiatrist",
                    Bio = "A short bio.",
                    Specialties = ["Integrative psychiatry"],
                    IsPublished = true,
                    SortOrder = 3,
                }
            );
            context.SaveChanges();
        }

        var page = Render<ProviderProfilePage>(p => p.Add(x => x.Slug, "quiet"));

        page.WaitForAssertion(() => Assert.Contains("Integrative psychiatry", page.Markup));
        foreach (var unset in new[] { "ccepting new patients", "Telehealth", "Not offered", "Languages", "modalities" })
        {
            Assert.DoesNotContain(unset, page.Markup, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ChoosingAFilterPutsItInTheAddressAndNarrowsTheList()
    {
        Seed();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/providers");
        var page = Render<ProvidersPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".provider-card").Count));

        page.Find("input[type=checkbox]").Change(true); // "Accepting new patients"

        // The handler navigates after its own await; under load that can land after Change() returns.
        page.WaitForAssertion(() =>
            Assert.EndsWith("/providers?accepting=True", navigation.Uri, StringComparison.OrdinalIgnoreCase)
        );
        page.WaitForAssertion(() =>
            Assert.Equal(["Ana Diaz"], page.FindAll(".provider-card__link").Select(a => a.TextContent.Trim()))
        );
        Assert.Contains("1 provider", page.Find("[role=status]").TextContent);
    }

    [Fact]
    public void AnEmptyResultOffersToClearTheFilters()
    {
        Seed();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/providers?specialty=Trauma&accepting=true");
        var page = Render<ProvidersPage>();

        page.WaitForAssertion(() => Assert.Contains("No provider matches", page.Markup));
        // A plain link, so it works on a visitor's page without a circuit too.
        var clear = page.FindAll("a").Single(a => a.TextContent.Contains("Clear all", StringComparison.Ordinal));
        Assert.Equal("/providers", clear.GetAttribute("href"));
    }

    [Fact]
    public void TheEditFormShowsAMessageForEachProblem()
    {
        Seed();
        SignInAs("admin@clarity.test", PortalRoles.Admin);
        var form = Render<ProviderEditPage>();
        form.WaitForAssertion(() => form.Find(".provider-form"));

        form.FindAll("button").Single(b => b.TextContent.Contains("Save")).Click();

        form.WaitForAssertion(() => Assert.Contains("Enter the provider's name", form.Markup));
        Assert.Contains("Use lowercase letters, digits and hyphens", form.Markup);
    }

    [Fact]
    public void AFileThatIsNotAnImageIsRefused()
    {
        var id = Seed();
        SignInAs("admin@clarity.test", PortalRoles.Admin);
        var form = Render<ProviderEditPage>(p => p.Add(x => x.Id, id));
        form.WaitForAssertion(() => form.FindComponent<InputFile>());

        form.FindComponent<InputFile>()
            .UploadFiles(
                InputFileContent.CreateFromText(
                    "<svg onload=alert(1)></svg>",
                    "portrait.jpg",
                    contentType: "image/jpeg"
                )
            );

        form.WaitForAssertion(() => Assert.Contains("That file is not a JPEG, PNG or WebP image.", form.Markup));
        using var context = Services.GetRequiredService<IDbContextFactory<ClarityDbContext>>().CreateDbContext();
        Assert.Null(context.Providers.Single(p => p.Id == id).Photo);
    }
}
