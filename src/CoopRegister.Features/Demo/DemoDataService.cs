using System.Globalization;
using System.Threading.Channels;
using CoopRegister.Data;
using CoopRegister.Data.Bulk;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Audit;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Demo;

/// <summary>What <c>coopreg demo-data</c> asks for.</summary>
public sealed record DemoDataRequest
{
    public const int DefaultBatchSize = 50_000;
    public const int MaxMembers = 10_000_000;

    public required int Members { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>The register's "today"; the clock's date when not given. Give it to get the same register on another day.</summary>
    public DateOnly? Today { get; init; }

    /// <summary>Add to a register that already has members, numbering on from its last member.</summary>
    public bool Append { get; init; }

    /// <summary>Create <see cref="DemoDataService.SampleSociety"/> when first-run setup has not been done.</summary>
    public bool CreateSociety { get; init; }

    /// <summary>Members per batch; each batch is one transaction.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;
}

/// <summary>Where a run is: writing batches, rebuilding indexes at the end of a single-transaction run, or committed.</summary>
public enum DemoDataStage
{
    /// <summary>A batch has been written (and, with a transaction per batch, committed).</summary>
    Writing,

    /// <summary>Every batch is written; the indexes are being rebuilt before the one transaction commits.</summary>
    Indexing,

    /// <summary>Everything is committed.</summary>
    Done,
}

/// <summary>How far a run has got, reported after each batch and at the end.</summary>
public sealed record DemoDataProgress(DemoDataStage Stage, long MembersWritten, long MembersRequested, long LedgerEntriesWritten, int Batches, TimeSpan Elapsed)
{
    public double MembersPerSecond => Elapsed.TotalSeconds > 0 ? MembersWritten / Elapsed.TotalSeconds : 0;

    /// <summary>The time left at the rate so far, or null before there is a rate.</summary>
    public TimeSpan? Remaining => MembersPerSecond > 0 ? TimeSpan.FromSeconds((MembersRequested - MembersWritten) / MembersPerSecond) : null;
}

/// <summary>
/// What a run wrote, and whether it was one transaction (<see cref="SingleTransaction"/>) or one per batch. When
/// <see cref="Cancelled"/>, the counts are those of the batches committed before it stopped: none for a single transaction.
/// </summary>
public sealed record DemoDataResult(
    long Members,
    long LedgerEntries,
    long Holdings,
    long Applications,
    long ApplicationPayments,
    long ApplicationEvents,
    long FirstMemberNumber,
    long LastMemberNumber,
    int Batches,
    TimeSpan Elapsed,
    bool SocietyCreated,
    bool ShareClassCreated,
    bool SingleTransaction,
    bool Cancelled);

/// <summary>
/// Fills the register with a realistic demonstration register (<see cref="DemoRegisterGenerator"/>) through the bulk
/// writer, in batches. Into a register with no members the whole run is one transaction, with the large tables'
/// indexes rebuilt once at the end (<see cref="RegisterBulkMode.SingleTransaction"/>): a cancelled or failed run leaves
/// the register as it was. Adding to a register that has members, each batch is one transaction: a cancelled or failed
/// run leaves every batch before it complete and consistent (members with their ledger, holdings equal to the ledger,
/// the member counter after the last number written) and nothing of the batch in progress. The generator runs on
/// another thread while the writer writes.
/// </summary>
public sealed class DemoDataService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    /// <summary>The society made by <see cref="DemoDataRequest.CreateSociety"/>: plausible, and plainly not a real one.</summary>
    public static readonly SocietyDetails SampleSociety = new()
    {
        RegisteredName = "Demonstration Readers' Co-operative Society Limited",
        RegistrationNumber = "99999R",
        RegisteredOffice = "Unity House\n1 Co-operative Street\nManchester\nM4 1AA",
        ShareNominalValuePence = 100,
        MinimumHoldingShares = 1,
        MaximumHoldingPence = StatutoryLimits.WithdrawableCapGreatBritain.Pence,
        MinimumAge = 16,
        WithdrawalNoticeDays = 90,
        SharesWithdrawable = true,
        SharesTransferable = false,
    };

