using ClarityPortal.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;

namespace ClarityPortal.Web.Features.Providers;

/// <summary>
/// The provider directory: public search and profiles, the JSON feed, photos, and the admins' editor.
/// </summary>
public static class ProvidersSetup
{
    public const string DirectoryPath = "/providers";

    public const string ProfileRoute = "/providers/{Slug}";

    public const string AdminPath = "/admin/providers";

    public const string NewPath = "/admin/providers/new";

    public const string EditRoute = "/admin/providers/{Id:int}";

    public static IServiceCollection AddProviders(this IServiceCollection services)
    {
        services.AddScoped<ProviderService>();
        // A second guard under the header check: ImageMagick itself refuses anything larger while decoding.
        ImageMagick.ResourceLimits.Width = ProviderRules.MaxPhotoSide * 2;
        ImageMagick.ResourceLimits.Height = ProviderRules.MaxPhotoSide * 2;
        ImageMagick.ResourceLimits.Area = (ulong)ProviderRules.MaxPhotoPixels * 2;
        return services;
    }

    /// <summary>
    /// ASP.NET Core writes JSON with relaxed escaping; partner sites may paste this into a page, so characters that
    /// mean something in HTML (&lt; &gt; &amp; quotes) are escaped, while letters of every script stay readable.
    /// </summary>
    private static readonly System.Text.Json.JsonSerializerOptions DirectoryJson = new(
        System.Text.Json.JsonSerializerDefaults.Web
    )
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>
    /// The published directory as JSON for partner sites (FHIR Practitioner/PractitionerRole shaped), and photos.
    /// </summary>
    public static IEndpointRouteBuilder MapProviders(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(
            "/providers.json",
            async (ProviderService providers, HttpContext context) =>
            {
                var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
                var list = await providers.PublishedAsync();
                return Results.Json(
                    list.Select(p => new
                    {
                        resourceType = "Practitioner",
                        id = p.Slug,
                        name = new[]
                        {
                            new
                            {
                                text = p.Name,
                                suffix = p.Credentials is null ? Array.Empty<string>() : [p.Credentials],
                            },
                        },
                        qualification = p.Qualifications.Select(q => new
                        {
                            code = new { text = q.Title },
                            issuer = q.Issuer is null ? null : new { display = q.Issuer },
                            period = q.Year is null ? null : new { end = q.Year.ToString() },
                        }),
                        communication = p.Languages.Select(l => new { text = l }),
                        role = new
                        {
                            resourceType = "PractitionerRole",
                            code = p.Title,
                            specialty = p.Specialties.Select(s => new { text = s }),
                            modality = p.Modalities,
                            location = p.Locations.Select(l => new
                            {
                                name = l.Name,
                                address = l.Address,
                                hours = l.Hours,
                            }),
                            telehealthStates = p.TelehealthStates,
                            // Left out when the clinic has not said.
                            newPatients = p.AcceptingNewPatients is { } accepting
                                ? new { acceptingPatients = accepting }
                                : null,
                        },
                        photo = p.PhotoContentType is null ? null : $"{baseUrl}/providers/{p.Slug}/photo",
                        profile = $"{baseUrl}/providers/{p.Slug}",
                        sample = p.IsSample,
                    }),
                    DirectoryJson
                );
            }
        );

        endpoints.MapGet(
            "/providers/{slug}/photo",
            async (string slug, ProviderService providers, IAuthorizationService authorization, HttpContext context) =>
            {
                var isAdmin = (await authorization.AuthorizeAsync(context.User, PortalPolicies.Admin)).Succeeded;
                return await providers.PhotoAsync(slug, isAdmin) is { } photo
                    ? Results.File(photo.Bytes, photo.ContentType)
                    : Results.NotFound();
            }
        );
        return endpoints;
    }
}
