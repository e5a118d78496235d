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
            Title = "Nurse practitioner",
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
        Assert.Equal(["Ben Ode"], Names(new ProviderFilter(Q: " nurse ")));
        Assert.Empty(Names(new ProviderFilter(Q: "here"))); // a missing title matches nothing
        Assert.Empty(Names(new ProviderFilter(Modality: "IV", Accepting: false, Language: "Korean")));
    }

    [Fact]
    public void InitialsStandInForAMissingPhoto()
    {
        Assert.Equal("NT", ProviderRules.Initials("Dr. Naveen Thomas"));
        Assert.Equal("AR", ProviderRules.Initials("Alex Rivera (sample)"));
    }

    [Fact]
    public void TheAcceptingBadgeSaysWhichAndIsGreenOnlyWhenAccepting()
    {
        Assert.Equal("Accepting new patients", ProviderRules.AcceptingLabel(true));
        Assert.Equal("Not accepting new patients", ProviderRules.AcceptingLabel(false));
        Assert.Equal("status status--complete", ProviderRules.AcceptingClass(true));
        Assert.Equal("status", ProviderRules.AcceptingClass(false));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(100, 0)]
    [InlineData(-1, 100)]
    [InlineData(100, -1)]
    public void AnImageWithoutASizeCannotBeRead(long width, long height) =>
        Assert.Equal(
            "That image could not be read. Try saving it again as JPEG or PNG.",
            ProviderRules.PhotoSizeProblem(width, height)
        );

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(6000, 4000, true)] // 24,000,000 pixels: exactly the limit
    [InlineData(4000, 6000, true)]
    [InlineData(6001, 100, false)]
    [InlineData(100, 6001, false)]
    [InlineData(5000, 4801, false)] // each side fits but 24,005,000 pixels do not
    public void APhotoMayHaveUpTo6000PixelsASideAnd24Million(long width, long height, bool accepted)
    {
        var problem = ProviderRules.PhotoSizeProblem(width, height);

        if (accepted)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.NotNull(problem);
            Assert.StartsWith("The photo is ", problem, StringComparison.Ordinal);
            Assert.EndsWith(" pixels on each side (a phone photo is fine).", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheModalityFilterOffersTheFourRoutes() =>
        Assert.Equal(["IV", "IM", "Sublingual", "Esketamine"], ProviderRules.KnownModalities);

    [Fact]
    public void ALongNameGivesASlugOfAtMostEightyCharactersCutAtAWord()
    {
        var name = string.Join(" ", Enumerable.Repeat("abcdefghi", 10)); // a 99-character slug

        var slug = ProviderRules.Slug(name);

        Assert.Equal(string.Join("-", Enumerable.Repeat("abcdefghi", 8)), slug);
        Assert.True(ProviderRules.IsSlug(slug));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void ASlugIsAtMostAHundredCharacters(int length, bool valid) =>
        Assert.Equal(valid, ProviderRules.IsSlug(new string('a', length)));

    [Fact]
    public void NoTextIsAnEmptyListAndLongEntriesAreCutAtSixtyCharacters()
    {
        Assert.Empty(ProviderRules.List(null));
        Assert.Equal([new string('a', 60), "b"], ProviderRules.List(new string('a', 61) + ", b"));
    }

    [Fact]
    public void TheShortestImagesAreRecognisedToo()
    {
        Assert.Equal("image/jpeg", ProviderRules.ImageType([0xFF, 0xD8, 0xFF]));
        Assert.Equal("image/png", ProviderRules.ImageType([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));
        Assert.Equal("image/webp", ProviderRules.ImageType("RIFF\0\0\0\0WEBP"u8.ToArray()));
        Assert.Null(ProviderRules.ImageType([0xFF, 0xD8]));
    }
}
