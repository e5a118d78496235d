using System.Net;
using System.Text.Json;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Providers;
using ClarityPortal.Data.Seeding;
using ClarityPortal.Web.Features.Providers;
using ImageMagick;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClarityPortal.IntegrationTests.Providers;

public class DirectoryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<int> AddAsync(string slug, bool published, params string[] specialties)
    {
        return await factory.WithDbAsync(async db =>
        {
            var p = new Provider
            {
                Slug = slug,
                Name = slug.Replace('-', ' '),
                Specialties = [.. specialties],
                Languages = ["English"],
                IsPublished = published,
                SortOrder = 10,
                AcceptingNewPatients = true,
            };
            db.Providers.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
    }

    private AsyncServiceScope AsAdmin() => factory.ScopeAs(PortalFactory.User("admin-id", PortalRoles.Admin));

    [Fact]
    public async Task TheClinicPsychiatristIsSeededEverywhereAndNoSampleOutsideDevelopment()
    {
        var providers = await factory.WithDbAsync(db => db.Providers.ToListAsync());

        var seeded = Assert.Single(providers, p => p.Slug == "naveen-thomas");
        Assert.True(seeded.IsPublished);
        Assert.Contains(seeded.Qualifications, q => q.Issuer == "Emory University School of Medicine");
        Assert.DoesNotContain(providers, p => p.IsSample);

        // Only what the clinic's own text says: nothing about new patients, languages, modalities or telehealth.
        Assert.Null(seeded.AcceptingNewPatients);
        Assert.Empty(seeded.Languages);
        Assert.Empty(seeded.Modalities);
        Assert.Empty(seeded.TelehealthStates);
        var html = await factory.CreatePortalClient().GetStringAsync("/providers/naveen-thomas");
        Assert.Contains("Ketamine Training Center", html);
        Assert.DoesNotContain("ccepting new patients", html);
        Assert.DoesNotContain("Not offered", html);
    }

    [Fact]
    public async Task OnlyPublishedProvidersAreListedAndFiltersWorkFromTheAddress()
    {
        await AddAsync("visible-trauma", true, "Trauma");
        await AddAsync("hidden-trauma", false, "Trauma");
        var client = factory.CreatePortalClient();

        var all = await client.GetStringAsync("/providers");
        var trauma = await client.GetStringAsync("/providers?specialty=Trauma");

        Assert.Contains("/providers/visible-trauma", all);
        Assert.DoesNotContain("hidden-trauma", all);
        Assert.Contains("/providers/naveen-thomas", all);
        Assert.Contains("/providers/visible-trauma", trauma);
        Assert.DoesNotContain("/providers/naveen-thomas\"", trauma);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/providers/hidden-trauma")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/providers/visible-trauma")).StatusCode);
    }

    [Theory]
    [InlineData("/providers?accepting=maybe")]
    [InlineData("/providers?mode=underwater&specialty=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    public async Task HandEditedAddressesNeverBreakTheDirectory(string path)
    {
        var response = await factory.CreatePortalClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert(1)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AProfileBioIsMarkdownWithAnyMarkupNeutralised()
    {
        var id = await AddAsync("bio-doc", true);
        await factory.WithDbAsync(async db =>
        {
            var p = await db.Providers.SingleAsync(x => x.Id == id);
            p.Bio =
                "Cares about **sleep**. <script>alert(1)</script> <img src=x onerror=alert(2)> "
                + "[x](javascript:alert(3))";
            return await db.SaveChangesAsync();
        });

        var html = await factory.CreatePortalClient().GetStringAsync("/providers/bio-doc");

        Assert.Contains("<strong>sleep</strong>", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("<img src=\"x\"", html);
        Assert.DoesNotContain("href=\"javascript:", html);
    }

    [Fact]
    public async Task TheJsonDirectoryListsPublishedPractitioners()
    {
        await AddAsync("json-hidden", false);
        await AddAsync("json-accepting", true);

        using var json = JsonDocument.Parse(await factory.CreatePortalClient().GetStringAsync("/providers.json"));

        var ids = json.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Contains("naveen-thomas", ids);
        Assert.DoesNotContain("json-hidden", ids);
        var first = json.RootElement.EnumerateArray().First(p => p.GetProperty("id").GetString() == "naveen-thomas");
        Assert.Equal("Practitioner", first.GetProperty("resourceType").GetString());
        // The clinic's text does not say whether he takes new patients, so the directory does not either.
        Assert.Equal(JsonValueKind.Null, first.GetProperty("role").GetProperty("newPatients").ValueKind);
        var accepting = json
            .RootElement.EnumerateArray()
            .First(p => p.GetProperty("id").GetString() == "json-accepting");
        Assert.True(
            accepting.GetProperty("role").GetProperty("newPatients").GetProperty("acceptingPatients").GetBoolean()
        );
    }

    [Theory]
    [InlineData(null)]
    [InlineData(PortalRoles.Patient)]
    [InlineData(PortalRoles.Clinician)]
    public async Task OnlyAdminsReachTheProviderAdminPages(string? role)
    {
        var client = factory.CreatePortalClient();
        if (role is not null)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var email = $"{Guid.NewGuid():N}@example.org";
            await IdentitySeed.EnsureUserAsync(
                scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                email,
                email,
                role == PortalRoles.Patient ? UserKind.Patient : UserKind.Staff,
                role,
                DateTime.UtcNow,
                "Correct-Horse-2026!"
            );
            await client.SignInAsync(email, "Correct-Horse-2026!");
        }

        var response = await client.GetAsync("/admin/providers");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(
            role is null ? "/account/login" : "/account/access-denied",
            response.Headers.Location!.ToString()
        );
    }

    [Fact]
    public async Task TwoAdminsEditingTheSameProviderGetAConflictNotASilentOverwrite()
    {
        var id = await AddAsync("concurrent-doc", true);
        await using var first = AsAdmin();
        await using var second = AsAdmin();
        var a = await first.ServiceProvider.GetRequiredService<ProviderService>().EditAsync(id);
        var b = await second.ServiceProvider.GetRequiredService<ProviderService>().EditAsync(id);

        a!.Title = "Saved first";
        b!.Title = "Saved second";
        var firstSave = await first.ServiceProvider.GetRequiredService<ProviderService>().SaveAsync(a);
        var secondSave = await second.ServiceProvider.GetRequiredService<ProviderService>().SaveAsync(b);

        Assert.True(firstSave.Succeeded);
        Assert.True(secondSave.Conflict);
        Assert.Contains("Someone else saved this provider", secondSave.Errors[""]);
        Assert.Equal(
            "Saved first",
            await factory.WithDbAsync(db => db.Providers.Where(p => p.Id == id).Select(p => p.Title).SingleAsync())
        );
    }

    [Fact]
    public async Task UploadsAreCheckedByContentAndSizeAndResized()
    {
        var id = await AddAsync("photo-doc", true);
        await using var scope = AsAdmin();
        var providers = scope.ServiceProvider.GetRequiredService<ProviderService>();
        using var big = new MagickImage(MagickColors.Teal, 1600, 1200) { Format = MagickFormat.Png };
        var png = big.ToByteArray();

        var fake = await providers.SetPhotoAsync(id, "<svg onload=alert(1)>this is not a jpeg"u8.ToArray());
        var oversized = await providers.SetPhotoAsync(id, [0xFF, 0xD8, 0xFF, .. new byte[ProviderRules.MaxPhotoBytes]]);
        var ok = await providers.SetPhotoAsync(id, png);
        var photo = await factory.CreatePortalClient().GetAsync("/providers/photo-doc/photo");

        Assert.Contains("not a JPEG, PNG or WebP", fake);
        Assert.Contains("larger than 2 MB", oversized);
        Assert.Null(ok);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType!.MediaType);
        using var stored = new MagickImage(await photo.Content.ReadAsByteArrayAsync());
        Assert.True(stored.Width <= 480 && stored.Height <= 480, $"{stored.Width}x{stored.Height}");
    }

    [Fact]
    public async Task ADecompressionBombIsRefusedFromItsHeaderBeforeDecoding()
    {
        var id = await AddAsync("bomb-doc", true);
        await using var scope = AsAdmin();
        var providers = scope.ServiceProvider.GetRequiredService<ProviderService>();
        using var tiny = new MagickImage(MagickColors.Teal, 1, 1) { Format = MagickFormat.Png };
        var bomb = WithPngSize(tiny.ToByteArray(), 10_000, 10_000); // a few hundred bytes claiming 100 megapixels
        var huge = WithPngSize(tiny.ToByteArray(), 60_000, 60_000); // past ImageMagick's own limits too
        using var wide = new MagickImage(MagickColors.Teal, 7000, 10) { Format = MagickFormat.Png };

        var refused = await providers.SetPhotoAsync(id, bomb);
        var refusedByImageMagick = await providers.SetPhotoAsync(id, huge);
        var tooWide = await providers.SetPhotoAsync(id, wide.ToByteArray());

        Assert.Contains("10,000 × 10,000 pixels", refused); // refused from the header, never decoded
        Assert.NotNull(refusedByImageMagick);
        Assert.Contains("7,000 × 10 pixels", tooWide);
        Assert.Null(
            await factory.WithDbAsync(db => db.Providers.Where(p => p.Id == id).Select(p => p.Photo).SingleAsync())
        );
        Assert.Null(ProviderRules.PhotoSizeProblem(6000, 4000)); // a 24-megapixel phone photo is fine
        Assert.NotNull(ProviderRules.PhotoSizeProblem(6000, 4001));
    }

    /// <summary>A PNG whose header claims another size (the IHDR chunk and its CRC rewritten).</summary>
    private static byte[] WithPngSize(byte[] png, int width, int height)
    {
        var bytes = (byte[])png.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        uint crc = 0xFFFFFFFF;
        foreach (var b in bytes.AsSpan(12, 17))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc >> 1) ^ (0xEDB88320 & (uint)-(int)(crc & 1));
            }
        }

        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), ~crc);
        return bytes;
    }

    [Fact]
    public async Task AProviderWithContactRequestsIsRetiredNotDeleted()
    {
        var asked = await AddAsync("asked-about", true);
        var unasked = await AddAsync("never-asked", true);
        await factory.WithDbAsync(db =>
        {
            db.ContactRequests.Add(
                new()
                {
                    Code = "CR-RT234",
                    Name = "X",
                    Message = "Hi",
                    SubmittedAt = DateTime.UtcNow,
                    PreferredProviderId = asked,
                }
            );
            return db.SaveChangesAsync();
        });
        await using var scope = AsAdmin();
        var providers = scope.ServiceProvider.GetRequiredService<ProviderService>();

        await providers.RetireOrDeleteAsync(asked);
        await providers.RetireOrDeleteAsync(unasked);

        var retired = await factory.WithDbAsync(db => db.Providers.SingleAsync(p => p.Id == asked));
        Assert.False(retired.IsPublished);
        Assert.NotNull(retired.RetiredAt);
        Assert.False(await factory.WithDbAsync(db => db.Providers.AnyAsync(p => p.Id == unasked)));
        Assert.True(
            await factory.WithDbAsync(db =>
                db.AuditEvents.AnyAsync(e => e.Subject == "asked-about" && e.Action == "provider.retired")
            )
        );
    }

    [Fact]
    public async Task NonAdminsCannotCallTheAdminServiceMethods()
    {
        await using var scope = factory.ScopeAs(PortalFactory.User("c", PortalRoles.Clinician));
        var providers = scope.ServiceProvider.GetRequiredService<ProviderService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            providers.SaveAsync(new ProviderEdit { Name = "X", Slug = "x" })
        );
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => providers.SetPublishedAsync(1, false));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => providers.SetPhotoAsync(1, [0xFF, 0xD8, 0xFF]));
    }
}
