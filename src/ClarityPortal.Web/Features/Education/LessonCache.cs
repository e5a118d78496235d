using System.Collections.Concurrent;

namespace ClarityPortal.Web.Features.Education;

/// <summary>
/// Published lessons as the reader shows them, kept for a short while. It lets the circuit that follows a
/// prerender find its lesson without waiting on the database, so the live page takes over without a loading
/// flash, and it keeps the lesson out of the page's persisted state (a long lesson's state outgrew the hub's
/// 32 KB message limit and the circuit was refused). A content sync here clears it at once; other instances
/// show a new revision once their copy expires.
/// </summary>
public sealed class LessonCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, (ModuleView View, DateTimeOffset Until)> lessons = new(
        StringComparer.Ordinal
    );

    public bool TryGet(string slug, out ModuleView view)
    {
        if (lessons.TryGetValue(slug, out var entry) && entry.Until > clock.GetUtcNow())
        {
            view = entry.View;
            return true;
        }

        view = null!;
        return false;
    }

    public void Keep(ModuleView view) => lessons[view.Slug] = (view, clock.GetUtcNow() + Lifetime);

    public void Clear() => lessons.Clear();
}
