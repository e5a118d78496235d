using System.Reflection;
using ClarityPortal.Data;
using Microsoft.AspNetCore.Components;
using Mono.Cecil;
using NetArchTest.Rules;

namespace ClarityPortal.UnitTests.Architecture;

/// <summary>
/// The dependency rule (docs/adr/0008-one-way-architecture.md): features point down at Infrastructure, Data and
/// Components/Shared; a feature uses another only through an edge listed here with its reason; Infrastructure and
/// Data never use a feature; services never use components. Read from the compiled IL, method bodies included.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Web = "ClarityPortal.Web";
    private const string Features = Web + ".Features";
    private const string Infrastructure = Web + ".Infrastructure";

    /// <summary>Every feature-to-feature edge the code may have, and why. Anything else fails the build.</summary>
    public static readonly IReadOnlyList<(string From, string To, string Why)> AllowedEdges =
    [
        ("Education", "Progress", "the lesson reader hosts reading progress; a new revision recounts the summaries"),
        ("Progress", "Contact", "a question from a lesson is filed as a contact request; /my shows its status"),
        ("Contact", "Providers", "a contact request may name a provider; the form lists them"),
        ("Patients", "Progress", "matrix and record read progress facts; assignments recount progress summaries"),
        ("Patients", "Contact", "the clinician overview shows how many requests are new"),
        ("Invitations", "Patients", "accepting links the care team and assigns the starter set through PatientLinks"),
        ("Admin", "Invitations", "staff are invited from the staff page"),
        ("Admin", "Patients", "handing over a caseload adds care-team links through PatientLinks"),
        ("Reminders", "Progress", "a finished module is not reminded of: ProgressFacts says which are complete"),
        ("Reminders", "Contact", "the scheduler also sends the care team's daily digest of alerts"),
    ];

    private static readonly Assembly WebAssembly = typeof(Program).Assembly;

    public static TheoryData<string> FeatureNames()
    {
        var data = new TheoryData<string>();
        foreach (var feature in Feature.All)
        {
            data.Add(feature);
        }

        return data;
    }

    [Fact]
    public void EveryFeatureFolderIsKnownToTheRule()
    {
        var folders = Directory
            .GetDirectories(Path.Combine(Repository.Root, "src", Web, "Features"))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(Feature.All.Order(StringComparer.Ordinal), folders);
    }

    [Theory]
    [MemberData(nameof(FeatureNames))]
    public void FeatureUsesOtherFeaturesOnlyThroughAllowedEdges(string feature)
    {
        var forbidden = Feature
            .All.Where(other => other != feature && !AllowedEdges.Any(e => e.From == feature && e.To == other))
            .Select(Feature.Namespace)
            .ToArray();

        var result = Types
            .InAssembly(WebAssembly)
            .That()
            .ResideInNamespace(Feature.Namespace(feature))
            .ShouldNot()
            .HaveDependencyOnAny(forbidden)
            .GetResult();

        Assert.True(result.IsSuccessful, $"{feature} uses a feature outside its allowed edges: {Names(result)}");
    }

    [Fact]
    public void EveryAllowedEdgeIsUsedAndTheyFormNoCycle()
    {
        foreach (var (from, to, _) in AllowedEdges)
        {
            var uses = Types
                .InAssembly(WebAssembly)
                .That()
                .ResideInNamespace(Feature.Namespace(from))
                .And()
                .HaveDependencyOn(Feature.Namespace(to))
                .GetTypes();
            Assert.True(uses.Any(), $"The edge {from} → {to} is allowed but not used: remove it from the list.");
        }

        Assert.Empty(Cycle.Find(AllowedEdges.Select(e => (e.From, e.To))));
    }

    [Fact]
    public void InfrastructureUsesNoFeatureAndNoComponentFolderAbove()
    {
        var result = Types
            .InAssembly(WebAssembly)
            .That()
            .ResideInNamespace(Infrastructure)
            .ShouldNot()
            .HaveDependencyOnAny(Features, Web + ".Components")
            .GetResult();

        Assert.True(result.IsSuccessful, $"Infrastructure must not use features or components: {Names(result)}");
    }

    [Fact]
    public void SharedComponentsUseNoFeature()
    {
        var result = Types
            .InAssembly(WebAssembly)
            .That()
            .ResideInNamespace(Web + ".Components.Shared")
            .ShouldNot()
            .HaveDependencyOn(Features)
            .GetResult();

        Assert.True(result.IsSuccessful, $"Components/Shared must not use features: {Names(result)}");
    }

    [Fact]
    public void DataReferencesNoWebCode()
    {
        var data = typeof(ClarityDbContext).Assembly;
        var result = Types.InAssembly(data).ShouldNot().HaveDependencyOn(Web).GetResult();

        Assert.DoesNotContain(data.GetReferencedAssemblies(), a => a.Name == Web);
        Assert.True(result.IsSuccessful, $"Data must not use the web project: {Names(result)}");
    }

    [Fact]
    public void ServicesAndRulesUseNoComponent()
    {
        var components = WebAssembly
            .GetTypes()
            .Where(t =>
                typeof(IComponent).IsAssignableFrom(t) && t.Namespace?.StartsWith(Web, StringComparison.Ordinal) == true
            )
            .Select(t => t.FullName!)
            .ToArray();

        var result = Types
            .InAssembly(WebAssembly)
            .That()
            .MeetCustomRule(new ServiceOrRule(components))
            .ShouldNot()
            .HaveDependencyOnAny(components)
            .GetResult();

        // The check sees component use where there is some: the lesson reader hosts the reading tracker.
        var reader = Types
            .InAssembly(WebAssembly)
            .That()
            .HaveName("ModuleReaderPage")
            .Should()
            .HaveDependencyOnAny(components)
            .GetResult();

        Assert.True(reader.IsSuccessful);
        Assert.True(result.IsSuccessful, $"A service or rule uses a component: {Names(result)}");
    }

    [Theory]
    [MemberData(nameof(FeatureNames))]
    public void FeatureHasOneEntryFile(string feature)
    {
        var setup = WebAssembly.GetType($"{Feature.Namespace(feature)}.{feature}Setup");
        var file = Path.Combine(Repository.Root, "src", Web, "Features", feature, $"{feature}Setup.cs");

        Assert.True(File.Exists(file), $"Features/{feature}/{feature}Setup.cs is missing.");
        Assert.NotNull(setup);
        Assert.Contains(setup.GetMethods(BindingFlags.Public | BindingFlags.Static), m => m.Name == $"Add{feature}");

        // Registered with the others in PortalFeatures, the list Program.cs and the component tests' host both use.
        var registered = Types
            .InAssembly(WebAssembly)
            .That()
            .HaveName("PortalFeatures")
            .Should()
            .HaveDependencyOn(setup.FullName)
            .GetResult();
        Assert.True(registered.IsSuccessful, $"PortalFeatures.AddFeatures does not call {feature}Setup.Add{feature}.");
    }

    [Fact]
    public void SourceLinesAreAtMost120Characters()
    {
        var tooLong = Repository
            .SourceFiles()
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line: i + 1, length: line.Length)))
            .Where(l => l.length > 120)
            .Select(l => $"{Path.GetRelativePath(Repository.Root, l.file)}:{l.line} ({l.length})")
            .ToList();

        Assert.True(
            tooLong.Count == 0,
            $"{tooLong.Count} lines over 120 characters:\n{string.Join('\n', tooLong.Take(50))}"
        );
    }

    [Fact]
    public void TheCycleCheckFindsABackEdge()
    {
        Assert.Equal(["A", "B", "C", "A"], Cycle.Find([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")]));
        Assert.Empty(Cycle.Find([("A", "B"), ("B", "C"), ("A", "C")]));
    }

    private static string Names(TestResult result) => string.Join(", ", result.FailingTypeNames ?? []);

    /// <summary>
    /// A type of a feature or of Infrastructure that is not a component. Compiler-made helpers inside a component
    /// (closures, lambdas) belong to the component.
    /// </summary>
    private sealed class ServiceOrRule(IReadOnlyCollection<string> components) : ICustomRule
    {
        public bool MeetsRule(TypeDefinition type)
        {
            var outer = type;
            while (outer.DeclaringType is not null)
            {
                outer = outer.DeclaringType;
            }

            if (
                !outer.Namespace.StartsWith(Features, StringComparison.Ordinal)
                && !outer.Namespace.StartsWith(Infrastructure, StringComparison.Ordinal)
            )
            {
                return false;
            }

            for (var t = type; t is not null; t = t.DeclaringType)
            {
                if (components.Contains(t.FullName.Replace('/', '+')))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