    public async Task<DemoDataResult> GenerateAsync(Actor actor, DemoDataRequest request, IProgress<DemoDataProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        Check(request);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = request.Today ?? DateOnly.FromDateTime(now);
        var started = clock.GetTimestamp();

        var (society, shareClass, societyCreated, classCreated, enteredFrom, references) = await PrepareAsync(actor, request, now, cancellationToken);

        // An empty register is loaded in one transaction with its indexes rebuilt at the end; rebuilding the indexes of
        // a register that already has members would cost more than keeping them up to date batch by batch.
        var mode = enteredFrom is null ? RegisterBulkMode.SingleTransaction : RegisterBulkMode.TransactionPerBatch;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var writer = await RegisterBulkWriter.OpenAsync(db, mode, cancellationToken);
        var start = await writer.ReadKeysAsync(cancellationToken);
        var options = new DemoRegisterOptions
        {
            Members = request.Members,
            Seed = request.Seed,
            Today = today,
            EnteredFrom = enteredFrom,
        };
        var generator = new DemoRegisterGenerator(options, society, shareClass, writer.KeyAssigner(start), references);
        AuditEvent Audit(RegisterBatch b) => AuditEvent.Record(now, actor.UserId, actor.Name, "register.demo-data", "Register",
            $"{b.Start.NextMemberNumber.ToString(CultureInfo.InvariantCulture)}-{(b.End.NextMemberNumber - 1).ToString(CultureInfo.InvariantCulture)}",
            $"Demonstration data: members {b.Start.NextMemberNumber.ToString("N0", CultureInfo.InvariantCulture)} to {(b.End.NextMemberNumber - 1).ToString("N0", CultureInfo.InvariantCulture)} " +
            $"({b.Members.Count.ToString("N0", CultureInfo.InvariantCulture)}) with {b.LedgerEntries.Count.ToString("N0", CultureInfo.InvariantCulture)} ledger entries " +
            $"and {b.Applications.Count.ToString("N0", CultureInfo.InvariantCulture)} pending applications, generated from seed {request.Seed.ToString(CultureInfo.InvariantCulture)} as at {today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.",
            null,
            AuditTrail.Snapshot(new { b.Members.Count, FirstMemberNumber = b.Start.NextMemberNumber, LastMemberNumber = b.End.NextMemberNumber - 1, LedgerEntries = b.LedgerEntries.Count, Applications = b.Applications.Count, request.Seed, Today = today }));

        // The generator makes batches on another thread, at most two ahead of the writer, which writes them one at a time.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<RegisterBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in generator.Generate(request.BatchSize, Audit))
                {
                    await channel.Writer.WriteAsync(batch, stop.Token);
                }

                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        var totals = new Totals();
        var cancelled = false;
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken))
            {
                await writer.WriteAsync(batch, cancellationToken);
                totals.Add(batch);
                progress?.Report(new DemoDataProgress(DemoDataStage.Writing, totals.Members, request.Members, totals.LedgerEntries, totals.Batches, clock.GetElapsedTime(started)));
            }

            if (mode == RegisterBulkMode.SingleTransaction)
            {
                progress?.Report(new DemoDataProgress(DemoDataStage.Indexing, totals.Members, request.Members, totals.LedgerEntries, totals.Batches, clock.GetElapsedTime(started)));
            }

            await writer.CompleteAsync(cancellationToken);
            progress?.Report(new DemoDataProgress(DemoDataStage.Done, totals.Members, request.Members, totals.LedgerEntries, totals.Batches, clock.GetElapsedTime(started)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
            if (mode == RegisterBulkMode.SingleTransaction)
            {
                // The one transaction is rolled back when the writer is disposed: nothing was written.
                totals = new Totals();
            }
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException(mode == RegisterBulkMode.SingleTransaction
                ? $"{ex.Message} The run was one transaction: no member was written."
                : $"{ex.Message} {totals.Members.ToString("N0", CultureInfo.InvariantCulture)} members were written before it, in {totals.Batches.ToString(CultureInfo.InvariantCulture)} complete batches.", ex);
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }

        return new DemoDataResult(totals.Members, totals.LedgerEntries, totals.Holdings, totals.Applications, totals.Payments, totals.Events,
            start.NextMemberNumber, start.NextMemberNumber + totals.Members - 1, totals.Batches, clock.GetElapsedTime(started),
            societyCreated, classCreated, mode == RegisterBulkMode.SingleTransaction, cancelled);
    }

    private static void Check(DemoDataRequest request)
    {
        var errors = new List<RuleViolation>();
        if (request.Members is < 1 or > DemoDataRequest.MaxMembers)
        {
            errors.Add(new("Members", $"The number of members must be from 1 to {DemoDataRequest.MaxMembers.ToString("N0", CultureInfo.InvariantCulture)}; it is {request.Members.ToString(CultureInfo.InvariantCulture)}."));
        }

        if (request.BatchSize is < 1 or > 1_000_000)
        {
            errors.Add(new("BatchSize", $"The batch size must be from 1 to 1,000,000 members; it is {request.BatchSize.ToString(CultureInfo.InvariantCulture)}."));
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }
    }

    /// <summary>
    /// Checks the register is ready: the society set up (or created when asked), the ordinary share class present
    /// (created from the society's settings when there is no class yet), and no members unless adding was asked for.
    /// </summary>
    private async Task<(SocietyDetails Society, ShareClass ShareClass, bool SocietyCreated, bool ClassCreated, DateOnly? EnteredFrom, List<string> References)> PrepareAsync(
        Actor actor, DemoDataRequest request, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, now, cancellationToken);
        var society = await db.Societies.SingleOrDefaultAsync(cancellationToken);
        var societyCreated = false;
        if (society is null)
        {
            if (!request.CreateSociety)
            {
                throw new DomainException("Society",
                    "The society has not been set up: run the web app's first-run setup, or pass --create-society to create a sample society.");
            }

            await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, now, cancellationToken);
            society = RegisteredSociety.Create(SampleSociety, now);
            db.Societies.Add(society);
            AuditTrail.Add(db, actor, now, "society.created", "Society", society.Id.ToString(CultureInfo.InvariantCulture),
                $"Sample society created for demonstration data: {society.Details.RegisteredName} ({society.Details.RegistrationNumber}).", null, society.Details);
            societyCreated = true;
        }

        var shareClass = await db.ShareClasses.SingleOrDefaultAsync(c => c.Code == ShareClass.OrdinaryCode, cancellationToken);
        var classCreated = false;
        if (shareClass is null)
        {
            if (await db.ShareClasses.AnyAsync(cancellationToken))
            {
                throw new DomainException("ShareClass", $"The register has share classes but no ordinary class ({ShareClass.OrdinaryCode}), which demonstration members are allotted.");
            }

            shareClass = ShareClass.Ordinary(society.Details);
            db.ShareClasses.Add(shareClass);
            AuditTrail.Add(db, actor, now, "shareclass.created", "ShareClass", ShareClass.OrdinaryCode,
                "Ordinary share class created from the society's settings.", null, new { shareClass.Code, shareClass.Name, shareClass.NominalValuePence, shareClass.MinimumHoldingShares, shareClass.MaximumHoldingPence });
            classCreated = true;
        }

        if (!shareClass.Active)
        {
            throw new DomainException("ShareClass", $"{shareClass.Name} are not on offer (the class is inactive).");
        }

        await db.SaveChangesAsync(cancellationToken);

        var members = await db.Members.LongCountAsync(cancellationToken);
        DateOnly? enteredFrom = null;
        if (members > 0)
        {
            var last = await db.Members.MaxAsync(m => m.MemberNumber, cancellationToken);
            if (!request.Append)
            {
                throw new DomainException("Members",
                    $"The register already has {members.ToString("N0", CultureInfo.InvariantCulture)} members (up to number {last.ToString(CultureInfo.InvariantCulture)}): pass --append to add demonstration members after them.");
            }

            enteredFrom = await db.Members.MaxAsync(m => m.DateEntered, cancellationToken);
        }

        var references = await db.Applications.Select(a => a.Reference).ToListAsync(cancellationToken);
        return (society.Details, shareClass, societyCreated, classCreated, enteredFrom, references);
    }

    private sealed class Totals
    {
        public long Members { get; private set; }

        public long LedgerEntries { get; private set; }

        public long Holdings { get; private set; }

        public long Applications { get; private set; }

        public long Payments { get; private set; }

        public long Events { get; private set; }

        public int Batches { get; private set; }

        public void Add(RegisterBatch batch)
        {
            Members += batch.Members.Count;
            LedgerEntries += batch.LedgerEntries.Count;
            Holdings += batch.Holdings.Count;
            Applications += batch.Applications.Count;
            Payments += batch.ApplicationPaymentCount;
            Events += batch.ApplicationEventCount;
            Batches++;
        }
    }
}
