using System.Net;
using System.Text.RegularExpressions;
using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Mail;
using ClarityPortal.Data.Seeding;
using ClarityPortal.Web.Features.Contact;
using ClarityPortal.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ClarityPortal.IntegrationTests.Contact;

/// <summary>Lets a test say which client address a request comes from (X-Test-Client).</summary>
public sealed class TestClientAddress : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
        app =>
        {
            app.Use(
                (context, nextMiddleware) =>
                {
                    if (context.Request.Headers.TryGetValue("X-Test-Client", out var address))
                    {
                        context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                    }

                    return nextMiddleware(context);
                }
            );
            next(app);
        };
}

public class ContactFactory : PortalFactory
{
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"clarity-mail-{Guid.NewGuid():N}");

    public ContactFactory()
    {
        Settings["Contact:MinimumFillSeconds"] = "0";
        Settings["Email:PickupFolder"] = MailFolder;
        Settings["Email:IntakeAddress"] = "intake@clinic.example";
        TestServices = services => services.AddTransient<IStartupFilter, TestClientAddress>();
    }

    /// <summary>
    /// Every mail in the pickup folder once the outbox is empty. A contact post wakes the portal's own dispatcher
    /// too, which may claim some of the mails this call finds due and still be writing them when it returns; a mail
    /// is marked sent only once its file is in place.
    /// </summary>
    public async Task<List<MimeMessage>> SentMailsAsync()
    {
        await Services.GetRequiredService<MailDispatcher>().SendDueAsync();
        for (var i = 0; i < 300 && await WithDbAsync(db => db.Outbox.AnyAsync(m => m.SentAt == null)); i++)
        {
            await Task.Delay(50);
        }

        return Directory.Exists(MailFolder)
            ? [.. Directory.GetFiles(MailFolder, "*.eml").Select(f => MimeMessage.Load(f))]
            : [];
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }
}

public static partial class ContactPost
{
    [GeneratedRegex("name=\"(__RequestVerificationToken|Form.Started)\" value=\"([^\"]+)\"")]
    private static partial Regex Hidden();

    public static async Task<HttpResponseMessage> SubmitContactAsync(
        this HttpClient client,
        string client_address,
        string message,
        string name = "Jordan Reyes",
        string? email = "jordan@example.org",
        string? website = null,
        bool confirmPerson = false,
        string phone = "",
        string provider = "",
        IReadOnlyDictionary<string, string>? overrides = null
    )
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/contact");
        get.Headers.Add("X-Test-Client", client_address);
        var page = await (await client.SendAsync(get)).Content.ReadAsStringAsync();
        var hidden = Hidden()
            .Matches(page)
            .GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.Last().Groups[2].Value));
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = hidden["__RequestVerificationToken"],
            ["_handler"] = "contact",
            ["Form.Name"] = name,
            ["Form.Email"] = email ?? "",
            ["Form.Phone"] = phone,
            ["Form.PreferredMethod"] = email is null ? "Phone" : "Email",
            ["Form.Topic"] = "KapQuestion",
            ["Form.Message"] = message,
            ["Form.Consent"] = "true",
            ["Form.Started"] = hidden["Form.Started"],
            ["Form.Website"] = website ?? "",
            ["Form.ConfirmPerson"] = confirmPerson ? "true" : "false",
            ["Form.Provider"] = provider,
        };
        foreach (var (field, value) in overrides ?? new Dictionary<string, string>())
        {
            fields[field] = value;
        }

        using var post = new HttpRequestMessage(HttpMethod.Post, "/contact")
        {
            Content = new FormUrlEncodedContent(fields),
        };
        post.Headers.Add("X-Test-Client", client_address);
        return await client.SendAsync(post);
    }
}

public class ContactFlowTests(ContactFactory factory) : IClassFixture<ContactFactory>
{
    private const string Password = "Correct-Horse-2026!";

