using Ganss.Xss;
using Markdig;

namespace ClarityPortal.Web.Infrastructure;

/// <summary>
/// The one way Markdown becomes markup: Markdig with raw HTML disabled, then HtmlSanitizer (http, https, mailto and tel
/// links only). Lessons add their glossary and citations in between; provider bios use it as it is.
/// </summary>
public static class SafeMarkdown
{
    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseAutoLinks()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Markdown → sanitized HTML.</summary>
    public static string Render(string markdown) => Sanitize(ToUnsafeHtml(markdown));

    /// <summary>Markdig's output before sanitizing: only for a caller that sanitizes after its own changes.</summary>
    public static string ToUnsafeHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    public static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedTags.Add("button");
        foreach (
            var attribute in new[]
            {
                "class",
                "id",
                "role",
                "type",
                "tabindex",
                "aria-describedby",
                "aria-label",
                "aria-expanded",
            }
        )
        {
            s.AllowedAttributes.Add(attribute);
        }

        s.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "https", "http", "mailto", "tel" })
        {
            s.AllowedSchemes.Add(scheme);
        }

        return s;
    }
}
