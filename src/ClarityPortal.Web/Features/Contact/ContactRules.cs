using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ClarityPortal.Data.Contact;

namespace ClarityPortal.Web.Features.Contact;

/// <summary>Pure rules of the contact workflow: reference codes, allowed status changes, spam signals.</summary>
public static partial class ContactRules
{
    /// <summary>No 0/O, 1/I/L or U: codes are read out over the phone.</summary>
    public const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewCode()
    {
        Span<char> chars = stackalloc char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        }

        return "CR-" + new string(chars);
    }

    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code);

    private static readonly Dictionary<ContactStatus, ContactStatus[]> Allowed = new()
    {
        [ContactStatus.New] =
        [
            ContactStatus.InProgress,
            ContactStatus.Scheduled,
            ContactStatus.Closed,
            ContactStatus.Spam,
        ],
        [ContactStatus.InProgress] = [ContactStatus.Scheduled, ContactStatus.Closed, ContactStatus.Spam],
        [ContactStatus.Scheduled] = [ContactStatus.InProgress, ContactStatus.Closed],
        [ContactStatus.Closed] = [ContactStatus.InProgress], // reopen
        [ContactStatus.Spam] = [ContactStatus.InProgress], // reopen: it was not spam after all
    };

    public static IReadOnlyList<ContactStatus> NextStatuses(ContactStatus from) => Allowed[from];

    public static bool CanMove(ContactStatus from, ContactStatus to) => Allowed[from].Contains(to);

    public static bool NeedsReason(ContactStatus to) => to is ContactStatus.Closed or ContactStatus.Spam;

    /// <summary>Why a change is refused, or null when it is allowed.</summary>
    public static string? Refusal(ContactStatus from, ContactStatus to, string? reason) =>
        !CanMove(from, to) ? $"A request that is {Label(from)} cannot move to {Label(to)}."
        : NeedsReason(to) && string.IsNullOrWhiteSpace(reason) ? $"Give a reason for marking it {Label(to)}."
        : reason?.Length > 1000 ? "Keep the reason under 1,000 characters."
        : null;

    /// <summary>A filled honeypot or a form sent faster than a person could type it.</summary>
    public static string? SpamSignal(string? honeypot, TimeSpan fillTime, TimeSpan minimum) =>
        !string.IsNullOrEmpty(honeypot) ? "honeypot field filled"
        : fillTime < minimum ? $"sent {fillTime.TotalSeconds:0.0} s after the form opened"
        : null;

    /// <summary>
    /// Business days (Mon–Fri) between two moments; requests older than one business day are flagged.
    /// </summary>
    public static double BusinessDaysBetween(DateTime from, DateTime to)
    {
        // Stryker disable once Equality,Block : a shortcut; with to <= from the loop below never runs and 0 is returned
        if (to <= from)
        {
            return 0;
        }

        double days = 0;
        // Stryker disable once Equality : an hour starting at "to" adds min(1, 0) / 24 = 0
        for (var day = from; day < to; day = day.AddHours(1))
        {
            if (day.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            {
                days += Math.Min(1, (to - day).TotalHours) / 24;
            }
        }

        return days;
    }

    public static string Label(ContactStatus status) =>
        status switch
        {
            ContactStatus.InProgress => "In progress",
            _ => status.ToString(),
        };

    public static string Label(ContactTopic topic) =>
        topic switch
        {
            ContactTopic.NewPatient => "New patient",
            ContactTopic.KapQuestion => "KAP question",
            ContactTopic.ExistingPatient => "Existing patient",
            ContactTopic.ModuleQuestion => "Module question",
            _ => "Other",
        };

    [GeneratedRegex("^CR-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}$")]
    private static partial Regex CodePattern();
}