    private async Task<HttpClient> SignedInAsync(string role, string? email = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        await IdentitySeed.EnsureUserAsync(
            scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            email,
            email,
            role == PortalRoles.Patient ? UserKind.Patient : UserKind.Staff,
            role,
            DateTime.UtcNow,
            Password
        );
        var client = factory.CreatePortalClient();
        await client.SignInAsync(email, Password);
        return client;
    }

    [Fact]
    public async Task ASubmissionIsStoredConfirmedWithItsCodeAndMailedToSenderAndClinic()
    {
        var client = factory.CreatePortalClient();

        var response = await client.SubmitContactAsync("10.0.0.1", "I would like to know if KAP could help me.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var code = Regex.Match(response.Headers.Location!.ToString(), "code=(CR-[A-Z0-9]{5})").Groups[1].Value;
        Assert.True(ContactRules.IsCode(code));
        var confirmation = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains(code, confirmation);
        var stored = await factory.WithDbAsync(db =>
            db.ContactRequests.Include(r => r.History).SingleAsync(r => r.Code == code)
        );
        Assert.Equal(ContactStatus.New, stored.Status);
        Assert.Equal(ContactTopic.KapQuestion, stored.Topic);
        Assert.DoesNotContain("10.0.0.1", stored.ClientHash);

        var mails = await factory.SentMailsAsync();
        Assert.Contains(
            mails,
            m =>
                m.To.ToString() == "jordan@example.org"
                && (m.Subject ?? "").Contains(code, StringComparison.Ordinal)
                && (m.TextBody ?? "").Contains("988", StringComparison.Ordinal)
        );
        Assert.Contains(
            mails,
            m =>
                m.To.ToString() == "intake@clinic.example" && (m.Subject ?? "").Contains(code, StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task AScriptInTheMessageComesBackEscapedOnTheClinicianPage()
    {
        var response = await factory
            .CreatePortalClient()
            .SubmitContactAsync("10.0.0.2", "Hi <script>alert('x')</script> there", name: "<b>Bold</b> Name");
        var code = Regex.Match(response.Headers.Location!.ToString(), "code=(CR-[A-Z0-9]{5})").Groups[1].Value;
        var clinician = await SignedInAsync(PortalRoles.Clinician);

        var html = await clinician.GetStringAsync($"/clinician/inbox/{code}");

        Assert.Contains("Hi &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; there", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b>Bold</b>", html);
        Assert.True(
            await factory.WithDbAsync(db =>
                db.AuditEvents.AnyAsync(e => e.Action == "contact.viewed" && e.Subject == code)
            ),
            "a staff view of a request is audited"
        );
    }

    [Fact]
    public async Task TheSixthSubmissionInAnHourFromOneAddressIsRefusedWithAClearMessage()
    {
        var client = factory.CreatePortalClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(
                HttpStatusCode.Redirect,
                (await client.SubmitContactAsync("10.0.0.3", $"Message {i}")).StatusCode
            );
        }

        var sixth = await client.SubmitContactAsync("10.0.0.3", "Message six, please keep me");
        var other = await client.SubmitContactAsync("10.0.0.4", "From another address");
        var html = await sixth.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Contains("sent 5 messages in the last hour", html);
        Assert.Contains("Message six, please keep me", html); // nothing typed is lost
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task InvalidInputGetsEveryMessageAtOnceLinkedToItsFieldAndKeepsWhatWasTyped()
    {
        var response = await factory
            .CreatePortalClient()
            .SubmitContactAsync("10.0.0.5", "", name: "Sam", email: "not-an-email");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Single-field and cross-field rules together, in the summary with links and next to each field.
        var summary = html[html.IndexOf("class=\"error-summary\"", StringComparison.Ordinal)..];
        Assert.Contains("Please fix these 2 things:", summary);
        Assert.Contains("data-field=\"email\">Enter a valid email, like name@example.com.</a>", summary);
        Assert.Contains("data-field=\"message\">Write a short message.</a>", summary);
        Assert.Matches("id=\"email\"[^>]*aria-invalid=\"true\"|aria-invalid=\"true\"[^>]*id=\"email\"", html);
        Assert.Contains("aria-describedby=\"email-error\"", html);
        Assert.Contains("value=\"Sam\"", html);
        Assert.Contains("value=\"not-an-email\"", html);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ContactRequests.CountAsync(r => r.Name == "Sam")));
    }

    [Fact]
    public async Task ABotThatFillsTheHoneypotIsFiledAsSpamNotInTheNewQueue()
    {
        var response = await factory
            .CreatePortalClient()
            .SubmitContactAsync("10.0.0.6", "Buy now", name: "Bot", website: "http://spam.example");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.ContactRequests.SingleAsync(r => r.Name == "Bot"));
        Assert.Equal(ContactStatus.Spam, stored.Status);
    }

    [Fact]
    public async Task APatientsQuestionIsSeenByTheirCareTeamAndAdminsOnly()
    {
        string patientId,
            linkedEmail = $"linked-{Guid.NewGuid():N}@example.org",
            otherEmail = $"other-{Guid.NewGuid():N}@example.org";
        var linked = await SignedInAsync(PortalRoles.Clinician, linkedEmail);
        var other = await SignedInAsync(PortalRoles.Clinician, otherEmail);
        var admin = await SignedInAsync(PortalRoles.Admin);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var patient = await IdentitySeed.EnsureUserAsync(
                users,
                $"pt-{Guid.NewGuid():N}@example.org",
                "Pat",
                UserKind.Patient,
                PortalRoles.Patient,
                DateTime.UtcNow,
                Password
            );
            patientId = patient.Id;
            var clinician = await users.FindByEmailAsync(linkedEmail);
            await factory.WithDbAsync(async db =>
            {
                db.CareTeamLinks.Add(
                    new()
                    {
                        PatientId = patientId,
                        ClinicianId = clinician!.Id,
                        LinkedAt = DateTime.UtcNow,
                    }
                );
                db.ContactRequests.Add(
                    new ContactRequest
                    {
                        Code = "CR-PQ234",
                        Name = "Pat",
                        Topic = ContactTopic.ModuleQuestion,
                        Message = "Private question",
                        SubmittedAt = DateTime.UtcNow,
                        PatientId = patientId,
                    }
                );
                return await db.SaveChangesAsync();
            });
        }

        Assert.Equal(HttpStatusCode.OK, (await linked.GetAsync("/clinician/inbox/CR-PQ234")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/clinician/inbox/CR-PQ234")).StatusCode);
        var forOther = await other.GetAsync("/clinician/inbox/CR-PQ234");
        Assert.Equal(HttpStatusCode.NotFound, forOther.StatusCode);
        Assert.DoesNotContain("Private question", await forOther.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(PortalRoles.Patient)]
    public async Task AnonymousVisitorsAndPatientsCannotOpenTheInbox(string? role)
    {
        var client = role is null ? factory.CreatePortalClient() : await SignedInAsync(role);

        var response = await client.GetAsync("/clinician/inbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(
            role is null ? "/account/login" : "/account/access-denied",
            response.Headers.Location!.AbsolutePath
        );
    }

    [Fact]
    public async Task ThePatientsOwnCircuitCannotCallTheInboxService()
    {
        await using var scope = factory.ScopeAs(PortalFactory.User("p", PortalRoles.Patient));
        var inbox = scope.ServiceProvider.GetRequiredService<InboxService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => inbox.CountsAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            inbox.ListAsync(new InboxFilter(ContactStatus.New))
        );
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            inbox.ChangeStatusAsync("CR-22222", ContactStatus.Closed, "x")
        );
    }
}

public class MailFailureTests
{
    private sealed class BrokenTransport : IMailTransport
    {
        public Task SendAsync(MimeMessage message, CancellationToken ct) =>
            throw new InvalidOperationException("SMTP server unreachable");
    }

    [Fact]
    public async Task AMailFailureNeverLosesTheRequestAndTheMailIsRetried()
    {
        await using var broken = new ContactFactoryWithBrokenMail();

        var response = await broken.CreatePortalClient().SubmitContactAsync("10.0.1.1", "Please call me back.");
        // The background dispatcher may have claimed a message first; wait until both were tried by one of them.
        List<OutboxMessage> queued = [];
        for (var tries = 0; tries < 50 && (queued.Count < 2 || queued.Any(m => m.LastError is null)); tries++)
        {
            await broken.Services.GetRequiredService<MailDispatcher>().SendDueAsync();
            queued = await broken.WithDbAsync(db => db.Outbox.AsNoTracking().ToListAsync());
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await broken.WithDbAsync(db => db.ContactRequests.CountAsync()));
        Assert.Equal(2, queued.Count);
        Assert.All(queued, m => Assert.Null(m.SentAt));
        Assert.All(queued, m => Assert.Contains("SMTP server unreachable", m.LastError));
        Assert.All(queued, m => Assert.True(m.NextAttemptAt > m.CreatedAt, "a retry is scheduled"));
    }

    private sealed class ContactFactoryWithBrokenMail : ContactFactory
    {
        public ContactFactoryWithBrokenMail()
        {
            TestServices = services =>
            {
                services.AddTransient<IStartupFilter, TestClientAddress>();
                services.AddSingleton<IMailTransport, BrokenTransport>();
            };
        }
    }
}

/// <summary>Someone who sends the form faster than the minimum is asked to confirm, not filed as spam.</summary>
public sealed class FastContactTests : IAsyncLifetime
{
    private readonly ContactFactory factory = new();

    public Task InitializeAsync()
    {
        factory.Settings["Contact:MinimumFillSeconds"] = "60";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task AFastSenderConfirmsTheyAreAPersonAndTheRequestIsFiledAsNew()
    {
        var client = factory.CreatePortalClient();

        var fast = await client.SubmitContactAsync("10.1.0.1", "Quick question, pasted from my notes", name: "Quinn");
        var page = WebUtility.HtmlDecode(await fast.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, fast.StatusCode);
        Assert.Contains("I'm a person, please send my message", page);
        Assert.Contains("Quick question, pasted from my notes", page); // nothing typed is lost
        Assert.Equal(0, await factory.WithDbAsync(db => db.ContactRequests.CountAsync(r => r.Name == "Quinn")));

        var confirmed = await client.SubmitContactAsync(
            "10.1.0.1",
            "Quick question, pasted from my notes",
            name: "Quinn",
            confirmPerson: true
        );
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("emailed=true", confirmed.Headers.Location!.OriginalString);
        var stored = await factory.WithDbAsync(db => db.ContactRequests.SingleAsync(r => r.Name == "Quinn"));
        Assert.Equal(ContactStatus.New, stored.Status);
    }

    [Fact]
    public async Task TheConfirmationPageClaimsAnEmailOnlyWhenOneWasSent()
    {
        var client = factory.CreatePortalClient();

        var phoneOnly = await client.SubmitContactAsync(
            "10.1.0.2",
            "Call me",
            name: "Pat",
            email: null,
            confirmPerson: true,
            phone: "555 0100"
        );
        var bot = await client.SubmitContactAsync("10.1.0.3", "Spam", name: "Bot", website: "http://x.example");

        Assert.DoesNotContain("emailed", phoneOnly.Headers.Location!.OriginalString);
        Assert.DoesNotContain("emailed", bot.Headers.Location!.OriginalString); // filed as spam: no mail went out
        var sent = await client.GetStringAsync(phoneOnly.Headers.Location!.OriginalString);
        Assert.DoesNotContain("emailed you", sent);
    }
}
