using Bunit;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Components.Layout;
using ClarityPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.ComponentTests.Layout;

public class MainLayoutTests : DbComponentTest
{
    // The idle-logoff warning reads the session store (the browser tests cover it); the footer reads the clinic's
    // details from the database.
    public MainLayoutTests()
    {
        ComponentFactories.AddStub<IdleWarning>();
        Db.Create(Services);
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "The page body"))));

    private static string[] NavLabels(IRenderedComponent<MainLayout> layout) =>
        [.. layout.FindAll(".mud-drawer .mud-nav-link").Select(a => a.TextContent.Trim())];

    [Fact]
    public void EveryPageCarriesOneCrisisStripAndTheEducationDisclaimer()
    {
        var layout = RenderLayout();

        Assert.Contains("The page body", layout.Find("main").TextContent);
        var strip = layout.Find(".crisis-strip");
        Assert.NotNull(strip.QuerySelector("a[href='tel:911']"));
        Assert.NotNull(strip.QuerySelector("a[href='tel:988']"));
        Assert.Contains("Suicide & Crisis Lifeline", strip.TextContent);
        Assert.Single(layout.FindAll(".crisis-notice")); // pages add at most one notice where it matters
        Assert.Contains("education, not medical advice", layout.Find("footer").TextContent);
        Assert.Empty(layout.FindAll("#clinic-contact")); // no clinic details invented before an admin sets them
    }

    [Fact]
    public void AnonymousVisitorsSeeHomeAndSignInOnly()
    {
        var layout = RenderLayout();

        Assert.Equal(["Home", "Learn", "Providers", "Contact", "Sign in"], NavLabels(layout));
        Assert.Contains("Sign in", layout.Find("header").TextContent);
        Assert.Empty(layout.FindAll("form[action='/account/logout']"));
    }

    [Fact]
    public void PhonesGetTheSameLinksInAMenuThatNeedsNoCircuit()
    {
        SignInAs("pat@clarity.test", PortalRoles.Patient);

        var menu = Render<PhoneNav>().Find("details.phone-nav");
        var layout = RenderLayout();

        Assert.Equal("Menu", menu.QuerySelector("summary")!.TextContent.Trim());
        var links = menu.QuerySelectorAll("nav .mud-nav-link").Select(a => a.TextContent.Trim());
        Assert.Equal(NavLabels(layout), links);
        Assert.All(menu.QuerySelectorAll("nav a"), a => Assert.False(string.IsNullOrEmpty(a.GetAttribute("href"))));
        Assert.Empty(layout.FindAll("details")); // outside the layout, so a starting circuit cannot close it
    }

    [Fact]
    public void APatientSeesTheirAccountButNoStaffOrAdminPages()
    {
        SignInAs("pat@clarity.test", PortalRoles.Patient);

        var layout = RenderLayout();

        Assert.Equal(["Home", "Learn", "Providers", "Contact", "My learning", "My account"], NavLabels(layout));
        Assert.Contains("Patient", layout.Find(".user-menu").TextContent);
        Assert.Single(layout.FindAll("form[action='/account/logout']"));
    }

    [Fact]
    public void AClinicianSeesNoAdministrationPages()
    {
        SignInAs("clinician@clarity.test", PortalRoles.Clinician);

        var layout = RenderLayout();

        Assert.Equal(
            ["Home", "Learn", "Providers", "Contact", "My account", "Overview", "Patients", "Inbox"],
            NavLabels(layout)
        );
        Assert.Contains("Clinician", layout.Find(".user-menu").TextContent);
    }

    [Fact]
    public void AnAdminSeesTheAdministrationPages()
    {
        SignInAs("admin@clarity.test", PortalRoles.Admin);

        var layout = RenderLayout();

        Assert.Equal(
            [
                "Home",
                "Learn",
                "Providers",
                "Contact",
                "My account",
                "Overview",
                "Patients",
                "Inbox",
                "Staff",
                "Manage providers",
                "Modules",
                "Clinic details",
                "Audit log",
            ],
            NavLabels(layout)
        );
        Assert.Contains("Admin", layout.Find(".user-menu").TextContent);
    }

    [Fact]
    public void TheThemeToggleSwitchesToDarkAndRemembersItInTheBrowser()
    {
        var layout = RenderLayout();
        var toggle = layout.Find("button[aria-label='Switch to dark theme']");

        toggle.Click();

        Assert.NotNull(layout.Find("button[aria-label='Switch to light theme']"));
        Assert.Contains(
            JSInterop.Invocations,
            i => i.Identifier == "clarityPortal.setTheme" && (string?)i.Arguments[0] == "dark"
        );
    }

    [Fact]
    public async Task TheFooterShowsTheClinicsPhoneAsALinkOnceAnAdminSetsIt()
    {
        await Services
            .GetRequiredService<ClinicInfo>()
            .SaveAsync(
                new ClinicContact("Riverside Psychiatry", "+1 (555) 010-0199", "", "9–5", "", "", "", false),
                "test",
                DateTime.UtcNow
            );
        var footer = RenderLayout().Find("#clinic-contact");

        Assert.Contains("Riverside Psychiatry", footer.TextContent);
        Assert.Equal("tel:+15550100199", footer.QuerySelector("a")!.GetAttribute("href"));
    }
}
