using ClarityPortal.Web.Features.Education.Content;

namespace ClarityPortal.UnitTests.Education;

public class ContentRendererTests
{
    private static readonly Glossary Glossary = new([
        new GlossaryEntry("glutamate", "Glutamate", "The main \"go\" <messenger>."),
    ]);
    private static readonly ModuleReference[] References = [new("li2010", "Li N. *Science*. 2010.", null)];

    private static string Render(string markdown, ISet<string>? seen = null) =>
        new ContentRenderer().Render(markdown, Glossary, References, seen ?? new HashSet<string>(), "s1");

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>")]
    [InlineData("[click](javascript:alert(1))")]
    public void ScriptsEventHandlersAndScriptLinksNeverReachThePage(string content)
    {
        var html = Render("Hello " + content);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var elements = document.Body!.QuerySelectorAll("*");

        Assert.Empty(document.QuerySelectorAll("script, img, iframe, object"));
        Assert.DoesNotContain(
            elements,
            e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
        );
        Assert.DoesNotContain(
            elements,
            e => e.GetAttribute("href")?.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) == true
        );
    }

    [Fact]
    public void TheSanitizerStripsEventHandlersFromMarkupThatGetsThrough()
    {
        var html = ClarityPortal
            .Web.Infrastructure.SafeMarkdown.CreateSanitizer()
            .Sanitize("<p onclick=\"steal()\">Hi</p><script>bad()</script>");

        Assert.Equal("<p>Hi</p>", html);
    }

    [Fact]
    public void AGlossaryTermIsExplainedOnFirstUseOnlyAndItsDefinitionIsEncoded()
    {
        var seen = new HashSet<string>();

        var first = Render("Cells use [[glutamate]].", seen);
        var second = Render("More [[glutamate]].", seen);

        Assert.Contains(
            "<button type=\"button\" class=\"term__button\" aria-describedby=\"s1-term-glutamate\">glutamate</button>",
            first
        );
        Assert.Contains("role=\"tooltip\" id=\"s1-term-glutamate\"", first);
        Assert.Contains("&lt;messenger&gt;", first);
        Assert.DoesNotContain("<messenger>", first);
        Assert.DoesNotContain("term__button", second);
        Assert.Contains("<span class=\"term-seen\">glutamate</span>", second);
    }

    [Fact]
    public void CitationsBecomeNumberedLinksToTheReferences()
    {
        var html = Render("A fact [ref:li2010].");

        Assert.Contains("<sup class=\"cite\"><a href=\"#ref-li2010\" aria-label=\"Source 1\">[1]</a></sup>", html);
    }
}
