using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ClarityPortal.Web.Features.Education.Content;

public sealed record GlossaryEntry(string Key, string Term, string Definition);

/// <summary>The glossary in <c>content/glossary.yml</c>: the words modules explain on first use.</summary>
public sealed class Glossary(IReadOnlyList<GlossaryEntry> entries)
{
    public static readonly Glossary Empty = new([]);

    private readonly Dictionary<string, GlossaryEntry> byKey = entries.ToDictionary(e => e.Key, StringComparer.Ordinal);

    public IReadOnlyList<GlossaryEntry> Entries { get; } =
    [.. entries.OrderBy(e => e.Term, StringComparer.OrdinalIgnoreCase)];

    public IReadOnlySet<string> Keys => byKey.Keys.ToHashSet();

    public GlossaryEntry? Find(string key) => byKey.GetValueOrDefault(key);

    public static Glossary Parse(string file, string yaml)
    {
        List<Item>? items;
        try
        {
            items = new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .Build()
                .Deserialize<List<Item>?>(yaml);
        }
        catch (YamlException ex)
        {
            throw new ContentException(
                file,
                (int)ex.Start.Line,
                "broken glossary: " + (ex.InnerException?.Message ?? ex.Message)
            );
        }

        var entries = new List<GlossaryEntry>();
        foreach (var (item, i) in (items ?? []).Select((item, i) => (item, i)))
        {
            if (
                string.IsNullOrWhiteSpace(item.Key)
                || string.IsNullOrWhiteSpace(item.Term)
                || string.IsNullOrWhiteSpace(item.Definition)
            )
            {
                throw new ContentException(file, 1, $"glossary entry {i + 1} needs key, term and definition.");
            }

            if (entries.Any(e => string.Equals(e.Key, item.Key.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                throw new ContentException(file, 1, $"glossary key '{item.Key}' is used twice.");
            }

            entries.Add(
                new GlossaryEntry(item.Key.Trim().ToLowerInvariant(), item.Term.Trim(), item.Definition.Trim())
            );
        }

        return new Glossary(entries);
    }

    private sealed class Item
    {
        public string? Key { get; set; }

        public string? Term { get; set; }

        public string? Definition { get; set; }
    }
}
