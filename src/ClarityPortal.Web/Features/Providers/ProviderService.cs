using ClarityPortal.Data;
using ClarityPortal.Data.Audit;
using ClarityPortal.Data.Providers;
using ClarityPortal.Web.Infrastructure;
using ClarityPortal.Web.Infrastructure.Audit;
using ClarityPortal.Web.Infrastructure.Identity;
using ImageMagick;
using Microsoft.EntityFrameworkCore;

namespace ClarityPortal.Web.Features.Providers;

/// <summary>
/// The directory: public reads, and admin-only changes (checked in every method, every change audited).
/// </summary>
public sealed class ProviderService(
    IDbContextFactory<ClarityDbContext> dbFactory,
    AuthorizationGuard guard,
    AuditLog audit,
    PublicPageCache publicPages,
    TimeProvider clock
)
{
    public async Task<IReadOnlyList<Provider>> PublishedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db
            .Providers.AsNoTracking()
            .Where(p => p.IsPublished)
            .OrderBy(p => p.SortOrder)
            .ThenBy(p => p.Name)
            .Select(p => WithoutPhoto(p))
            .ToListAsync(ct);
    }

    public async Task<Provider?> ProfileAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db
            .Providers.AsNoTracking()
            .Where(p => p.Slug == slug && p.IsPublished)
            .Select(p => WithoutPhoto(p))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>A published provider's photo (admins also see unpublished ones).</summary>
    public async Task<(byte[] Bytes, string ContentType)?> PhotoAsync(
        string slug,
        bool isAdmin,
        CancellationToken ct = default
    )
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var photo = await db
            .Providers.AsNoTracking()
            .Where(p => p.Slug == slug && (p.IsPublished || isAdmin) && p.Photo != null)
            .Select(p => new { p.Photo, p.PhotoContentType })
            .FirstOrDefaultAsync(ct);
        return photo is null ? null : (photo.Photo!, photo.PhotoContentType ?? "image/jpeg");
    }

    public async Task<IReadOnlyList<AdminProviderRow>> AdminListAsync(CancellationToken ct = default)
    {
        await guard.RequireAsync(PortalPolicies.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db
            .Providers.AsNoTracking()
            .OrderBy(p => p.SortOrder)
            .ThenBy(p => p.Name)
            .Select(p => new AdminProviderRow(
                p.Id,
                p.Slug,
                p.Name,
                p.Title,
                p.IsPublished,
                p.IsSample,
                p.RetiredAt,
                p.SortOrder,
                p.Photo != null,
                db.ContactRequests.Count(r => r.PreferredProviderId == p.Id)
            ))
            .ToListAsync(ct);
    }

    public async Task<ProviderEdit?> EditAsync(int id, CancellationToken ct = default)
    {
        await guard.RequireAsync(PortalPolicies.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return p is null
            ? null
            : new ProviderEdit
            {
                Id = p.Id,
                ConcurrencyStamp = p.ConcurrencyStamp,
                Name = p.Name,
                Slug = p.Slug,
                Credentials = p.Credentials,
                Title = p.Title,
                ContactEmail = p.ContactEmail,
                Specialties = string.Join(", ", p.Specialties),
                Modalities = [.. p.Modalities],
                Languages = string.Join(", ", p.Languages),
                TelehealthStates = string.Join(", ", p.TelehealthStates),
                Qualifications = string.Join('\n', p.Qualifications.Select(q => $"{q.Title} | {q.Issuer} | {q.Year}")),
                Locations = string.Join('\n', p.Locations.Select(l => $"{l.Name} | {l.Address} | {l.Hours}")),
                AcceptingNewPatients = p.AcceptingNewPatients,
                Bio = p.Bio,
            };
    }

    public static Dictionary<string, string> Validate(ProviderEdit e)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(e.Name) || e.Name.Length > 200)
        {
            errors[nameof(e.Name)] = "Enter the provider's name (up to 200 characters).";
        }

        if (!ProviderRules.IsSlug(e.Slug))
        {
            errors[nameof(e.Slug)] = "Use lowercase letters, digits and hyphens, like naveen-thomas.";
        }

        if (
            !string.IsNullOrWhiteSpace(e.ContactEmail)
            && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(e.ContactEmail)
        )
        {
            errors[nameof(e.ContactEmail)] = "Enter a valid email, like intake@clinic.example.";
        }

        if (ProviderRules.List(e.Specialties).Count > ProviderRules.MaxSpecialties)
        {
            errors[nameof(e.Specialties)] = $"List at most {ProviderRules.MaxSpecialties} specialties.";
        }

        if (e.Bio.Length > ProviderRules.MaxBio)
        {
            errors[nameof(e.Bio)] = $"Keep the bio under {ProviderRules.MaxBio:N0} characters ({e.Bio.Length:N0} now).";
        }

        if (e.Modalities.Any(m => !ProviderRules.KnownModalities.Contains(m)))
        {
            errors[nameof(e.Modalities)] = "Choose modalities from the list.";
        }

        if (
            Lines(e.Qualifications)
                .Any(parts => parts.Length > 2 && parts[2].Length > 0 && !int.TryParse(parts[2], out _))
        )
        {
            errors[nameof(e.Qualifications)] =
                "Write each qualification as: Title | Issuer | Year (the year as digits).";
        }

        return errors;
    }

    public async Task<SaveResult> SaveAsync(ProviderEdit e, CancellationToken ct = default)
    {
        var admin = await guard.RequireAsync(PortalPolicies.Admin);
        e.Slug = e.Slug.Trim().ToLowerInvariant();
        var errors = Validate(e);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Providers.AnyAsync(p => p.Slug == e.Slug && p.Id != e.Id, ct))
        {
            errors[nameof(e.Slug)] = "Another provider already uses this address. Choose a different one.";
        }

        if (errors.Count > 0)
        {
            return new SaveResult(null, errors);
        }

        Provider provider;
        if (e.Id == 0)
        {
            provider = db
                .Providers.Add(
                    new Provider { SortOrder = (await db.Providers.MaxAsync(p => (int?)p.SortOrder, ct) ?? 0) + 1 }
                )
                .Entity;
        }
        else
        {
            provider =
                await db.Providers.FirstOrDefaultAsync(p => p.Id == e.Id, ct)
                ?? throw new InvalidOperationException("The provider no longer exists.");
            // what the editor loaded
            db.Entry(provider).Property(p => p.ConcurrencyStamp).OriginalValue = e.ConcurrencyStamp;
        }

        provider.Name = e.Name.Trim();
        provider.Slug = e.Slug;
        provider.Credentials = Blank(e.Credentials);
        provider.Title = Blank(e.Title);
        provider.ContactEmail = Blank(e.ContactEmail);
        provider.Specialties = ProviderRules.List(e.Specialties);
        provider.Modalities = [.. ProviderRules.KnownModalities.Where(e.Modalities.Contains)];
        provider.Languages = ProviderRules.List(e.Languages);
        provider.TelehealthStates = ProviderRules.List(e.TelehealthStates);
        provider.Qualifications =
        [
            .. Lines(e.Qualifications)
                .Select(parts => new Qualification
                {
                    Title = parts[0],
                    Issuer = parts.Length > 1 ? Blank(parts[1]) : null,
                    Year = parts.Length > 2 && int.TryParse(parts[2], out var y) ? y : null,
                }),
        ];
        provider.Locations =
        [
            .. Lines(e.Locations)
                .Select(parts => new ProviderLocation
                {
                    Name = parts[0],
                    Address = parts.Length > 1 ? Blank(parts[1]) : null,
                    Hours = parts.Length > 2 ? Blank(parts[2]) : null,
                }),
        ];
        provider.AcceptingNewPatients = e.AcceptingNewPatients;
        provider.Bio = e.Bio.Trim();
        provider.ConcurrencyStamp = Guid.NewGuid();
        provider.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await using var change = await audit.BeginAsync(db, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SaveResult(
                null,
                new Dictionary<string, string>
                {
                    [""] =
                        "Someone else saved this provider after you opened it. Your changes are still in the form: "
                        + "copy what you need, reload, and apply them again.",
                },
                Conflict: true
            );
        }

        change.Record(
            admin,
            e.Id == 0 ? AuditActions.ProviderCreated : AuditActions.ProviderUpdated,
            provider.Slug,
            provider.Name
        );
        await change.CommitAsync(ct);
        await publicPages.EvictAsync(ct);
        return new SaveResult(provider.Id, errors);
    }

    public Task<string?> SetPublishedAsync(int id, bool published, CancellationToken ct = default) =>
        ChangeAsync(
            id,
            (_, p) =>
            {
                p.IsPublished = published;
                if (published)
                {
                    p.RetiredAt = null;
                }

                return (published ? AuditActions.ProviderPublished : AuditActions.ProviderUnpublished, null);
            },
            ct
        );

    /// <summary>Moves a provider one place up (-1) or down (+1) in the directory order.</summary>
    public async Task<string?> MoveAsync(int id, int direction, CancellationToken ct = default)
    {
        var admin = await guard.RequireAsync(PortalPolicies.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ordered = await db.Providers.OrderBy(p => p.SortOrder).ThenBy(p => p.Name).ToListAsync(ct);
        var index = ordered.FindIndex(p => p.Id == id);
        var target = index + Math.Sign(direction);
        if (index < 0 || target < 0 || target >= ordered.Count)
        {
            return null;
        }

        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].SortOrder = i + 1;
        }

        await using var change = await audit.BeginAsync(db, ct);
        change.Record(admin, AuditActions.ProviderReordered, ordered[target].Slug, direction < 0 ? "up" : "down");
        await change.CommitAsync(ct);
        await publicPages.EvictAsync(ct);
        return null;
    }

    /// <summary>
    /// Deletes a provider nobody has asked about; one with contact requests is retired (unpublished) instead.
    /// </summary>
    public Task<string?> RetireOrDeleteAsync(int id, CancellationToken ct = default) =>
        ChangeAsync(
            id,
            (db, p) =>
            {
                if (db.ContactRequests.Any(r => r.PreferredProviderId == p.Id))
                {
                    p.IsPublished = false;
                    p.RetiredAt = clock.GetUtcNow().UtcDateTime;
                    return (AuditActions.ProviderRetired, "retired: contact requests refer to this provider");
                }

                db.Providers.Remove(p);
                return (AuditActions.ProviderDeleted, null);
            },
            ct
        );

    /// <summary>
    /// Checks the upload by content (JPEG, PNG or WebP), size (≤ 2 MB), resizes to 480 px and strips metadata.
    /// </summary>
    public async Task<string?> SetPhotoAsync(int id, byte[] upload, CancellationToken ct = default)
    {
        await guard.RequireAsync(PortalPolicies.Admin);
        if (upload.Length > ProviderRules.MaxPhotoBytes)
        {
            return "The photo is larger than 2 MB. Choose a smaller file.";
        }

        if (ProviderRules.ImageType(upload) is null)
        {
            return "That file is not a JPEG, PNG or WebP image.";
        }

        byte[] resized;
        try
        {
            var info = new MagickImageInfo(upload); // the header only
            if (ProviderRules.PhotoSizeProblem(info.Width, info.Height) is { } tooBig)
            {
                return tooBig;
            }

            using var image = new MagickImage(upload);
            image.AutoOrient();
            image.Strip(); // no location or camera data leaves the clinic
            image.Resize(new MagickGeometry(480, 480) { Greater = true });
            image.Format = MagickFormat.Jpeg;
            image.Quality = 85;
            resized = image.ToByteArray();
        }
        catch (MagickException ex)
            when (ex is MagickResourceLimitErrorException || ex.Message.Contains("limit", StringComparison.Ordinal))
        {
            return ProviderRules.TooManyPixels; // ImageMagick's own limits refused it while reading the header
        }
        catch (MagickException)
        {
            return "That image could not be read. Try saving it again as JPEG or PNG.";
        }

        return await ChangeAsync(
            id,
            (_, p) =>
            {
                p.Photo = resized;
                p.PhotoContentType = "image/jpeg";
                return (AuditActions.ProviderPhotoChanged, $"{resized.Length} bytes");
            },
            ct
        );
    }

    private async Task<string?> ChangeAsync(
        int id,
        Func<ClarityDbContext, Provider, (string Action, string? Details)> change,
        CancellationToken ct
    )
    {
        var admin = await guard.RequireAsync(PortalPolicies.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Providers.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (provider is null)
        {
            return "That provider no longer exists.";
        }

        var (action, details) = change(db, provider);
        provider.ConcurrencyStamp = Guid.NewGuid();
        provider.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await using var audited = await audit.BeginAsync(db, ct);
        audited.Record(admin, action, provider.Slug, details ?? provider.Name);
        await audited.CommitAsync(ct);
        await publicPages.EvictAsync(ct); // the directory and profiles visitors see
        return null;
    }

    private static IEnumerable<string[]> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .Where(p => p[0].Length > 0);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static Provider WithoutPhoto(Provider p) =>
        new()
        {
            Id = p.Id,
            Slug = p.Slug,
            Name = p.Name,
            Credentials = p.Credentials,
            Title = p.Title,
            Bio = p.Bio,
            Specialties = p.Specialties,
            Modalities = p.Modalities,
            Languages = p.Languages,
            TelehealthStates = p.TelehealthStates,
            Qualifications = p.Qualifications,
            Locations = p.Locations,
            AcceptingNewPatients = p.AcceptingNewPatients,
            ContactEmail = p.ContactEmail,
            IsPublished = p.IsPublished,
            SortOrder = p.SortOrder,
            IsSample = p.IsSample,
            PhotoContentType = p.Photo != null ? p.PhotoContentType : null,
            UpdatedAt = p.UpdatedAt,
        };
}
