using System.Diagnostics;

namespace ClarityPortal.LoadDriver;

/// <summary>One wall-clock second of a hold: the actions due in it and how slow the slowest was.</summary>
internal sealed record TimelineSecond(DateTimeOffset Second, int Actions, int Timeouts, int Over50Ms, double MaxMs);

/// <summary>
/// A hold's actions by the UTC second each was due in, so a slow second can be lined up with what the server did
/// then (a GC pause from an EventPipe trace, a counter's sample). The histogram gives the percentiles; this gives
/// the when.
/// </summary>
internal sealed class Timeline
{
    private readonly long startTimestamp = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset startWall = DateTimeOffset.UtcNow;
    private readonly SortedDictionary<long, Bucket> seconds = [];

    private sealed class Bucket
    {
        public int Actions;
        public int Timeouts;
        public int Over50Ms;
        public double MaxMs;
    }

    /// <summary>
    /// An action due at <paramref name="dueTimestamp"/> (Stopwatch ticks) took this long; null: no answer.
    /// </summary>
    public void Record(long dueTimestamp, TimeSpan? latency)
    {
        var second = (startWall + Stopwatch.GetElapsedTime(startTimestamp, dueTimestamp)).ToUnixTimeSeconds();
        lock (seconds)
        {
            if (!seconds.TryGetValue(second, out var bucket))
            {
                seconds[second] = bucket = new Bucket();
            }

            bucket.Actions++;
            if (latency is not { } l)
            {
                bucket.Timeouts++;
                return;
            }

            bucket.Over50Ms += l.TotalMilliseconds > 50 ? 1 : 0;
            bucket.MaxMs = Math.Max(bucket.MaxMs, l.TotalMilliseconds);
        }
    }

    public IReadOnlyList<TimelineSecond> Seconds()
    {
        lock (seconds)
        {
            return
            [
                .. seconds.Select(s => new TimelineSecond(
                    DateTimeOffset.FromUnixTimeSeconds(s.Key),
                    s.Value.Actions,
                    s.Value.Timeouts,
                    s.Value.Over50Ms,
                    s.Value.MaxMs
                )),
            ];
        }
    }

    /// <summary>
    /// The slowest seconds, one line: when, the slowest action, and how many of the second's actions were slow.
    /// </summary>
    public static string Slowest(IReadOnlyList<TimelineSecond> timeline, int count) =>
        string.Join(
            ", ",
            timeline
                .Where(s => s.MaxMs > 0)
                .OrderByDescending(s => s.MaxMs)
                .Take(count)
                .Select(s => $"{s.Second:HH:mm:ss} max {s.MaxMs:0} ms ({s.Over50Ms}/{s.Actions} over 50 ms)")
        );
}
