using ClarityPortal.Data.Providers;
using ClarityPortal.Web.Features.Providers;

namespace ClarityPortal.UnitTests.Providers;

public class ProviderRulesTests
{
    [Theory]
    [InlineData("Naveen Thomas", "naveen-thomas")]
    [InlineData("Dr. Naveen Thomas, MD", "naveen-thomas-md")]
    [InlineData("  José  Núñez-García ", "jose-nunez-garcia")]
    [InlineData("O'Brien <script>", "o-brien-script")]
    public void SlugsAreMadeFromTheName(string name, string slug)
    {
        Assert.Equal(slug, ProviderRules.Slug(name));
        Assert.True(ProviderRules.IsSlug(slug));
    }

    [Fact]
    public void ListFieldsAreTrimmedDeduplicatedAndBlankFree() =>
        Assert.Equal(
            ["Depression", "anxiety", "PTSD"],
            ProviderRules.List(" Depression, anxiety ;\nAnxiety,, PTSD, depression ")
        ); // the first spelling wins

    [Fact]
    public void ImagesAreRecognisedByTheirBytesNotTheirName()
    {
        Assert.Equal("image/jpeg", ProviderRules.ImageType([0xFF, 0xD8, 0xFF, 0xE0, 0x00]));
        Assert.Equal("image/png", ProviderRules.ImageType([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00]));
        Assert.Equal("image/webp", ProviderRules.ImageType("RIFF\0\0\0\0WEBPVP8 "u8.ToArray()));
        Assert.Null(ProviderRules.ImageType("<svg onload=alert(1)>"u8.ToArray()));
        Assert.Null(ProviderRules.ImageType("GIF89a"u8.ToArray()));
        Assert.Null(ProviderRules.ImageType([]));
    }

    [Fact]
    public void ValidationNamesEachProblem()
    {
        var errors = ProviderService.Validate(
            new ProviderEdit
            {
                Name = "",
                Slug = "Not A Slug",
                ContactEmail = "nope",
                Specialties = string.Join(",", Enumerable.Range(1, 11).Select(i => $"S{i}")),
                Bio = new string('x', ProviderRules.MaxBio + 1),
                Qualifications = "MD | Emory | nineteen",
            }
        );

        Assert.Equal(["Bio", "ContactEmail", "Name", "Qualifications", "Slug", "Specialties"], errors.Keys.Order());
        Assert.Empty(
            ProviderService.Validate(
                new ProviderEdit
                {
                    Name = "Ana Diaz",
                    Slug = "ana-diaz",
                    ContactEmail = "ana@clinic.example",
                    Qualifications = "MD | Emory | 2004",
                }
            )
        );
    }

    private static readonly Provider[] Directory =
    [
        new()
        {
            Name = "Ana Diaz",
            Specialties = ["Depression"],
            Modalities = ["IV"],
            Languages = ["English", "Spanish"],
            TelehealthStates = ["NC"],
            AcceptingNewPatients = true,
        },
        new()
        {
            Name = "Ben Ode",
            Specialties = ["Trauma"],
            Modalities = ["IM"],
            Languages = ["English"],
            Locations = [new() { Name = "Main" }],
            AcceptingNewPatients = false,
        },
        new()
        {
            Name = "Cy Park",
            Specialties = ["Depression", "Anxiety"],
            Modalities = ["Esketamine"],
            Languages = ["Korean", "English"],
            Locations = [new() { Name = "Main" }],
            AcceptingNewPatients = true,
        },
    ];

    private static string[] Names(ProviderFilter f) => [.. ProviderRules.Apply(Directory, f).Select(p => p.Name)];

    [Fact]
    public void FiltersCombine()
    {
        Assert.Equal(["Ana Diaz", "Ben Ode", "Cy Park"], Names(new ProviderFilter()));
        Assert.Equal(["Ana Diaz", "Cy Park"], Names(new ProviderFilter(Specialty: "depression")));
        Assert.Equal(["Cy Park"], Names(new ProviderFilter(Specialty: "Depression", Mode: "in-person")));
        Assert.Equal(["Ana Diaz"], Names(new ProviderFilter(Mode: "telehealth", Accepting: true)));
        Assert.Equal(["Ana Diaz"], Names(new ProviderFilter(Language: "Spanish")));
        Assert.Equal(["Ben Ode"], Names(new ProviderFilter(Modality: "IM")));
        Assert.Equal(["Cy Park"], Names(new ProviderFilter(Q: "anx")));
        Assert.Empty(Names(new ProviderFilter(Modality: "IV", Accepting: false, Language: "Korean")));
    }

    [Fact]
    public void InitialsStandInForAMissingPhoto()
    {
        Assert.Equal("NT", ProviderRules.Initials("Dr. Naveen Thomas"));
        Assert.Equal("AR", ProviderRules.Initials("Alex Rivera (sample)"));
    }
}
