using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Elections;

/// <summary>
/// Paper ballots in a committee election, keyed by tellers while the meeting sits (design/voting.md: "paper ballots
/// keyed in by tellers, in batches, with a second teller's check"): each paper's marks one by one, spoilt papers with
/// their reason; a different teller keys the batch again and only a matching batch is accepted and counted. Every
/// action needs RunMeetings, re-checked from the database, runs in one transaction and is audited.
/// </summary>
public sealed class ElectionPaperService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The election's paper: its candidates in paper order, the meeting's sections, and the batches so far.</summary>
    public async Task<ElectionPaperDesk?> DeskAsync(Actor actor, long meetingId, long electionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken);
        var election = await db.Elections.AsNoTracking().Include(e => e.Candidates).SingleOrDefaultAsync(e => e.Id == electionId && e.MeetingId == meetingId, cancellationToken);
        if (meeting is null || election is null)
        {
            return null;
        }

        var me = TellerService.TellerOf(actor).Id;
        var names = meeting.Sections.ToDictionary(s => s.Id, s => s.Name);
        var batches = await db.ElectionPaperBatches.AsNoTracking().Include(b => b.Papers).Where(b => b.ElectionId == electionId).OrderBy(b => b.Number).ToListAsync(cancellationToken);
        return new ElectionPaperDesk(meeting.Id, meeting.Title, meeting.Status, election.Id, election.Title, election.Method, election.Seats,
            election.Candidates.OrderBy(c => c.Number).Select(c => new CandidateView(c.Id, c.Number, c.Name, c.Statement, c.Withdrawn)).ToList(),
            meeting.Sections.OrderBy(s => s.Date).ThenBy(s => s.Name, StringComparer.Ordinal).Select(s => new SectionView(s.Id, s.Name, s.Date, s.Place)).ToList(),
            batches.Select(b => new ElectionBatchView(b.Id, b.Number, names.GetValueOrDefault(b.SectionId, ""), b.Status, b.KeyedByName, b.CheckedByName,
                string.Equals(b.KeyedById, me, StringComparison.Ordinal),
                b.IsAccepted ? b.Valid.Count() : null, b.IsAccepted ? b.Spoilt.Select(p => p.SpoiltReason!).ToList() : null)).ToList());
    }

    /// <summary>A teller keys a batch of papers from a section; it counts only once a second teller's check matches.</summary>
    public async Task<int> KeyBatchAsync(Actor actor, long meetingId, long electionId, long sectionId, ElectionPaperForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken) ?? throw new DomainException("Meeting", $"There is no meeting {meetingId}.");
        var section = meeting.Sections.FirstOrDefault(s => s.Id == sectionId) ?? throw new DomainException("Section", "Choose the section the papers come from.");
        var election = await db.Elections.AsNoTracking().Include(e => e.Candidates).SingleOrDefaultAsync(e => e.Id == electionId && e.MeetingId == meetingId, cancellationToken)
                       ?? throw new DomainException("Election", "There is no such election in this meeting.");
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await TellerService.LockSittingAsync(db, meetingId, "key paper ballots", cancellationToken);
        var number = (await db.ElectionPaperBatches.Where(b => b.ElectionId == electionId).MaxAsync(b => (int?)b.Number, cancellationToken) ?? 0) + 1;
        var batch = ElectionPaperBatch.Key(meeting, election, section, number, form.ToCount(), TellerService.TellerOf(actor), Now);
        db.ElectionPaperBatches.Add(batch);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            throw new ConflictException("Another teller keyed a batch at the same moment. Key this batch again.", ex);
        }

        // The trail holds the papers keyed, so that a disputed batch can be traced to who keyed what.
        AuditTrail.Add(db, actor, Now, "meeting.election-batch-keyed", "Meeting", Id(meetingId),
            $"Paper batch {number} in election \"{election.Title}\" from {section.Name} keyed: {batch.Valid.Count()} valid, {batch.Spoilt.Count()} spoilt; awaiting a second teller's check.",
            null, Figures(batch));
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return number;
    }

    /// <summary>A second teller re-keys a batch; the teller who keyed it is refused; a match accepts it, a difference is returned and recorded.</summary>
    public async Task<BatchCheckResult> CheckBatchAsync(Actor actor, long meetingId, long batchId, ElectionPaperForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await TellerService.LockSittingAsync(db, meetingId, "check paper ballots", cancellationToken);
        var batch = await db.ElectionPaperBatches.Include(b => b.Papers).SingleOrDefaultAsync(b => b.Id == batchId && b.MeetingId == meetingId, cancellationToken)
                    ?? throw new DomainException("Batch", "There is no such batch in this meeting; it may have been discarded.");
        var election = await db.Elections.AsNoTracking().Include(e => e.Candidates).SingleAsync(e => e.Id == batch.ElectionId, cancellationToken);
        var differences = batch.Check(election, form.ToCount(), TellerService.TellerOf(actor), Now);
        var accepted = differences.Count == 0;
        AuditTrail.Add(db, actor, Now, accepted ? "meeting.election-batch-accepted" : "meeting.election-batch-check-failed", "Meeting", Id(meetingId),
            Clip(accepted
                ? $"Paper batch {batch.Number} in election \"{election.Title}\" checked and accepted (keyed by {batch.KeyedByName})."
                : $"Paper batch {batch.Number} in election \"{election.Title}\" checked and NOT accepted: {string.Join(" ", differences)}"),
            null, accepted ? null : new { Differences = differences });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new BatchCheckResult(batch.Number, accepted, differences);
    }

    /// <summary>Discards a batch not yet accepted, so that it can be keyed again.</summary>
    public async Task DiscardBatchAsync(Actor actor, long meetingId, long batchId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await TellerService.LockSittingAsync(db, meetingId, "discard a paper batch", cancellationToken);
        var batch = await db.ElectionPaperBatches.Include(b => b.Papers).SingleOrDefaultAsync(b => b.Id == batchId && b.MeetingId == meetingId, cancellationToken)
                    ?? throw new DomainException("Batch", "There is no such batch in this meeting; it may have been discarded already.");
        if (batch.IsAccepted)
        {
            throw new DomainException("Batch", $"Batch {batch.Number} was checked and accepted by two tellers; it is part of the count and cannot be discarded.");
        }

        AuditTrail.Add(db, actor, Now, "meeting.election-batch-discarded", "Meeting", Id(meetingId),
            $"Unaccepted paper batch {batch.Number} of an election (keyed by {batch.KeyedByName}) discarded.", Figures(batch), null);
        db.ElectionPaperBatches.Remove(batch);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private static object Figures(ElectionPaperBatch b) => new
    {
        b.Number,
        Papers = b.Valid.Select(p => p.Marks).ToList(),
        Spoilt = b.Spoilt.Select(p => p.SpoiltReason).ToList(),
    };

    private static string Clip(string s) => s.Length <= Domain.Audit.AuditEvent.SummaryMax ? s : s[..(Domain.Audit.AuditEvent.SummaryMax - 1)] + "…";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
