using ClarityPortal.Data.Contact;
using ClarityPortal.Web.Features.Contact;

namespace ClarityPortal.UnitTests.Contact;

public class ContactRulesTests
{
    [Theory]
    [InlineData(ContactStatus.New, ContactStatus.InProgress)]
    [InlineData(ContactStatus.New, ContactStatus.Scheduled)]
    [InlineData(ContactStatus.InProgress, ContactStatus.Scheduled)]
    [InlineData(ContactStatus.Scheduled, ContactStatus.Closed)]
    [InlineData(ContactStatus.Closed, ContactStatus.InProgress)] // reopen
    [InlineData(ContactStatus.Spam, ContactStatus.InProgress)] // reopen
    public void AllowedMovesAreAllowed(ContactStatus from, ContactStatus to) =>
        Assert.Null(ContactRules.Refusal(from, to, "because"));

    [Theory]
    [InlineData(ContactStatus.New, ContactStatus.New)]
    [InlineData(ContactStatus.Closed, ContactStatus.Scheduled)]
    [InlineData(ContactStatus.Closed, ContactStatus.Spam)]
    [InlineData(ContactStatus.Scheduled, ContactStatus.New)]
    [InlineData(ContactStatus.Spam, ContactStatus.Closed)]
    public void OtherMovesAreRefused(ContactStatus from, ContactStatus to) =>
        Assert.Contains("cannot move", ContactRules.Refusal(from, to, "because"));

    [Theory]
    [InlineData(ContactStatus.Closed)]
    [InlineData(ContactStatus.Spam)]
    public void ClosedAndSpamNeedAReason(ContactStatus to)
    {
        Assert.Contains("Give a reason", ContactRules.Refusal(ContactStatus.InProgress, to, "  "));
        Assert.Null(ContactRules.Refusal(ContactStatus.InProgress, to, "Booked a consult."));
    }

    [Fact]
    public void AReasonMayHoldAThousandCharactersAndNoMore()
    {
        Assert.Null(ContactRules.Refusal(ContactStatus.InProgress, ContactStatus.Closed, new string('x', 1000)));
        Assert.Equal(
            "Keep the reason under 1,000 characters.",
            ContactRules.Refusal(ContactStatus.InProgress, ContactStatus.Closed, new string('x', 1001))
        );
        // The limit holds for a reason given where none is needed too.
        Assert.NotNull(ContactRules.Refusal(ContactStatus.New, ContactStatus.InProgress, new string('x', 1001)));
    }

    [Fact]
    public void OnlyClosedAndSpamNeedAReason()
    {
        Assert.Equal(
            [ContactStatus.Closed, ContactStatus.Spam],
            Enum.GetValues<ContactStatus>().Where(ContactRules.NeedsReason)
        );
        Assert.Null(ContactRules.Refusal(ContactStatus.New, ContactStatus.Scheduled, null));
    }

