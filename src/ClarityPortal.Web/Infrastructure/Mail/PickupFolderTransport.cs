using Microsoft.Extensions.Options;
using MimeKit;

namespace ClarityPortal.Web.Infrastructure.Mail;

/// <summary>
/// The default: each message becomes an .eml file in the pickup folder, so mail works out of the box.
/// </summary>
public sealed class PickupFolderTransport(IOptions<MailOptions> options, IWebHostEnvironment environment)
    : IMailTransport
{
    public string Folder => Path.GetFullPath(options.Value.PickupFolder, environment.ContentRootPath);

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");

        // Written aside, then renamed: whatever watches the folder never sees half a message.
        await message.WriteToAsync(file + ".part", ct);
        File.Move(file + ".part", file);
    }
}
