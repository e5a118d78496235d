using ClarityPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Contact;

/// <summary>
/// Reference codes that no request has used yet; shared by the contact form and patients' lesson questions.
/// </summary>
public static class ContactCodes
{
    public static async Task<string> UnusedAsync(ClarityDbContext db, CancellationToken ct)
    {
        while (true)
        {
            var code = ContactRules.NewCode();
            if (!await db.ContactRequests.AnyAsync(r => r.Code == code, ct))
            {
                return code;
            }
        }
    }
}