    [Fact]
    public void ReferenceCodesLookLikeCR7K3Q9AndAvoidLookalikeCharacters()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => ContactRules.NewCode()).ToList();

        Assert.All(codes, c => Assert.True(ContactRules.IsCode(c), c));
        Assert.DoesNotContain(codes, c => c[3..].IndexOfAny(['0', 'O', '1', 'I', 'L', 'U']) >= 0);
        Assert.True(codes.Distinct().Count() > 1990, "codes repeat far too often");
        Assert.False(ContactRules.IsCode("CR-7K3Q0"));
        Assert.False(ContactRules.IsCode("cr-7k3q9"));
    }

    [Fact]
    public void AFilledHoneypotOrAnInstantSubmissionIsSpam()
    {
        var minimum = TimeSpan.FromSeconds(3);

        Assert.Null(ContactRules.SpamSignal(null, TimeSpan.FromSeconds(40), minimum));
        Assert.Equal(
            "honeypot field filled",
            ContactRules.SpamSignal("http://spam.example", TimeSpan.FromSeconds(40), minimum)
        );
        Assert.StartsWith("sent 0.5 s", ContactRules.SpamSignal("", TimeSpan.FromSeconds(0.5), minimum));
    }

    [Fact]
    public void AFormFilledInExactlyTheMinimumTimeIsNotSpam()
    {
        var minimum = TimeSpan.FromSeconds(3);

        Assert.Null(ContactRules.SpamSignal(null, minimum, minimum));
        Assert.Equal(
            "sent 3.0 s after the form opened",
            ContactRules.SpamSignal(null, minimum - TimeSpan.FromMilliseconds(1), minimum)
        );
    }

    private static readonly DateTime MondayNine = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, 0)] // the same moment
    [InlineData(-5, 0)] // the clock ran backwards: nothing, not a negative age
    [InlineData(0.5, 0.5 / 24)] // part of an hour counts as part of an hour
    [InlineData(24, 1)] // Monday 09:00 to Tuesday 09:00
    [InlineData(4 * 24 + 15, 4 + 15.0 / 24)] // to Saturday 00:00: the weekend has not started
    [InlineData(4 * 24 + 15 + 48, 4 + 15.0 / 24)] // to Monday 00:00: the weekend added nothing
    [InlineData(4 * 24 + 15 + 48 + 9, 5)] // a full working week
    public void BusinessDaysCountWeekdayHoursOnly(double hours, double businessDays) =>
        Assert.Equal(
            businessDays,
            ContactRules.BusinessDaysBetween(MondayNine, MondayNine.AddHours(hours)),
            precision: 9
        );

    [Fact]
    public void AFridayEveningRequestIsOneBusinessDayOldOnMondayEvening()
    {
        var fridayEvening = new DateTime(2026, 11, 27, 18, 0, 0, DateTimeKind.Utc);

        Assert.Equal(1, ContactRules.BusinessDaysBetween(fridayEvening, fridayEvening.AddDays(3)), precision: 9);
    }

    [Fact]
    public void StatusesAndTopicsHaveWordsForPeople()
    {
        Assert.Equal(
            ["New", "In progress", "Scheduled", "Closed", "Spam"],
            Enum.GetValues<ContactStatus>().Select(ContactRules.Label)
        );
        Assert.Equal(
            ["New patient", "KAP question", "Existing patient", "Other", "Module question"],
            Enum.GetValues<ContactTopic>().Select(ContactRules.Label)
        );
        Assert.Equal("Other", ContactRules.Label((ContactTopic)99));
        Assert.Equal(
            "A request that is In progress cannot move to New.",
            ContactRules.Refusal(ContactStatus.InProgress, ContactStatus.New, "x")
        );
    }

    [Fact]
    public void WeekendsDoNotCountTowardsTheOneBusinessDayWarning()
    {
        var fridayEvening = new DateTime(2026, 11, 27, 18, 0, 0, DateTimeKind.Utc);

        // Sunday 23:00
        Assert.True(ContactRules.BusinessDaysBetween(fridayEvening, fridayEvening.AddDays(2).AddHours(5)) < 1);
        // Tuesday 01:00
        Assert.True(ContactRules.BusinessDaysBetween(fridayEvening, fridayEvening.AddDays(3).AddHours(7)) > 1);
    }

    [Theory]
    [InlineData("jordan@example.org", true)]
    [InlineData("j.o+kap@mail.example.co.uk", true)]
    [InlineData("Win a prize at evil.example <victim@example.org>", false)]
    [InlineData("victim@example.org, other@example.org", false)]
    [InlineData("\"quoted name\"@example.org", false)]
    [InlineData("name@localhost", false)]
    [InlineData("a b@example.org", false)]
    [InlineData("name@example.org\r\nBcc: x@y.z", false)]
    public void OnlyABareEmailAddressIsAccepted(string email, bool accepted) =>
        Assert.Equal(accepted, ContactForm.IsBareAddress(email));

    [Theory]
    [InlineData("Name", "Jordan\u001BReyes", false)]
    [InlineData("Name", "Jordan\u202Eseyer", false)]
    [InlineData("Name", "Jordan\nReyes", false)]
    [InlineData("Name", "Zoë Nguyễn-محمد", true)]
    [InlineData("Name", "Jordan <b>Reyes</b>", true)] // shown as text, never as markup
    [InlineData("Message", "Line one\r\nLine two\tend", true)]
    [InlineData("Message", "Bell\u0007", false)]
    [InlineData("PreferredTime", "Mornings\u2066", false)]
    public void TypedTextMayNotHoldControlOrDirectionCharacters(string field, string text, bool accepted)
    {
        var form = new ContactForm
        {
            Name = "Jordan",
            Email = "jordan@example.org",
            Message = "Please call me.",
            Consent = true,
        };
        typeof(ContactForm).GetProperty(field)!.SetValue(form, text);
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            form,
            new System.ComponentModel.DataAnnotations.ValidationContext(form),
            results,
            validateAllProperties: true
        );

        Assert.Equal(accepted, !results.Any(r => r.MemberNames.Contains(field)));
    }
}
