using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Ganss.Xss;
using Markdig;

namespace ClarityPortal.Web.Features.Education.Content;

/// <summary>
/// Markdown → HTML (Markdig, raw HTML disabled) → glossary terms and citations → HtmlSanitizer. Only this output is
/// ever rendered as markup, and it comes from reviewed content files, never from users.
/// </summary>
public sealed class ContentRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseAutoLinks()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    /// <summary>Rendered sections per revision id. A revision never changes once written, so entries never go stale.</summary>
    public ConcurrentDictionary<int, IReadOnlyList<SectionView>> RenderedRevisions { get; } = new();

    public static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedTags.Add("button");
        foreach (var attribute in new[] { "class", "id", "role", "type", "tabindex", "aria-describedby", "aria-label", "aria-expanded" })
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

    /// <summary>Renders one Markdown block. <paramref name="seenTerms"/> tracks terms already explained in this module.</summary>
    public string Render(string markdown, Glossary glossary, IReadOnlyList<ModuleReference> references, ISet<string> seenTerms, string idPrefix)
    {
        var html = Markdown.ToHtml(markdown, Pipeline);
        html = ModuleParser.GlossaryTerm().Replace(html, m =>
        {
            var text = m.Groups[1].Value; // already HTML-encoded by Markdig
            var entry = glossary.Find(ModuleParser.TermKey(m));
            if (entry is null || !seenTerms.Add(entry.Key))
            {
                return $"<span class=\"term-seen\">{text}</span>";
            }

            var id = $"{idPrefix}-term-{entry.Key}";
            return $"<span class=\"term\"><button type=\"button\" class=\"term__button\" aria-describedby=\"{id}\">{text}</button>"
                + $"<span class=\"term__tip\" role=\"tooltip\" id=\"{id}\"><strong>{HtmlEncoder.Default.Encode(entry.Term)}:</strong> "
                + $"{HtmlEncoder.Default.Encode(entry.Definition)}</span></span>";
        });
        html = ModuleParser.Citation().Replace(html, m =>
        {
            var index = references.ToList().FindIndex(r => r.Id == m.Groups[1].Value);
            return index < 0 ? "" : $"<sup class=\"cite\"><a href=\"#ref-{m.Groups[1].Value}\" aria-label=\"Source {index + 1}\">[{index + 1}]</a></sup>";
        });
        return sanitizer.Sanitize(html);
    }

    /// <summary>Sanitizes a fragment (used for reference text, which may hold Markdown emphasis).</summary>
    public string RenderInline(string markdown) => sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline).Trim().Replace("<p>", "", StringComparison.Ordinal).Replace("</p>", "", StringComparison.Ordinal));
}
