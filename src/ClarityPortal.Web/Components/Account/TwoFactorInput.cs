using System.ComponentModel.DataAnnotations;

namespace ClarityPortal.Web.Components.Account;

/// <summary>A code typed on the two-factor page; for set-up, also the sealed key being set up.</summary>
public sealed class TwoFactorInput
{
    [Required(ErrorMessage = "Enter the code from your app.")]
    [MaxLength(32)]
    public string Code { get; set; } = "";

    [MaxLength(2000)]
    public string Pending { get; set; } = "";
}
