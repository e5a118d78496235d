using BenchmarkDotNet.Attributes;
using ClarityPortal.Web.Features.Education.Content;

namespace ClarityPortal.Benchmarks;

/// <summary>
/// What a content sync and a first page view cost per module: parse + validate, and render to sanitized HTML.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ContentBenchmarks
{
    private string text = "";
    private Glossary glossary = Glossary.Empty;
    private ParsedModule parsed = default!;
    private readonly ContentRenderer renderer = new();

    [Params("01-how-ketamine-works.md", "03-what-you-may-feel.md")]
    public string File { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var root = ContentFolder.Find();
        text = System.IO.File.ReadAllText(Path.Combine(root, "modules", File));
        glossary = Glossary.Parse("glossary.yml", System.IO.File.ReadAllText(Path.Combine(root, "glossary.yml")));
        parsed = ModuleParser.Parse(File, text, glossary.Keys);
    }

    [Benchmark]
    public ParsedModule ParseAndValidate() => ModuleParser.Parse(File, text, glossary.Keys);

    [Benchmark]
    public int RenderAllSections()
    {
        var seen = new HashSet<string>();
        var length = 0;
        foreach (var section in parsed.Sections)
        {
            foreach (var block in ContentBlocks.Split(File, section.Body, 1).OfType<MarkdownBlock>())
            {
                length += renderer.Render(block.Markdown, glossary, parsed.References, seen, section.Key).Length;
            }
        }

        return length;
    }

    [Benchmark]
    public double ReadingGrade() => Readability.Grade(ModuleParser.PlainText(text));
}

public static class ContentFolder
{
    public static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "content", "modules")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("content/ not found"), "content");
    }
}
