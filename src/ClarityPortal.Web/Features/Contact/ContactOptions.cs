namespace ClarityPortal.Web.Features.Contact;

public sealed class ContactOptions
{
    public int MaxPerHour { get; set; } = 5;

    public double MinimumFillSeconds { get; set; } = 3;

    /// <summary>How long a shown form may be sent; each form can file one request.</summary>
    public TimeSpan FormLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Key for hashing client addresses; set your own in production (Contact:ClientHashKey).</summary>
    public string ClientHashKey { get; set; } = "clarity-portal-contact";
}
