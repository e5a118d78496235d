using System.Net;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.IntegrationTests.Contact;

/// <summary>
/// Each rule of the public contact form, posted through the real page: the message a person sees, or the request
/// filed when the form is fine. The rules themselves are <c>ContactForm</c>'s; this proves the page applies them.
/// </summary>
public class ContactValidationTests(ContactFactory factory) : IClassFixture<ContactFactory>
{
    private static int address;

    private const string LongEmail = // 256 characters
        "jordan.reyes.jordan.reyes.jordan.reyes.jordan.reyes.jordan.reyes.jordan.reyes.jordan.reyes.jordan.reyes."
        + "jordan.reyes.jordan.reyes.jordan.reyes.jordan.reyes.jordan.reyes.jordan.reyes.jordan.reyes.jordan.reyes."
        + "jordan.reyes.jordan.reyes.kap.jordan@example.org";

    private const string LongName = // 208 characters
        "Jordan Reyes Jordan Reyes Jordan Reyes Jordan Reyes Jordan Reyes Jordan Reyes Jordan Reyes Jordan Reyes "
        + "Jordan Reyes Jordan Reyes Jordan Reyes Jordan Reyes Jordan Reyes Jordan Reyes Jordan Reyes Jordan Reyes ";

    private async Task<(HttpStatusCode Status, string Html)> PostAsync(params string[] fieldsAndValues)
    {
        var overrides = new Dictionary<string, string>();
        for (var i = 0; i < fieldsAndValues.Length; i += 2)
        {
            overrides["Form." + fieldsAndValues[i]] = fieldsAndValues[i + 1];
        }

        // A fresh client address per post, so the hourly limit never plays a part.
        var client = $"10.1.{Interlocked.Increment(ref address) / 250}.{address % 250 + 1}";
        var response = await factory
            .CreatePortalClient()
            .SubmitContactAsync(client, "Please call me about KAP.", overrides: overrides);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("You chose phone or text: please enter your phone number.", "PreferredMethod", "Phone")]
    [InlineData("You chose phone or text: please enter your phone number.", "PreferredMethod", "Text")]
    [InlineData("You chose email: please enter your email.", "Email", "", "Phone", "555 123 4567")]
    [InlineData("Give an email or a phone number so we can reply.", "Email", " ", "Phone", "")]
    [InlineData("Enter a valid email, like name@example.com.", "Email", "Jordan <jordan@example.org>")]
    [InlineData("Enter a valid email, like name@example.com.", "Email", "jordan@localhost")]
    [InlineData("Enter a valid email, like name@example.com.", "Email", "jordan@.example.org")]
    [InlineData("Enter a valid email, like name@example.com.", "Email", "jo(x)@example.org")]
    [InlineData("Enter a valid email, like name@example.com.", "Email", "jordan@example.org@")]
    [InlineData("Keep your name under 200 characters.", "Name", LongName)]
    [InlineData("Remove the hidden or control characters from your name.", "Name", "Jordan\u202AReyes")]
    [InlineData("Remove the hidden or control characters from your preferred time.", "PreferredTime", "9\u2066am")]
    [InlineData("Choose one of the topics listed.", "Topic", "ModuleQuestion")] // only from a signed-in lesson
    [InlineData("Choose one of the topics listed.", "Topic", "99")]
    [InlineData("Choose one of the topics listed.", "PreferredMethod", "9")]
    [InlineData("Remove the hidden or control characters from your name.", "Name", "Jordan\u202EReyes")]
    [InlineData("Remove the hidden or control characters from your name.", "Name", "Jordan\nReyes")]
    [InlineData("Remove the hidden or control characters from your preferred time.", "PreferredTime", "Mornings\u2069")]
    [InlineData("Remove the hidden or control characters from your message.", "Message", "Call me\u0007")]
    public async Task EachBrokenRuleIsExplainedAndNothingIsFiled(string problem, params string[] fieldsAndValues)
    {
        var before = await factory.WithDbAsync(db => db.ContactRequests.CountAsync());

        var (status, html) = await PostAsync(fieldsAndValues);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(problem, html, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.ContactRequests.CountAsync()));
    }

    [Theory]
    [InlineData("Message", "Line one\r\nLine two\tend")] // line breaks and tabs belong in a message
    [InlineData("PreferredMethod", "Phone", "Phone", "+1 (555) 123-4567")]
    [InlineData("PreferredMethod", "Text", "Phone", "555.123.4567", "Email", "")] // a phone alone is enough
    [InlineData("Name", "Zoë Nguyễn", "PreferredTime", "Weekday mornings")]
    [InlineData("Email", "  jordan@example.org  ")]
    [InlineData("Email", LongEmail)] // the most an address may have
    [InlineData("Topic", "NewPatient")]
    [InlineData("Topic", "ExistingPatient")]
    [InlineData("Topic", "Other")]
    public async Task AFormThatKeepsEveryRuleIsFiled(params string[] fieldsAndValues)
    {
        var (status, html) = await PostAsync(fieldsAndValues);

        Assert.True(status == HttpStatusCode.Redirect, html);
    }
}
