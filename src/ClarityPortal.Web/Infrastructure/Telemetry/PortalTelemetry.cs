using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ClarityPortal.Web.Infrastructure.Telemetry;

/// <summary>
/// The portal's own spans and counters. Tags carry kinds and outcomes only: never a name, email, message or id
/// that points at a patient.
/// </summary>
public sealed class PortalTelemetry : IDisposable
{
    public const string Name = "ClarityPortal";

    public static readonly ActivitySource Source = new(Name);

    private readonly Meter meter;

    public PortalTelemetry(IMeterFactory meters)
    {
        meter = meters.Create(Name);
        ReadingReports = meter.CreateCounter<long>("clarity.reading.reports", description: "Reading reports handled");
        ReadingReportDuration = meter.CreateHistogram<double>(
            "clarity.reading.report.duration",
            unit: "ms",
            description: "Time the server took to handle a reading report, from its arrival to its answer"
        );
        ContactRequests = meter.CreateCounter<long>("clarity.contact.requests", description: "Contact requests filed");
        MailsSent = meter.CreateCounter<long>("clarity.mail.sent", description: "Mails handed to the mail server");
        MailsFailed = meter.CreateCounter<long>("clarity.mail.failed", description: "Mail attempts that failed");
        AuditAppends = meter.CreateCounter<long>("clarity.audit.appends", description: "Rows added to the audit log");
    }

    public Counter<long> ReadingReports { get; }

    /// <summary>The reading report's handling time (docs/performance.md, "Patients reading").</summary>
    public Histogram<double> ReadingReportDuration { get; }

    public Counter<long> ContactRequests { get; }

    public Counter<long> MailsSent { get; }

    public Counter<long> MailsFailed { get; }

    public Counter<long> AuditAppends { get; }

    public void Dispose() => meter.Dispose();
}
