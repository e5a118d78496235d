namespace ClarityPortal.UnitTests.Architecture;

/// <summary>Finds a cycle in a directed graph given as edges; empty when there is none.</summary>
public static class Cycle
{
    public static IReadOnlyList<string> Find(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var state = new Dictionary<string, bool>(); // false: on the current path; true: done
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            if (state.TryGetValue(node, out var done))
            {
                return done ? null : [.. path.SkipWhile(n => n != node), node];
            }

            state[node] = false;
            path.Add(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (Visit(to) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = true;
            return null;
        }

        return next.Keys.Select(Visit).FirstOrDefault(c => c is not null) ?? [];
    }
}
