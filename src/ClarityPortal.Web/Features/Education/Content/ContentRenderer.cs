using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using ClarityPortal.Web.Infrastructure;

namespace ClarityPortal.Web.Features.Education.Content;

/// <summary>
/// Markdown → HTML (<see cref="SafeMarkdown"/>: Markdig, raw HTML disabled) → glossary terms and citations →
/// HtmlSanitizer. Only this output is
/// ever rendered as markup, and it comes from reviewed content files, never from users.
/// </summary>
public sealed class ContentRenderer
{
    /// <summary>
    /// Rendered sections per revision id. A revision never changes once written, so entries never go stale.
    /// </summary>
    public ConcurrentDictionary<int, IReadOnlyList<SectionView>> RenderedRevisions { get; } = new();

    /// <summary>
    /// Renders one Markdown block. <paramref name="seenTerms"/> tracks terms already explained in this module.
    /// </summary>
    public string Render(
        string markdown,
        Glossary glossary,
        IReadOnlyList<ModuleReference> references,
        ISet<string> seenTerms,
        string idPrefix
    )
    {
        var html = SafeMarkdown.ToUnsafeHtml(markdown);
        html = ModuleParser
            .GlossaryTerm()
            .Replace(
                html,
                m =>
                {
                    var text = m.Groups[1].Value; // already HTML-encoded by Markdig
                    var entry = glossary.Find(ModuleParser.TermKey(m));
                    if (entry is null || !seenTerms.Add(entry.Key))
                    {
                        return $"<span class=\"term-seen\">{text}</span>";
                    }

                    var id = $"{idPrefix}-term-{entry.Key}";
                    return $"<span class=\"term\"><button type=\"button\" class=\"term__button\" "
                        + $"aria-describedby=\"{id}\">{text}</button>"
                        + $"<span class=\"term__tip\" role=\"tooltip\" "
                        + $"id=\"{id}\"><strong>{HtmlEncoder.Default.Encode(entry.Term)}:</strong> "
                        + $"{HtmlEncoder.Default.Encode(entry.Definition)}</span></span>";
                }
            );
        html = ModuleParser
            .Citation()
            .Replace(
                html,
                m =>
                {
                    var index = references.ToList().FindIndex(r => r.Id == m.Groups[1].Value);
                    return index < 0
                        ? ""
                        : $"<sup class=\"cite\"><a href=\"#ref-{m.Groups[1].Value}\" aria-label=\"Source "
                            + $"{index + 1}\">[{index + 1}]</a></sup>";
                }
            );
        return SafeMarkdown.Sanitize(html);
    }

    /// <summary>Sanitizes a fragment (used for reference text, which may hold Markdown emphasis).</summary>
    public string RenderInline(string markdown) =>
        SafeMarkdown.Sanitize(
            SafeMarkdown
                .ToUnsafeHtml(markdown)
                .Trim()
                .Replace("<p>", "", StringComparison.Ordinal)
                .Replace("</p>", "", StringComparison.Ordinal)
        );
}
