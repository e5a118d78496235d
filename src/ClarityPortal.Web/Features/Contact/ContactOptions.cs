namespace ClarityPortal.Web.Features.Contact;

public sealed class ContactOptions
{
    public int MaxPerHour { get; set; } = 5;

    public double MinimumFillSeconds { get; set; } = 3;

    /// <summary>Key for hashing client addresses; set your own in production (Contact:ClientHashKey).</summary>
    public string ClientHashKey { get; set; } = "clarity-portal-contact";
}
