using System.ComponentModel.DataAnnotations;
using ClarityPortal.Data.Contact;

namespace ClarityPortal.Web.Features.Contact;

/// <summary>What the public contact form posts. Every rule gives a message a person can act on.</summary>
public sealed class ContactForm : IValidatableObject
{
    public const int MessageLimit = 2000;

    [Required(ErrorMessage = "Tell us your name.")]
    [StringLength(200, ErrorMessage = "Keep your name under 200 characters.")]
    public string Name { get; set; } = "";

    [StringLength(256, ErrorMessage = "Keep the email under 256 characters.")]
    public string? Email { get; set; }

    [RegularExpression(
        @"^[0-9+()\-.\s]{7,25}$",
        ErrorMessage = "Enter a phone number with 7 to 25 digits, spaces or + ( ) - ."
    )]
    public string? Phone { get; set; }

    public ContactMethod PreferredMethod { get; set; } = ContactMethod.Email;

    [StringLength(200, ErrorMessage = "Keep the preferred time under 200 characters.")]
    public string? PreferredTime { get; set; }

    public ContactTopic Topic { get; set; } = ContactTopic.NewPatient;

    /// <summary>The slug of a published provider, or empty for "no preference".</summary>
    public string? Provider { get; set; }

    [Required(ErrorMessage = "Write a short message.")]
    [StringLength(MessageLimit, ErrorMessage = "Keep your message under 2,000 characters.")]
    public string Message { get; set; } = "";

    [Range(typeof(bool), "true", "true", ErrorMessage = "Please agree to be contacted so we can reply.")]
    public bool Consent { get; set; }

    /// <summary>Left empty by people; bots fill it.</summary>
    public string? Website { get; set; }

    /// <summary>When the form was shown, protected so it cannot be forged.</summary>
    public string? Started { get; set; }

    /// <summary>Ticked on the "please confirm you are a person" step, after a very fast first try.</summary>
    public bool ConfirmPerson { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Email) && !new EmailAddressAttribute().IsValid(Email.Trim()))
        {
            yield return new ValidationResult("Enter a valid email, like name@example.com.", [nameof(Email)]);
        }

        if (string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Phone))
        {
            yield return new ValidationResult(
                "Give an email or a phone number so we can reply.",
                [nameof(Email), nameof(Phone)]
            );
        }

        if (PreferredMethod == ContactMethod.Email && string.IsNullOrWhiteSpace(Email))
        {
            yield return new ValidationResult("You chose email: please enter your email.", [nameof(Email)]);
        }

        if (PreferredMethod is ContactMethod.Phone or ContactMethod.Text && string.IsNullOrWhiteSpace(Phone))
        {
            yield return new ValidationResult(
                "You chose phone or text: please enter your phone number.",
                [nameof(Phone)]
            );
        }

        if (Topic == ContactTopic.ModuleQuestion || !Enum.IsDefined(Topic) || !Enum.IsDefined(PreferredMethod))
        {
            yield return new ValidationResult("Choose one of the topics listed.", [nameof(Topic)]);
        }
    }
}
