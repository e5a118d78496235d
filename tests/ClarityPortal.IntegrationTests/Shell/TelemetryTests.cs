using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ClarityPortal.Data.Identity;
using ClarityPortal.IntegrationTests.Patients;
using ClarityPortal.Web.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace ClarityPortal.IntegrationTests.Shell;

/// <summary>Telemetry switched on, exported to an in-process collector (OpenTelemetry's in-memory exporter).</summary>
public sealed class TelemetryFactory : CaseloadFactory
{
    /// <summary>
    /// Spans as they end, on whichever thread ends them: activity sources are process-wide, so other tests' portals,
    /// running at the same time, add theirs too. A plain list copied while one is added threw in CI.
    /// </summary>
    public SpanCollection Spans { get; } = new();

    public TelemetryFactory()
    {
        Settings["OpenTelemetry:Enabled"] = "true";
        TestServices = services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
    }
}

/// <summary>A collection the exporter can add to from any thread while a test takes a copy.</summary>
public sealed class SpanCollection : Collection<Activity>
{
    protected override void InsertItem(int index, Activity item)
    {
        lock (Items)
        {
            base.InsertItem(index, item);
        }
    }

    /// <summary>
    /// A copy taken under the lock. (<c>ToList()</c> would read the count and copy in two steps, with a span added
    /// in between.)
    /// </summary>
    public List<Activity> Snapshot()
    {
        lock (Items)
        {
            return [.. Items];
        }
    }
}

public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly TelemetryFactory portal = new();

    public Task InitializeAsync() => portal.SeedAsync();

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task APageRequestAndAReadingReportAreTracedAndCountedWithoutPatientNamesOrEmails()
    {
        var reports = 0L;
        var durations = new System.Collections.Concurrent.ConcurrentBag<(double Ms, object? Outcome)>();
        // Only this portal's meter: other tests' portals, running at the same time, report too.
        var meters = portal.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (
                instrument.Meter.Name == "ClarityPortal"
                && ReferenceEquals(instrument.Meter.Scope, meters)
                && instrument.Name is "clarity.reading.reports" or "clarity.reading.report.duration"
            )
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref reports, value));
        listener.SetMeasurementEventCallback<double>(
            (_, value, tags, _) => durations.Add((value, tags.ToArray().SingleOrDefault(t => t.Key == "outcome").Value))
        );
        listener.Start();
        var module = await portal.WithDbAsync(db =>
            db.Modules.Where(m => m.IsPublished).Select(m => new { m.Slug, m.CurrentRevisionId }).FirstAsync()
        );
        using var client = portal.CreatePortalClient();
        await client.SignInAsync(portal.PatientOfA.Email!, CaseloadFactory.Password);

        (await client.GetAsync($"/learn/{module.Slug}?utm=pa@example.org")).EnsureSuccessStatusCode();
        // The report's spans carry this trace: other tests' portals, running at the same time, trace too.
        using var test = new Activity("telemetry-test").Start();
        test.ActivityTraceFlags = ActivityTraceFlags.Recorded; // sampled, as a request's span would be
        await using (var scope = portal.ScopeAs(CaseloadFactory.As(portal.PatientOfA, PortalRoles.Patient)))
        {
            var progress = scope.ServiceProvider.GetRequiredService<ProgressService>();
            await progress.BeginAsync(module.Slug, module.CurrentRevisionId!.Value);
            await progress.ReportAsync(
                module.Slug,
                module.CurrentRevisionId!.Value,
                Guid.NewGuid(),
                new Dictionary<string, double>(),
                null,
                DateTime.UtcNow
            );
        }

        portal.Services.GetRequiredService<TracerProvider>().ForceFlush();
        var spans = portal.Spans.Snapshot();
        Assert.Contains(
            spans,
            s => s.Kind == ActivityKind.Server && (string?)s.GetTagItem("http.route") == "/learn/{Slug}"
        );
        var report = Assert.Single(spans, s => s.DisplayName == "progress.report" && s.TraceId == test.TraceId);
        Assert.Equal("accepted", report.GetTagItem("clarity.outcome"));
        Assert.Contains(
            spans,
            s =>
                s.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal)
                && s.ParentSpanId == report.SpanId
        );
        Assert.Equal(1, Interlocked.Read(ref reports));
        var duration = Assert.Single(durations);
        Assert.True(duration.Ms > 0, $"a report's handling took {duration.Ms} ms");
        Assert.Equal("accepted", duration.Outcome);

        // Nothing that names the patient, in any attribute of any span (the query string is dropped too).
        var values = spans
            .SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(s.DisplayName))
            .ToList();
        foreach (var personal in new[] { "Patricia", "pa@example.org", portal.PatientOfA.Email!, "Correct-Horse" })
        {
            Assert.DoesNotContain(values, v => v.Contains(personal, StringComparison.OrdinalIgnoreCase));
        }
    }
}
