using System.Text.RegularExpressions;

namespace ClarityPortal.Web.Features.Education.Content;

/// <summary>A piece of a section's body: Markdown, an interactive component, or a knowledge check.</summary>
public abstract record ContentBlock(int Line);

public sealed record MarkdownBlock(int Line, string Markdown) : ContentBlock(Line);

public sealed record ComponentBlock(int Line, string Name) : ContentBlock(Line);

public sealed record CheckBlock(int Line, string Yaml, int Index) : ContentBlock(Line);

/// <summary>Splits a section body on <c>::: name</c> … <c>:::</c> fences.</summary>
public static partial class ContentBlocks
{
    /// <summary>The interactive components content may place.</summary>
    public const string MechanismExplorer = "mechanism-explorer";

    public const string OnsetTimeline = "onset-timeline";

    public static readonly IReadOnlySet<string> Components = new HashSet<string>(StringComparer.Ordinal)
    {
        MechanismExplorer,
        OnsetTimeline,
    };

    public const string Check = "check";

    /// <summary>
    /// Splits <paramref name="body"/>; <paramref name="firstLine"/> is its line in the file, for messages.
    /// </summary>
    public static IReadOnlyList<ContentBlock> Split(string file, string body, int firstLine)
    {
        var blocks = new List<ContentBlock>();
        var lines = body.Split('\n');
        var markdown = new List<string>();
        var markdownStart = firstLine;
        var checks = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Fence().Match(lines[i]);
            if (!match.Success)
            {
                // Empty lines before the text are trimmed off the block (FlushMarkdown), so it starts after them.
                if (markdown.All(l => l.Length == 0))
                {
                    markdownStart = firstLine + i;
                }

                if (lines[i].TrimStart().StartsWith(":::", StringComparison.Ordinal))
                {
                    throw new ContentException(
                        file,
                        firstLine + i,
                        "a ':::' line outside a block; open a block with '::: name'."
                    );
                }

                markdown.Add(lines[i]);
                continue;
            }

            FlushMarkdown();
            var name = match.Groups[1].Value;
            var start = firstLine + i;
            var inner = new List<string>();
            var closed = false;
            for (i++; i < lines.Length; i++)
            {
                if (lines[i].Trim() == ":::")
                {
                    closed = true;
                    break;
                }

                inner.Add(lines[i]);
            }

            if (!closed)
            {
                throw new ContentException(file, start, $"the '{name}' block is never closed with ':::'.");
            }

            if (name == Check)
            {
                blocks.Add(new CheckBlock(start, string.Join('\n', inner), checks++));
            }
            else if (Components.Contains(name))
            {
                if (inner.Any(l => l.Trim().Length > 0))
                {
                    throw new ContentException(file, start + 1, $"the '{name}' block takes no content.");
                }

                blocks.Add(new ComponentBlock(start, name));
            }
            else
            {
                throw new ContentException(
                    file,
                    start,
                    $"unknown block '{name}'. Known blocks: check, {string.Join(", ", Components.Order())}."
                );
            }
        }

        FlushMarkdown();
        return blocks;

        void FlushMarkdown()
        {
            if (markdown.Any(l => l.Trim().Length > 0))
            {
                blocks.Add(new MarkdownBlock(markdownStart, string.Join('\n', markdown).Trim('\n')));
            }

            markdown.Clear();
        }
    }

    [GeneratedRegex(@"^:::\s*([a-z][a-z0-9-]*)\s*$")]
    private static partial Regex Fence();
}
