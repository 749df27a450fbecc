using CoopRegister.Data.Conversions;
using CoopRegister.Data.Identity;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Audit;
using CoopRegister.Domain.Certificates;
using CoopRegister.Domain.Society;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Data;

/// <summary>
/// The register: ASP.NET Core Identity's logins and roles, the society, the members and their share ledger,
/// the audit trail and the data-protection keys (kept here so that restarts and a second server keep sessions).
/// </summary>
/// <remarks>
/// Every model change gets one migration per provider, with the same name (README, "Adding a migration"):
/// <code>
/// dotnet ef migrations add NAME --project migrations/CoopRegister.Migrations.Sqlite
/// dotnet ef migrations add NAME --project migrations/CoopRegister.Migrations.Postgres
/// </code>
/// </remarks>
public sealed class RegisterDbContext(DbContextOptions<RegisterDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>The shadow concurrency token on every entity that two people may change at once.</summary>
    public const string VersionProperty = "Version";

    public DbSet<RegisteredSociety> Societies => Set<RegisteredSociety>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<ShareClass> ShareClasses => Set<ShareClass>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<Holding> Holdings => Set<Holding>();
    public DbSet<ShareApplication> Applications => Set<ShareApplication>();
    public DbSet<ApplicationPayment> ApplicationPayments => Set<ApplicationPayment>();
    public DbSet<ApplicationEvent> ApplicationEvents => Set<ApplicationEvent>();
    public DbSet<NumberCounter> NumberCounters => Set<NumberCounter>();
    public DbSet<ShareCertificate> Certificates => Set<ShareCertificate>();
    public DbSet<CertificateSettings> CertificateSettings => Set<CertificateSettings>();
    public DbSet<Domain.Withdrawals.WithdrawalRequest> Withdrawals => Set<Domain.Withdrawals.WithdrawalRequest>();
    public DbSet<Domain.Withdrawals.WithdrawalStep> WithdrawalSteps => Set<Domain.Withdrawals.WithdrawalStep>();
    public DbSet<Domain.Withdrawals.WithdrawalSuspension> WithdrawalSuspensions => Set<Domain.Withdrawals.WithdrawalSuspension>();
    public DbSet<Domain.Withdrawals.WithdrawalBudget> WithdrawalBudgets => Set<Domain.Withdrawals.WithdrawalBudget>();
    public DbSet<Domain.Transfers.ShareTransfer> Transfers => Set<Domain.Transfers.ShareTransfer>();
    public DbSet<Domain.Estates.Nomination> Nominations => Set<Domain.Estates.Nomination>();
    public DbSet<Domain.Estates.DeathCase> DeathCases => Set<Domain.Estates.DeathCase>();
    public DbSet<Domain.Officers.Officer> Officers => Set<Domain.Officers.Officer>();
    public DbSet<ContactFailure> ContactFailures => Set<ContactFailure>();
    public DbSet<MemberDebt> MemberDebts => Set<MemberDebt>();
    public DbSet<Domain.Meetings.Meeting> Meetings => Set<Domain.Meetings.Meeting>();
    public DbSet<Domain.Meetings.MeetingSection> MeetingSections => Set<Domain.Meetings.MeetingSection>();
    public DbSet<Domain.Meetings.Motion> Motions => Set<Domain.Meetings.Motion>();
    public DbSet<Domain.Meetings.VoterRollEntry> VoterRoll => Set<Domain.Meetings.VoterRollEntry>();
    public DbSet<Domain.Meetings.SecretBallot> Ballots => Set<Domain.Meetings.SecretBallot>();
    public DbSet<Domain.Meetings.BallotChoice> BallotChoices => Set<Domain.Meetings.BallotChoice>();
    public DbSet<Domain.Meetings.PaperBatch> PaperBatches => Set<Domain.Meetings.PaperBatch>();
    public DbSet<Domain.Meetings.PaperBatchCount> PaperBatchCounts => Set<Domain.Meetings.PaperBatchCount>();
    public DbSet<Domain.Meetings.SpoiltPaper> SpoiltPapers => Set<Domain.Meetings.SpoiltPaper>();
    public DbSet<Domain.Meetings.QuorumCheck> QuorumChecks => Set<Domain.Meetings.QuorumCheck>();
    public DbSet<Domain.Meetings.ProxyAppointment> Proxies => Set<Domain.Meetings.ProxyAppointment>();
    public DbSet<Domain.Meetings.ProxyMotionMandate> ProxyMandates => Set<Domain.Meetings.ProxyMotionMandate>();
    public DbSet<Domain.Meetings.ProxyElectionPreference> ProxyElectionPreferences => Set<Domain.Meetings.ProxyElectionPreference>();
    public DbSet<Domain.Meetings.ShowOfHands> ShowsOfHands => Set<Domain.Meetings.ShowOfHands>();
    public DbSet<Domain.Meetings.PollDemand> PollDemands => Set<Domain.Meetings.PollDemand>();
    public DbSet<Domain.Meetings.SpecialResolution> SpecialResolutions => Set<Domain.Meetings.SpecialResolution>();
    public DbSet<Domain.Meetings.Election> Elections => Set<Domain.Meetings.Election>();
    public DbSet<Domain.Meetings.ElectionCandidate> ElectionCandidates => Set<Domain.Meetings.ElectionCandidate>();
    public DbSet<Domain.Meetings.ElectionLot> ElectionLots => Set<Domain.Meetings.ElectionLot>();
    public DbSet<Domain.Meetings.BallotPreference> BallotPreferences => Set<Domain.Meetings.BallotPreference>();
    public DbSet<Domain.Meetings.ElectionPaperBatch> ElectionPaperBatches => Set<Domain.Meetings.ElectionPaperBatch>();
    public DbSet<Domain.Meetings.ElectionPaperEntry> ElectionPapers => Set<Domain.Meetings.ElectionPaperEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(RegisterDbContext).Assembly);
        builder.Entity<DataProtectionKey>(b =>
        {
            b.Property(k => k.FriendlyName).HasMaxLength(256);
            b.Property(k => k.Xml).HasMaxLength(8000);
        });

        if (Database.IsNpgsql())
        {
            foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                         .Where(p => p.FindAnnotation(Configurations.ModelBuilderExtensions.SearchKeyAnnotation) is not null))
            {
                property.SetCollation("C");
            }
        }
    }

    /// <summary>
    /// The audit events this context has saved in its current transaction and not yet linked into the hash chain;
    /// <see cref="AuditChainInterceptor"/> links them as the transaction commits.
    /// </summary>
    internal List<AuditEvent> UnlinkedAuditEvents { get; } = [];

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);

        // Here rather than where the options are built, so that no context, however made, can write unchained events.
        optionsBuilder.AddInterceptors(AuditChainInterceptor.Instance);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var added = BumpVersions();
        if (added is null)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        if (Database.CurrentTransaction is not null)
        {
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            UnlinkedAuditEvents.AddRange(added);
            return saved;
        }

        using var transaction = Database.BeginTransaction();
        var count = base.SaveChanges(acceptAllChangesOnSuccess);
        UnlinkedAuditEvents.AddRange(added);
        transaction.Commit();
        return count;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var added = BumpVersions();
        if (added is null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            UnlinkedAuditEvents.AddRange(added);
            return saved;
        }

        // A save with no transaction of the caller's commits inside EF before it returns, too early to learn the new
        // events' ids; one of our own lets the chain be linked as it commits, like any other.
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        UnlinkedAuditEvents.AddRange(added);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>
    /// Increments the concurrency token of every modified entity that has one. EF compares the original value in
    /// the UPDATE's WHERE clause, so a second writer holding the old version gets a concurrency conflict.
    /// </summary>
    /// <returns>The audit events the save will insert, or null when there are none (most saves of the voting burst):
    /// one pass over the tracked entries serves both.</returns>
    private List<AuditEvent>? BumpVersions()
    {
        List<AuditEvent>? addedAuditEvents = null;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Added && entry.Entity is AuditEvent auditEvent)
            {
                (addedAuditEvents ??= []).Add(auditEvent);
                continue;
            }

            if (entry.State != EntityState.Modified || entry.Metadata.FindProperty(VersionProperty) is null)
            {
                continue;
            }

            var version = entry.Property(VersionProperty);
            version.CurrentValue = (long)version.OriginalValue! + 1;
        }

        return addedAuditEvents;
    }
}
