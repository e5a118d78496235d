using Bunit;
using ClarityPortal.Data;
using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Identity;
using ClarityPortal.Web.Features.Contact;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.ComponentTests.Contact;

public class ContactComponentTests : DbComponentTest
{
    private IRenderedComponent<ContactPage> RenderForm() =>
        Render<ContactPage>(p => p.AddCascadingValue<HttpContext>(new DefaultHttpContext()));

    [Fact]
    public void TheCrisisNoticeSitsRightAboveTheMessageBox()
    {
        Db.Create(Services);
        var form = RenderForm();

        var crisis = form.Find(".contact__crisis");
        var message = form.Find("#message");

        Assert.Contains("911", crisis.TextContent);
        Assert.Contains("988", crisis.TextContent);
        Assert.True(
            crisis.CompareDocumentPosition(message).HasFlag(AngleSharp.Dom.DocumentPositions.Following),
            "the crisis notice must come before the message box"
        );
        Assert.Same(crisis.NextElementSibling, message.ParentElement);
    }

    [Fact]
    public void SendingAnEmptyFormShowsAMessageNextToEachField()
    {
        Db.Create(Services);
        var form = RenderForm();

        form.Find("form").Submit();

        var messages = form.FindAll(".field__error").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("Tell us your name.", messages);
        Assert.Contains("Write a short message.", messages);
        Assert.Contains("Please agree to be contacted so we can reply.", messages);
        Assert.Contains("Give an email or a phone number so we can reply.", messages); // with the others, not after
        var links = form.FindAll(".error-summary a").Select(a => a.GetAttribute("data-field")).ToList();
        Assert.Equal(["name", "email", "message", "consent"], links);
        Assert.All(links, id => Assert.NotNull(form.Find($"#{id}")));
        Assert.Equal(
            0,
            Services.GetRequiredService<IDbContextFactory<ClarityDbContext>>().CreateDbContext().ContactRequests.Count()
        );
    }

    [Fact]
    public void TheInboxTabsCountRequestsByStatus()
    {
        Db.Create(Services);
        using (var context = Services.GetRequiredService<IDbContextFactory<ClarityDbContext>>().CreateDbContext())
        {
            var statuses = new[]
            {
                ContactStatus.New,
                ContactStatus.New,
                ContactStatus.New,
                ContactStatus.InProgress,
                ContactStatus.Closed,
                ContactStatus.Spam,
                ContactStatus.Spam,
            };
            context.ContactRequests.AddRange(
                statuses.Select(
                    (s, i) =>
                        new ContactRequest
                        {
                            Code = $"CR-{"ABCDEFG"[i]}2345",
                            Name = $"Person {i}",
                            Message = "Hello",
                            Status = s,
                            SubmittedAt = DateTime.UtcNow.AddHours(-i),
                        }
                )
            );
            context.SaveChanges();
        }

        SignInAs("admin@clarity.test", PortalRoles.Admin);
        var inbox = Render<InboxPage>();

        inbox.WaitForAssertion(() => Assert.Equal(3, inbox.FindAll("tbody tr").Count));
        var tabs = inbox
            .FindAll("[role=tab]")
            .ToDictionary(
                t => t.TextContent.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0],
                t => t.QuerySelector(".inbox-tab__count")!.TextContent
            );
        Assert.Equal("3", tabs["New"]);
        Assert.Equal("1", tabs["In"]);
        Assert.Equal("0", tabs["Scheduled"]);
        Assert.Equal("1", tabs["Closed"]);
        Assert.Equal("2", tabs["Spam"]);

        inbox.FindAll("[role=tab]").Single(t => t.TextContent.StartsWith("Spam", StringComparison.Ordinal)).Click();
        inbox.WaitForAssertion(() => Assert.Equal(2, inbox.FindAll("tbody tr").Count));
    }
}
