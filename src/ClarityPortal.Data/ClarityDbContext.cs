using ClarityPortal.Data.Audit;
using ClarityPortal.Data.CareTeam;
using ClarityPortal.Data.Contact;
using ClarityPortal.Data.Education;
using ClarityPortal.Data.Identity;
using ClarityPortal.Data.Mail;
using ClarityPortal.Data.Patients;
using ClarityPortal.Data.Progress;
using ClarityPortal.Data.Providers;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClarityPortal.Data;

public class ClarityDbContext(DbContextOptions<ClarityDbContext> options)
    : IdentityDbContext<ApplicationUser>(options),
        IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<CareTeamLink> CareTeamLinks => Set<CareTeamLink>();

    public DbSet<Module> Modules => Set<Module>();

    public DbSet<ModuleRevision> ModuleRevisions => Set<ModuleRevision>();

    public DbSet<Section> Sections => Set<Section>();

    public DbSet<KnowledgeCheck> KnowledgeChecks => Set<KnowledgeCheck>();

    public DbSet<SectionProgress> SectionProgress => Set<SectionProgress>();

    public DbSet<ModuleProgress> ModuleProgress => Set<ModuleProgress>();

    public DbSet<CheckAnswer> CheckAnswers => Set<CheckAnswer>();

    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();

    public DbSet<ProgressSummary> ProgressSummaries => Set<ProgressSummary>();

    public DbSet<ContactRequest> ContactRequests => Set<ContactRequest>();

    public DbSet<ContactHistory> ContactHistory => Set<ContactHistory>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<Provider> Providers => Set<Provider>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<PasswordResetToken> PasswordResetTokens => Set<PasswordResetToken>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<ModuleAssignment> ModuleAssignments => Set<ModuleAssignment>();

    public DbSet<Clinic.ClinicDetails> ClinicDetails => Set<Clinic.ClinicDetails>();

    public DbSet<Reminders.ReminderSent> RemindersSent => Set<Reminders.ReminderSent>();

    public DbSet<Reminders.SchedulerLease> SchedulerLeases => Set<Reminders.SchedulerLease>();

    public DbSet<Contact.StaffAlert> StaffAlerts => Set<Contact.StaffAlert>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC; SQLite does not keep the kind, so restore it on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ClarityDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RejectAuditRewrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(
        bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken = default
    )
    {
        RejectAuditRewrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The audit log is append-only: updates and deletes through EF are refused.</summary>
    private void RejectAuditRewrites()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEvent>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Audit events are append-only and cannot be changed or deleted.");
            }
        }
    }

    private sealed class UtcDateTimeConverter()
        : ValueConverter<DateTime, DateTime>(
            v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
            v => DateTime.SpecifyKind(v, DateTimeKind.Utc)
        );
}
