using System.Net;
using System.Text.RegularExpressions;
using ClarityPortal.Web.Features.Contact;
using ClarityPortal.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ClarityPortal.IntegrationTests.Contact;

/// <summary>The contact form under abuse: replayed forms, floods, forged tokens, and the mail it sends.</summary>
public sealed partial class ContactAbuseTests : IAsyncLifetime
{
    private readonly ContactFactory factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [GeneratedRegex("name=\"(__RequestVerificationToken|Form.Started)\" value=\"([^\"]+)\"")]
    private static partial Regex Hidden();

    private static async Task<Dictionary<string, string>> FormAsync(HttpClient client, string address)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/contact");
        get.Headers.Add("X-Test-Client", address);
        var page = await (await client.SendAsync(get)).Content.ReadAsStringAsync();
        return Hidden()
            .Matches(page)
            .GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.Last().Groups[2].Value));
    }

    private static async Task<HttpResponseMessage> PostAsync(
        HttpClient client,
        string address,
        Dictionary<string, string> form,
        string message,
        string name = "Jordan Reyes"
    )
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, "/contact")
        {
            Content = new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = form["__RequestVerificationToken"],
                    ["_handler"] = "contact",
                    ["Form.Name"] = name,
                    ["Form.Email"] = "jordan@example.org",
                    ["Form.PreferredMethod"] = "Email",
                    ["Form.Topic"] = "ExistingPatient",
                    ["Form.Message"] = message,
                    ["Form.Consent"] = "true",
                    ["Form.Started"] = form["Form.Started"],
                    ["Form.ConfirmPerson"] = "false",
                }
            ),
        };
        post.Headers.Add("X-Test-Client", address);
        return await client.SendAsync(post);
    }

    private static string Code(HttpResponseMessage response) =>
        Regex.Match(response.Headers.Location!.ToString(), "CR-[A-Z0-9]{5}").Value;

    private Task<int> StoredAsync(string marker) =>
        factory.WithDbAsync(db => db.ContactRequests.CountAsync(r => r.Message.Contains(marker)));

    private Task<List<MimeMessage>> MailsAsync() => factory.SentMailsAsync();

    [Fact]
    public async Task ThirtyParallelPostsOfOneFormFileOneRequestAndMailOnce()
    {
        var client = factory.CreatePortalClient();
        var form = await FormAsync(client, "10.1.0.1");

        var responses = await Task.WhenAll(
            Enumerable.Range(0, 30).Select(_ => PostAsync(client, "10.1.0.1", form, "replayed form 7f3a"))
        );

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode)); // each sees "sent"
        Assert.Single(responses.Select(r => Code(r)).Distinct()); // ...with one code
        Assert.Equal(1, await StoredAsync("replayed form 7f3a"));
        var code = Code(responses[0]);
        Assert.Equal(2, (await MailsAsync()).Count(m => (m.Subject ?? "").Contains(code, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ThirtyParallelFormsFromOneAddressStoreNoMoreThanTheHourlyLimit()
    {
        var client = factory.CreatePortalClient();
        var forms = new List<Dictionary<string, string>>();
        for (var i = 0; i < 30; i++)
        {
            forms.Add(await FormAsync(client, "10.1.0.2"));
        }

        var responses = await Task.WhenAll(forms.Select(f => PostAsync(client, "10.1.0.2", f, "flood 91c2")));

        Assert.Equal(5, await StoredAsync("flood 91c2"));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.All(responses, r => Assert.NotEqual(HttpStatusCode.InternalServerError, r.StatusCode));
    }

    [Fact]
    public async Task PastTheCeilingTheRateLimiterAnswersWithAFriendlyPage()
    {
        await using var limited = new ContactFactory { Settings = { ["RateLimits:ContactPerAddress:Permits"] = "3" } };
        var client = limited.CreatePortalClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await PostAsync(client, "10.1.0.3", await FormAsync(client, "10.1.0.3"), $"ceiling {i}");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
        Assert.All(statuses.Take(3), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var page = await last.Content.ReadAsStringAsync();
        Assert.Contains("Please call us instead", page);
        Assert.Contains("988", page);
        // Another address is not affected.
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await PostAsync(client, "10.1.0.4", await FormAsync(client, "10.1.0.4"), "other address")).StatusCode
        );
    }

    [Theory]
    [InlineData("forged-token")]
    [InlineData("")]
    public async Task AMissingOrForgedFormTokenIsRefusedWithANewFormAndNothingLost(string token)
    {
        var client = factory.CreatePortalClient();
        var form = await FormAsync(client, "10.1.0.5");
        var issued = form["Form.Started"];
        form["Form.Started"] = token;

        var response = await PostAsync(client, "10.1.0.5", form, "keep my words b81e");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nothing you typed is lost", html);
        Assert.Contains("keep my words b81e", html);
        var fresh = Hidden().Matches(html).Last(m => m.Groups[1].Value == "Form.Started").Groups[2].Value;
        Assert.NotEqual(issued, fresh);
        Assert.Equal(0, await StoredAsync("keep my words b81e"));
    }

    [Fact]
    public async Task AnExpiredFormIsRefusedWithANewForm()
    {
        await using var shortLived = new ContactFactory { Settings = { ["Contact:FormLifetime"] = "00:00:00.001" } };
        var client = shortLived.CreatePortalClient();
        var form = await FormAsync(client, "10.1.0.6");
        await Task.Delay(20);

        var response = await PostAsync(client, "10.1.0.6", form, "too late 5d0c");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ContactService.NewFormText, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task TheAcknowledgementCarriesOnlyTheCodeAndTheClinicsNoticeNoPatientData()
    {
        var client = factory.CreatePortalClient();
        var response = await PostAsync(
            client,
            "10.1.0.7",
            await FormAsync(client, "10.1.0.7"),
            "My depression medicine is sertraline",
            name: "Visit https://evil.example now"
        );
        var code = Code(response);

        var mails = (await MailsAsync())
            .Where(m => (m.Subject ?? "").Contains(code, StringComparison.Ordinal))
            .ToList();

        Assert.Equal(2, mails.Count);
        foreach (var mail in mails)
        {
            var text = $"{mail.Subject} {mail.TextBody}";
            Assert.DoesNotContain("evil.example", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("sertraline", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Existing patient", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task TwoMailDispatchersRunningAtOnceSendEachMailOnce()
    {
        var outbox = factory.Services.GetRequiredService<Outbox>();
        await factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 20; i++)
            {
                outbox.Enqueue(db, $"person{i}@example.org", $"Once only {i}", "Body");
            }

            return await db.SaveChangesAsync();
        });
        var dispatcher = factory.Services.GetRequiredService<MailDispatcher>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => dispatcher.SendDueAsync()));

        var sent = (await MailsAsync()).Where(m => (m.Subject ?? "").StartsWith("Once only", StringComparison.Ordinal));
        Assert.Equal(20, sent.Count());
        Assert.Equal(20, sent.Select(m => m.Subject).Distinct().Count());
    }

    [Fact]
    public async Task NewCircuitsAreLimitedPerClientAddress()
    {
        await using var limited = new ContactFactory { Settings = { ["RateLimits:CircuitsPerAddress:Permits"] = "2" } };
        var client = limited.CreatePortalClient();

        async Task<HttpStatusCode> NegotiateAsync(string address)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
            post.Headers.Add("X-Test-Client", address);
            return (await client.SendAsync(post)).StatusCode;
        }

        var statuses = new[]
        {
            await NegotiateAsync("10.1.0.8"),
            await NegotiateAsync("10.1.0.8"),
            await NegotiateAsync("10.1.0.8"),
            await NegotiateAsync("10.1.0.9"),
        };

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK],
            statuses
        );
    }
}
