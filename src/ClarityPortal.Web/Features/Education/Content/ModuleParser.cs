using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ClarityPortal.Data.Education;
using ClarityPortal.Web.Features.Education.Components;
using Markdig;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ClarityPortal.Web.Features.Education.Content;

/// <summary>
/// Reads one module file: YAML front matter between <c>---</c> lines, then <c>##</c> sections whose bodies may hold
/// <c>::: check</c>, <c>::: mechanism-explorer</c> and <c>::: onset-timeline</c> blocks, glossary terms
/// (<c>[[NMDA receptor|nmda]]</c>) and citations (<c>[ref:li2010]</c>). Any problem throws a
/// <see cref="ContentException"/> naming the file and line.
/// </summary>
public static partial class ModuleParser
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private static readonly MarkdownPipeline PlainPipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static ParsedModule Parse(string file, string text, IReadOnlySet<string>? glossaryKeys = null)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            throw new ContentException(file, 1, "the file must start with front matter between '---' lines.");
        }

        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        // Stryker disable once Equality : the search starts at line 1, so end is never 0
        if (end < 0)
        {
            throw new ContentException(file, 1, "the front matter is never closed with '---'.");
        }

        var front = ReadFrontMatter(file, string.Join('\n', lines[1..end]));
        var references = front
            .References.Select(
                (r, i) =>
                    new ModuleReference(
                        Required(file, r.Id, $"references[{i}].id", 2),
                        Required(file, r.Text, $"references[{i}].text", 2),
                        r.Url
                    )
            )
            .ToList();
        var duplicateRef = references.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicateRef is not null)
        {
            throw new ContentException(file, 2, $"reference id '{duplicateRef.Key}' is used twice.");
        }

        var sections = ReadSections(file, lines, end + 1, references.Select(r => r.Id).ToHashSet(), glossaryKeys);
        var changeKind = front.Change?.Trim().ToLowerInvariant() switch
        {
            "minor" => ChangeKind.Minor,
            "material" or null or "" => ChangeKind.Material,
            var other => throw new ContentException(file, 2, $"change must be 'minor' or 'material', not '{other}'."),
        };

        var review = Review(file, front, changeKind);
        return new ParsedModule(
            file,
            hash,
            Slug(file, front.Slug),
            Required(file, front.Title, "title", 2),
            Required(file, front.Summary, "summary", 2),
            front.Order,
            front.Minutes is > 0 and <= 240
                ? front.Minutes
                : throw new ContentException(file, 2, "minutes must be between 1 and 240."),
            Required(file, front.Version, "version", 2),
            changeKind,
            references,
            sections
        )
        {
            Review = review,
        };
    }

    /// <summary>
    /// The clinical sign-off in the front matter. A material change (the default) is refused without a reviewer and a
    /// review day; <c>next_review</c>, when given, must come after the review.
    /// </summary>
    private static ContentReview Review(string file, FrontMatter front, ChangeKind change)
    {
        var by = string.IsNullOrWhiteSpace(front.ReviewedBy) ? null : front.ReviewedBy.Trim();
        var on = Day(file, front.ReviewedOn, "reviewed_on");
        var next = Day(file, front.NextReview, "next_review");
        if (change == ChangeKind.Material && (by is null || on is null))
        {
            throw new ContentException(
                file,
                2,
                "a material change needs a clinical review: add reviewed_by and reviewed_on (YYYY-MM-DD)."
            );
        }

        if (by is { Length: > 200 })
        {
            throw new ContentException(file, 2, "reviewed_by is longer than 200 characters.");
        }

        // Stryker disable once Logical : "next <= on" is false when either is null, so the null tests only say so
        return next is not null && on is not null && next <= on
            ? throw new ContentException(file, 2, "next_review must be after reviewed_on.")
            : new ContentReview(by, on, next);
    }

    private static DateOnly? Day(string file, string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(
            value.Trim(),
            "yyyy-MM-dd",
            System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None,
            out var day
        )
            ? day
        : throw new ContentException(file, 2, $"{name} must be a date like 2026-11-29, not '{value}'.");

    private static FrontMatter ReadFrontMatter(string file, string yaml)
    {
        try
        {
            return Yaml.Deserialize<FrontMatter?>(yaml)
                ?? throw new ContentException(file, 2, "the front matter is empty.");
        }
        catch (YamlException ex)
        {
            // The front matter starts on the file's second line.
            throw new ContentException(
                file,
                (int)ex.Start.Line + 1,
                "broken front matter: " + (ex.InnerException?.Message ?? ex.Message)
            );
        }
    }

    private static List<ParsedSection> ReadSections(
        string file,
        string[] lines,
        int start,
        HashSet<string> referenceIds,
        IReadOnlySet<string>? glossaryKeys
    )
    {
        var sections = new List<ParsedSection>();
        var headings = Enumerable
            .Range(start, lines.Length - start)
            .Where(i => lines[i].StartsWith("## ", StringComparison.Ordinal))
            .ToList();
        var preamble = lines[start..(headings.Count > 0 ? headings[0] : lines.Length)];
        if (preamble.Any(l => l.Trim().Length > 0))
        {
            throw new ContentException(
                file,
                start + 1 + Array.FindIndex(preamble, l => l.Trim().Length > 0),
                "text before the first '## ' heading; every part of a module belongs to a section."
            );
        }

        if (headings.Count == 0)
        {
            throw new ContentException(file, start + 1, "the module has no '## ' sections.");
        }

        for (var h = 0; h < headings.Count; h++)
        {
            var headingLine = headings[h];
            var title = lines[headingLine][3..].Trim();
            var bodyEnd = h + 1 < headings.Count ? headings[h + 1] : lines.Length;
            var body = string.Join('\n', lines[(headingLine + 1)..bodyEnd]).Trim('\n');
            var key = SectionKey(title);
            if (sections.Any(s => s.Key == key))
            {
                throw new ContentException(file, headingLine + 1, $"two sections are called '{title}'.");
            }

            var blocks = ContentBlocks.Split(file, body, headingLine + 2 + LeadingBlankLines(lines, headingLine + 1));
            var checks = blocks.OfType<CheckBlock>().Select(b => ReadCheck(file, b)).ToList();
            var plain = new StringBuilder();
            foreach (var markdown in blocks.OfType<MarkdownBlock>())
            {
                CheckInline(file, markdown, referenceIds, glossaryKeys);
                plain.AppendLine(PlainText(markdown.Markdown));
            }

            // Everything a patient reads in the section is graded: the checks and the explorer's captions too.
            foreach (var check in checks)
            {
                plain.AppendLine(PlainText(string.Join('\n', [check.Question, .. check.Options, check.Explanation])));
            }

            if (blocks.OfType<ComponentBlock>().Any(b => b.Name == ContentBlocks.MechanismExplorer))
            {
                plain.AppendLine(
                    PlainText(string.Join('\n', MechanismSteps.All.Select(s => $"{s.Title}. {s.Caption}")))
                );
            }

            sections.Add(new ParsedSection(key, title, body, checks, Readability.Analyze(title + ".\n" + plain)));
        }

        return sections;
    }

    private static int LeadingBlankLines(string[] lines, int from)
    {
        var n = 0;
        while (
            from + n < lines.Length
            && lines[from + n].Trim().Length == 0
            && !lines[from + n].StartsWith("## ", StringComparison.Ordinal)
        )
        {
            n++;
        }

        return n;
    }

    private static ParsedCheck ReadCheck(string file, CheckBlock block)
    {
        CheckYaml? check;
        try
        {
            check = Yaml.Deserialize<CheckYaml?>(block.Yaml);
        }
        catch (YamlException ex)
        {
            throw new ContentException(
                file,
                block.Line + (int)ex.Start.Line,
                "broken check: " + (ex.InnerException?.Message ?? ex.Message)
            );
        }

        if (check is null)
        {
            throw new ContentException(file, block.Line, "the check is empty.");
        }

        var question = Required(file, check.Question, "question", block.Line);
        var options = check.Options?.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim()).ToList() ?? [];
        if (options.Count is < 2 or > 6)
        {
            throw new ContentException(file, block.Line, "a check needs 2 to 6 options.");
        }

        if (check.Answer < 1 || check.Answer > options.Count)
        {
            var answerLine = Array.FindIndex(
                block.Yaml.Split('\n'),
                l => l.TrimStart().StartsWith("answer:", StringComparison.Ordinal)
            );
            throw new ContentException(
                file,
                block.Line + 1 + Math.Max(0, answerLine),
                $"answer {check.Answer} is out of range: give the number of the right option, 1 to {options.Count}."
            );
        }

        return new ParsedCheck(
            question,
            options,
            check.Answer - 1,
            Required(file, check.Explain, "explain", block.Line)
        );
    }

    private static void CheckInline(
        string file,
        MarkdownBlock block,
        HashSet<string> referenceIds,
        IReadOnlySet<string>? glossaryKeys
    )
    {
        var lines = block.Markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in Citation().Matches(lines[i]))
            {
                if (!referenceIds.Contains(m.Groups[1].Value))
                {
                    throw new ContentException(
                        file,
                        block.Line + i,
                        $"citation '{m.Groups[1].Value}' is not in the front matter's references."
                    );
                }
            }

            foreach (Match m in GlossaryTerm().Matches(lines[i]))
            {
                var key = TermKey(m);
                if (glossaryKeys is not null && !glossaryKeys.Contains(key))
                {
                    throw new ContentException(
                        file,
                        block.Line + i,
                        $"glossary term '{key}' is not in content/glossary.yml."
                    );
                }
            }
        }
    }

    /// <summary>
    /// The words a reader reads: Markdown, terms and citations reduced to text, list items as sentences.
    /// </summary>
    public static string PlainText(string markdown)
    {
        var text = Citation().Replace(GlossaryTerm().Replace(markdown, m => m.Groups[1].Value), "");
        var plain = Markdown.ToPlainText(text, PlainPipeline);
        return string.Join(
            '\n',
            plain
                .Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.Length > 0)
                .Select(l => ".!?:".Contains(l[^1], StringComparison.Ordinal) ? l : l + ".")
        );
    }

    public static string TermKey(Match m) =>
        (m.Groups[2].Success ? m.Groups[2].Value : m.Groups[1].Value).Trim().ToLowerInvariant();

    public static string SectionKey(string title)
    {
        var key = NonWord().Replace(title.ToLowerInvariant(), "-").Trim('-');
        // Stryker disable once Equality : an 80-character key cut at 80 is itself (it never ends with '-')
        return key.Length > 80 ? key[..80].TrimEnd('-') : key;
    }

    private static string Slug(string file, string? slug) =>
        slug is not null && SlugPattern().IsMatch(slug)
            ? slug
            : throw new ContentException(
                file,
                2,
                "slug must be lowercase letters, digits and hyphens (for example 'how-ketamine-works')."
            );

    private static string Required(string file, string? value, string name, int line) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new ContentException(file, line, $"'{name}' is required.")
            : value.Trim();

    [GeneratedRegex(@"\[ref:([a-z0-9-]+)\]")]
    public static partial Regex Citation();

    [GeneratedRegex(@"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")]
    public static partial Regex GlossaryTerm();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();

    private sealed class FrontMatter
    {
        public string? Slug { get; set; }

        public string? Title { get; set; }

        public string? Summary { get; set; }

        public int Order { get; set; }

        public int Minutes { get; set; }

        public string? Version { get; set; }

        public string? Change { get; set; }

        public string? ReviewedBy { get; set; }

        public string? ReviewedOn { get; set; }

        public string? NextReview { get; set; }

        public List<ReferenceYaml> References { get; set; } = [];
    }

    private sealed class ReferenceYaml
    {
        public string? Id { get; set; }

        public string? Text { get; set; }

        public string? Url { get; set; }
    }

    private sealed class CheckYaml
    {
        public string? Question { get; set; }

        public List<string>? Options { get; set; }

        public int Answer { get; set; }

        public string? Explain { get; set; }
    }
}
