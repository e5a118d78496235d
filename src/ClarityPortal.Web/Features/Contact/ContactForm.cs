using System.ComponentModel.DataAnnotations;
using ClarityPortal.Data.Contact;

namespace ClarityPortal.Web.Features.Contact;

/// <summary>What the public contact form posts. Every rule gives a message a person can act on.</summary>
public sealed class ContactForm
{
    public const int MessageLimit = 2000;

    [Required(ErrorMessage = "Tell us your name.")]
    [StringLength(200, ErrorMessage = "Keep your name under 200 characters.")]
    [CustomValidation(typeof(ContactForm), nameof(CheckPlainText))]
    public string Name { get; set; } = "";

    [StringLength(256, ErrorMessage = "Keep the email under 256 characters.")]
    [CustomValidation(typeof(ContactForm), nameof(CheckEmail))]
    public string? Email { get; set; }

    [RegularExpression(
        @"^[0-9+()\-.\s]{7,25}$",
        ErrorMessage = "Enter a phone number with 7 to 25 digits, spaces or + ( ) - ."
    )]
    [CustomValidation(typeof(ContactForm), nameof(CheckPhone))]
    public string? Phone { get; set; }

    public ContactMethod PreferredMethod { get; set; } = ContactMethod.Email;

    [StringLength(200, ErrorMessage = "Keep the preferred time under 200 characters.")]
    [CustomValidation(typeof(ContactForm), nameof(CheckPlainText))]
    public string? PreferredTime { get; set; }

    [CustomValidation(typeof(ContactForm), nameof(CheckTopic))]
    public ContactTopic Topic { get; set; } = ContactTopic.NewPatient;

    /// <summary>The slug of a published provider, or empty for "no preference".</summary>
    public string? Provider { get; set; }

    [Required(ErrorMessage = "Write a short message.")]
    [StringLength(MessageLimit, ErrorMessage = "Keep your message under 2,000 characters.")]
    [CustomValidation(typeof(ContactForm), nameof(CheckPlainText))]
    public string Message { get; set; } = "";

    [Range(typeof(bool), "true", "true", ErrorMessage = "Please agree to be contacted so we can reply.")]
    public bool Consent { get; set; }

    /// <summary>Left empty by people; bots fill it.</summary>
    public string? Website { get; set; }

    /// <summary>When the form was shown, protected so it cannot be forged.</summary>
    public string? Started { get; set; }

    /// <summary>Ticked on the "please confirm you are a person" step, after a very fast first try.</summary>
    public bool ConfirmPerson { get; set; }

    /// <summary>
    /// Text a person can type: no control characters (line breaks and tabs only in the message) and no
    /// direction overrides, which could make a name or message read differently on the staff screens.
    /// </summary>
    public static ValidationResult? CheckPlainText(string? text, ValidationContext context)
    {
        var multiline = context.MemberName == nameof(Message);
        return text is null || !text.Any(c => IsHidden(c) && !(multiline && c is '\n' or '\r' or '\t'))
            ? ValidationResult.Success
            : new ValidationResult(
                $"Remove the hidden or control characters from your {Label(context.MemberName)}.",
                [context.MemberName ?? ""]
            );
    }

    private static bool IsHidden(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static string Label(string? member) =>
        member switch
        {
            nameof(Name) => "name",
            nameof(PreferredTime) => "preferred time",
            _ => "message",
        };

    // The rules that look at more than one field are property rules too, so a post gets every message at once
    // (an IValidatableObject would run only after every single-field rule passed).
    public static ValidationResult? CheckEmail(string? email, ValidationContext context)
    {
        var form = (ContactForm)context.ObjectInstance;
        if (!string.IsNullOrWhiteSpace(email) && !IsBareAddress(email.Trim()))
        {
            return new ValidationResult("Enter a valid email, like name@example.com.", [nameof(Email)]);
        }

        if (string.IsNullOrWhiteSpace(email) && string.IsNullOrWhiteSpace(form.Phone))
        {
            return new ValidationResult("Give an email or a phone number so we can reply.", [nameof(Email)]);
        }

        return form.PreferredMethod == ContactMethod.Email && string.IsNullOrWhiteSpace(email)
            ? new ValidationResult("You chose email: please enter your email.", [nameof(Email)])
            : ValidationResult.Success;
    }

    public static ValidationResult? CheckPhone(string? phone, ValidationContext context)
    {
        var form = (ContactForm)context.ObjectInstance;
        return form.PreferredMethod is ContactMethod.Phone or ContactMethod.Text && string.IsNullOrWhiteSpace(phone)
            ? new ValidationResult("You chose phone or text: please enter your phone number.", [nameof(Phone)])
            : ValidationResult.Success;
    }

    public static ValidationResult? CheckTopic(ContactTopic topic, ValidationContext context)
    {
        var form = (ContactForm)context.ObjectInstance;
        return topic == ContactTopic.ModuleQuestion || !Enum.IsDefined(topic) || !Enum.IsDefined(form.PreferredMethod)
            ? new ValidationResult("Choose one of the topics listed.", [nameof(Topic)])
            : ValidationResult.Success;
    }

    /// <summary>
    /// One plain address: no display name, spaces, angle brackets or lists, so mail cannot carry a sender's text in
    /// its To header ("Win a prize &lt;victim@example.org&gt;" passes the framework's check).
    /// </summary>
    public static bool IsBareAddress(string email) =>
        new EmailAddressAttribute().IsValid(email)
        && email.Length <= 256
        && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || "<>\"(),;:[]\\".Contains(c))
        && email.IndexOf('@') is > 0 and var at
        && email.IndexOf('.', at) > at + 1;
}
