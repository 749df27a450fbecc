using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Meetings;

/// <summary>
/// The tellers' work while a meeting sits (design/voting.md; domain rules 41, 53): marking members present at a
/// section on the roll, testing the quorum from that attendance, keying batches of paper ballots that a second teller
/// checks, and, after the count, explaining a reconciliation that does not balance with a second teller's sign-off.
/// Every action needs RunMeetings, re-checked from the database, runs in one transaction and is audited.
/// </summary>
public sealed class TellerService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<TellerDesk?> DeskAsync(Actor actor, long meetingId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var m = await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken);
        if (m is null)
        {
            return null;
        }

        var me = TellerOf(actor).Id;
        var version = await db.Meetings.Where(x => x.Id == meetingId).Select(x => EF.Property<long>(x, RegisterDbContext.VersionProperty)).SingleAsync(cancellationToken);
        var attendance = await db.VoterRoll.AsNoTracking().Where(r => r.MeetingId == meetingId && r.AttendedSectionId != null)
            .GroupBy(r => new { r.AttendedSectionId, r.VotedBy }).Select(g => new { g.Key.AttendedSectionId, g.Key.VotedBy, N = g.LongCount() }).ToListAsync(cancellationToken);
        var names = m.Sections.ToDictionary(s => s.Id, s => s.Name);
        var chosen = await db.VoterRoll.AsNoTracking().Where(r => r.MeetingId == meetingId && r.ChosenSectionId != null)
            .GroupBy(r => r.ChosenSectionId).Select(g => new { g.Key, N = g.LongCount() }).ToListAsync(cancellationToken);
        var sections = m.Sections.OrderBy(s => s.Date).ThenBy(s => s.Name, StringComparer.Ordinal).Select(s => new DeskSection(s.Id, s.Name, s.Date, s.Place,
            attendance.Where(a => a.AttendedSectionId == s.Id).Sum(a => a.N),
            attendance.Where(a => a.AttendedSectionId == s.Id && a.VotedBy == VotingChannel.InPerson).Sum(a => a.N))
        {
            Expected = chosen.Where(c => c.Key == s.Id).Sum(c => c.N),
        }).ToList();
        var batches = await db.PaperBatches.AsNoTracking().Include(b => b.Spoilt).Where(b => b.MeetingId == meetingId).OrderBy(b => b.Number).ToListAsync(cancellationToken);
        var checks = await db.QuorumChecks.AsNoTracking().Where(q => q.MeetingId == meetingId).OrderBy(q => q.Id).ToListAsync(cancellationToken);
        var reconciliation = m.Status >= MeetingStatus.VotingOpen ? (await ReconcileAsync(db, m, cancellationToken)).Reconciliation.Lines : [];
        return new TellerDesk(m.Id, version, m.Title, m.Status, m.Precedence, m.Quorum, m.RollSize,
            m.Motions.OrderBy(x => x.Number).Select(x => new DeskMotion(x.Id, x.Number, x.Title)).ToList(),
            sections,
            batches.Select(b => new BatchView(b.Id, b.Number, b.SectionId, names.GetValueOrDefault(b.SectionId, ""), b.Status, b.KeyedByName, b.CheckedByName,
                string.Equals(b.KeyedById, me, StringComparison.Ordinal),
                b.IsAccepted ? b.ValidPapers : null, b.IsAccepted ? b.Spoilt.OrderBy(s => s.Number).Select(s => s.Reason).ToList() : null)).ToList(),
            checks.Select(q => new QuorumCheckView(names.GetValueOrDefault(q.SectionId, ""), q.MotionNumber, q.PresentInPerson, q.Required, q.Met, q.TestedAt, q.TestedBy)).ToList(),
            reconciliation, m.ReconciliationDifferences, m.ReconciliationNote, m.ReconciliationNotedBy,
            string.Equals(m.ReconciliationNotedById, me, StringComparison.Ordinal), m.ReconciliationSignedOffBy);
    }

    /// <summary>Finds a member on the meeting's roll by member number, for the teller at the door.</summary>
    public async Task<RollLookup?> FindOnRollAsync(Actor actor, long meetingId, long memberNumber, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var row = await (from r in db.VoterRoll
                         join mb in db.Members on r.MemberId equals mb.Id
                         where r.MeetingId == meetingId && mb.MemberNumber == memberNumber
                         select new
                         {
                             mb.MemberNumber, mb.Details.Name, r.VotedBy, Section = db.MeetingSections.Where(s => s.Id == r.AttendedSectionId).Select(s => s.Name).FirstOrDefault(),
                             Chosen = db.MeetingSections.Where(s => s.Id == r.ChosenSectionId).Select(s => s.Name).FirstOrDefault(),
                         })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : new RollLookup(row.MemberNumber, row.Name, row.VotedBy, row.Section) { ChosenSection = row.Chosen };
    }

    /// <summary>
    /// Marks a member on the roll present at a section. One section only (domain rule 53); a member who has not voted is
    /// issued a paper ballot; a member who voted online keeps that vote under the meeting's precedence rule. The mark is
    /// written only if the row is still as it was read, so two tellers marking the same member at once cannot both succeed,
    /// nor can an online vote and a mark.
    /// </summary>
    public async Task<AttendanceResult> MarkPresentAsync(Actor actor, long meetingId, long sectionId, long memberNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken) ?? throw new DomainException("Meeting", $"There is no meeting {meetingId}.");
        meeting.RequireSitting("mark attendance");
        var section = meeting.Sections.FirstOrDefault(s => s.Id == sectionId) ?? throw new DomainException("Section", "Choose the section the member is attending.");
        var member = await db.Members.AsNoTracking().Where(x => x.MemberNumber == memberNumber).Select(x => new { x.Id, x.MemberNumber, x.Details.Name }).SingleOrDefaultAsync(cancellationToken)
                     ?? throw new DomainException("MemberNumber", $"There is no member number {memberNumber}.");
        var entry = await db.VoterRoll.SingleOrDefaultAsync(r => r.MeetingId == meetingId && r.MemberId == member.Id, cancellationToken)
                    ?? throw new DomainException("MemberNumber", $"Member {memberNumber} ({member.Name}) is not on the voter roll of this meeting ({meeting.Eligibility.Describe()}).");
        var votedBefore = entry.VotedBy;
        var names = meeting.Sections.ToDictionary(s => s.Id, s => s.Name);
        var outcome = entry.Attend(section, meeting.Precedence, id => names.GetValueOrDefault(id, "another section"));

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockSittingAsync(db, meetingId, "mark attendance", cancellationToken);
        var marked = await db.VoterRoll.Where(r => r.Id == entry.Id && r.AttendedSectionId == null && r.VotedBy == votedBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.AttendedSectionId, sectionId).SetProperty(r => r.SectionId, sectionId).SetProperty(r => r.VotedBy, entry.VotedBy), cancellationToken);
        if (marked == 0)
        {
            throw new ConflictException($"Member {memberNumber} was marked present, or voted online, a moment ago. Search for them again to see where they stand.");
        }

        // Precedence (design/voting.md): a member who attends in person revokes their proxy; their own vote replaces it.
        var proxyRevoked = await ProxyService.RevokeOnOwnVoteAsync(db, meetingId, member.Id, ProxyRevocation.Attended, Now, cancellationToken);

        var message = outcome == AttendanceOutcome.PaperIssued
            ? $"Member {memberNumber} ({member.Name}) marked present at {section.Name}: issue one ballot paper."
            : $"Member {memberNumber} ({member.Name}) marked present at {section.Name}. They already voted online and that vote counts: issue no paper.";
        if (proxyRevoked)
        {
            message += " Their proxy is revoked: they vote in person.";
        }

        // Domain rule 53 binds attendance to one section, not the member to the section they chose in advance: they are
        // admitted, and the teller and the record say that they chose another.
        var chosenElsewhere = entry.ChosenSectionId is { } chosen && chosen != sectionId ? names.GetValueOrDefault(chosen, "another section") : null;
        if (chosenElsewhere is not null)
        {
            message += $" Note: they had chosen to attend {chosenElsewhere}; they are now marked present here and cannot attend {chosenElsewhere}.";
        }

        AuditTrail.Add(db, actor, Now, "meeting.attended", "Meeting", Id(meetingId),
            (outcome == AttendanceOutcome.PaperIssued
                ? $"Member {memberNumber} marked present at {section.Name} in \"{meeting.Title}\"; ballot paper issued."
                : $"Member {memberNumber} marked present at {section.Name} in \"{meeting.Title}\" after voting online; the online vote counts ({meeting.Precedence}), no paper issued.")
            + (chosenElsewhere is null ? "" : $" They had chosen {chosenElsewhere} in advance."),
            new { VotedBy = votedBefore?.ToString(), AttendedSection = (string?)null },
            new { VotedBy = entry.VotedBy?.ToString(), AttendedSection = section.Name, ChosenSection = entry.ChosenSectionId is { } cs ? names.GetValueOrDefault(cs) : null, ProxyRevoked = proxyRevoked }, memberId: member.Id);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new AttendanceResult(memberNumber, member.Name, outcome, message);
    }

    /// <summary>Tests the meeting's quorum rule at a section from the members marked present there, and records the test.</summary>
    public async Task<QuorumCheckView> TestQuorumAsync(Actor actor, long meetingId, long sectionId, int? motionNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken) ?? throw new DomainException("Meeting", $"There is no meeting {meetingId}.");
        var section = meeting.Sections.FirstOrDefault(s => s.Id == sectionId) ?? throw new DomainException("Section", "Choose the section whose quorum is tested.");
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var present = await db.VoterRoll.LongCountAsync(r => r.MeetingId == meetingId && r.AttendedSectionId == sectionId, cancellationToken);

        // Members represented at this section: proxies in force held by a member marked present here, for members who
        // have not voted themselves. The quorum rule says whether they count (QuorumRule.CountsProxies).
        var byProxy = await ProxyService.PresentByProxy(db, meetingId).LongCountAsync(p => p.HolderSectionId == sectionId, cancellationToken);
        var check = QuorumCheck.Test(meeting, section, motionNumber, present, byProxy, actor.Name, Now);
        db.QuorumChecks.Add(check);
        AuditTrail.Add(db, actor, Now, "meeting.quorum-tested", "Meeting", Id(meetingId),
            $"Quorum at {section.Name} {(motionNumber is { } n ? $"before the vote on motion {n}" : "at the opening")} of \"{meeting.Title}\": {present} present, {byProxy} by proxy, {check.Required} required: {(check.Met ? "quorate" : "NOT quorate")}.");
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new QuorumCheckView(section.Name, motionNumber, present, check.Required, check.Met, check.TestedAt, check.TestedBy);
    }

    /// <summary>A teller keys a batch of paper ballots from a section; it is counted only once a second teller's check matches.</summary>
    public async Task<int> KeyBatchAsync(Actor actor, long meetingId, long sectionId, PaperBatchForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken) ?? throw new DomainException("Meeting", $"There is no meeting {meetingId}.");
        var section = meeting.Sections.FirstOrDefault(s => s.Id == sectionId) ?? throw new DomainException("Section", "Choose the section the papers come from.");
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockSittingAsync(db, meetingId, "key paper ballots", cancellationToken);
        var number = (await db.PaperBatches.Where(b => b.MeetingId == meetingId).MaxAsync(b => (int?)b.Number, cancellationToken) ?? 0) + 1;
        var batch = PaperBatch.Key(meeting, section, number, form.ToCount(), TellerOf(actor), Now);
        db.PaperBatches.Add(batch);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            throw new ConflictException("Another teller keyed a batch at the same moment. Key this batch again.", ex);
        }

        // The trail holds the figures keyed, so that a disputed batch can be traced to who keyed what.
        AuditTrail.Add(db, actor, Now, "meeting.batch-keyed", "Meeting", Id(meetingId),
            $"Paper batch {number} from {section.Name} keyed for \"{meeting.Title}\": {batch.ValidPapers} valid, {batch.Spoilt.Count} spoilt; awaiting a second teller's check.",
            null, Figures(batch, meeting));
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return number;
    }

    /// <summary>
    /// A second teller re-keys a batch. The teller who keyed it is refused. When every figure matches the batch is
    /// accepted; otherwise the differences are returned and recorded and the batch stays unaccepted.
    /// </summary>
    public async Task<BatchCheckResult> CheckBatchAsync(Actor actor, long meetingId, long batchId, PaperBatchForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken) ?? throw new DomainException("Meeting", $"There is no meeting {meetingId}.");
        meeting.RequireSitting("check paper ballots");
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockSittingAsync(db, meetingId, "check paper ballots", cancellationToken);
        var batch = await db.PaperBatches.Include(b => b.Counts).Include(b => b.Spoilt).SingleOrDefaultAsync(b => b.Id == batchId && b.MeetingId == meetingId, cancellationToken)
                    ?? throw new DomainException("Batch", "There is no such batch in this meeting; it may have been discarded.");
        var differences = batch.Check(form.ToCount(), meeting.Motions, TellerOf(actor), Now);
        var accepted = differences.Count == 0;
        AuditTrail.Add(db, actor, Now, accepted ? "meeting.batch-accepted" : "meeting.batch-check-failed", "Meeting", Id(meetingId),
            Clip(accepted
                ? $"Paper batch {batch.Number} checked and accepted for \"{meeting.Title}\" (keyed by {batch.KeyedByName})."
                : $"Paper batch {batch.Number} checked for \"{meeting.Title}\" and NOT accepted: {string.Join(" ", differences)}"),
            null, accepted ? null : new { Checked = form.ToCount().ValidPapers, Differences = differences });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new BatchCheckResult(batch.Number, accepted, differences);
    }

    /// <summary>Discards a batch not yet accepted (keyed wrongly, or the check found a difference), so that it can be keyed again.</summary>
    public async Task DiscardBatchAsync(Actor actor, long meetingId, long batchId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockSittingAsync(db, meetingId, "discard a paper batch", cancellationToken);
        var batch = await db.PaperBatches.Include(b => b.Counts).Include(b => b.Spoilt).SingleOrDefaultAsync(b => b.Id == batchId && b.MeetingId == meetingId, cancellationToken)
                    ?? throw new DomainException("Batch", "There is no such batch in this meeting; it may have been discarded already.");
        if (batch.IsAccepted)
        {
            throw new DomainException("Batch", $"Batch {batch.Number} was checked and accepted by two tellers; it is part of the count and cannot be discarded.");
        }

        var meeting = (await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken))!;
        AuditTrail.Add(db, actor, Now, "meeting.batch-discarded", "Meeting", Id(meetingId),
            $"Unaccepted paper batch {batch.Number} (keyed by {batch.KeyedByName}) discarded from \"{meeting.Title}\".", Figures(batch, meeting), null);
        db.PaperBatches.Remove(batch);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>A teller explains why the count does not reconcile.</summary>
    public async Task NoteReconciliationAsync(Actor actor, long meetingId, long version, string note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await MeetingService.RequireAsync(db, meetingId, version, cancellationToken);
        var before = new { meeting.ReconciliationNote, meeting.ReconciliationNotedBy, meeting.ReconciliationSignedOffBy };
        meeting.NoteReconciliation(note, TellerOf(actor), Now);
        AuditTrail.Add(db, actor, Now, "meeting.reconciliation-noted", "Meeting", Id(meetingId),
            Clip($"Reconciliation note for \"{meeting.Title}\": {meeting.ReconciliationNote}"), before, new { meeting.ReconciliationNote, meeting.ReconciliationNotedBy });
        await MeetingService.SaveAsync(db, cancellationToken);
    }

    /// <summary>A second teller signs off the note; the returning officer may then declare.</summary>
    public async Task SignOffReconciliationAsync(Actor actor, long meetingId, long version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await MeetingService.RequireAsync(db, meetingId, version, cancellationToken);
        meeting.SignOffReconciliation(TellerOf(actor), Now);
        AuditTrail.Add(db, actor, Now, "meeting.reconciliation-signed-off", "Meeting", Id(meetingId),
            Clip($"Reconciliation note for \"{meeting.Title}\" (by {meeting.ReconciliationNotedBy}) signed off by a second teller: {meeting.ReconciliationNote}"));
        await MeetingService.SaveAsync(db, cancellationToken);
    }

    /// <summary>
    /// The figures the count and the reconciliation are made of: online tallies and ballots from the secret ballots,
    /// papers issued from the roll's marks at each section, and the accepted batches' totals.
    /// </summary>
    internal static async Task<Tally> ReconcileAsync(RegisterDbContext db, Meeting meeting, CancellationToken cancellationToken)
    {
        var motionIds = meeting.Motions.Select(m => m.Id).ToList();
        var groups = await db.BallotChoices.Where(c => motionIds.Contains(c.MotionId))
            .GroupBy(c => new { c.MotionId, c.Choice })
            .Select(g => new { g.Key.MotionId, g.Key.Choice, Votes = g.LongCount() })
            .ToListAsync(cancellationToken);
        long Votes(long motionId, VoteChoice choice) => groups.Where(g => g.MotionId == motionId && g.Choice == choice).Sum(g => g.Votes);
        var online = motionIds.ToDictionary(id => id, id => new MotionTally(Votes(id, VoteChoice.For), Votes(id, VoteChoice.Against), Votes(id, VoteChoice.Abstain)));
        var marks = await db.VoterRoll.Where(r => r.MeetingId == meeting.Id && r.VotedBy != null)
            .GroupBy(r => new { r.VotedBy, r.AttendedSectionId }).Select(g => new { g.Key.VotedBy, g.Key.AttendedSectionId, N = g.LongCount() }).ToListAsync(cancellationToken);
        var onlineBallots = await db.Ballots.LongCountAsync(b => b.MeetingId == meeting.Id, cancellationToken);
        var batches = await db.PaperBatches.AsNoTracking().Include(b => b.Counts).Include(b => b.Spoilt)
            .Where(b => b.MeetingId == meeting.Id && b.Status == PaperBatchStatus.Accepted).ToListAsync(cancellationToken);
        var sections = meeting.Sections.OrderBy(s => s.Date).ThenBy(s => s.Name, StringComparer.Ordinal).Select(s =>
        {
            var mine = batches.Where(b => b.SectionId == s.Id).ToList();
            return new SectionFigures(s.Name,
                marks.Where(x => x.VotedBy == VotingChannel.InPerson && x.AttendedSectionId == s.Id).Sum(x => x.N),
                mine.Sum(b => (long)b.ValidPapers), mine.Sum(b => (long)b.Spoilt.Count),
                motionIds.ToDictionary(id => id, id => Sum(mine.Select(b => b.TallyOf(id)))));
        }).ToList();
        var paper = motionIds.ToDictionary(id => id, id => Sum(sections.Select(s => s.Motions[id])));
        // Proxy ballots are secret ballots like online ones: each was written with its member's roll mark, at the count.
        var onlineMarks = marks.Where(x => x.VotedBy is VotingChannel.Online or VotingChannel.Proxy).Sum(x => x.N);

        // A motion decided by show of hands has no ballot votes, so its papers' totals are not checked against the valid papers.
        var attended = marks.Where(x => x.AttendedSectionId is not null).Select(x => x.AttendedSectionId!.Value).Distinct().ToList();
        var methods = await ShowOfHandsService.DecideAsync(db, meeting, online, paper, attended, cancellationToken);
        var byBallot = meeting.Motions.Where(m => methods[m.Id].Method == MotionMethod.Ballot).ToList();

        // Attendance issues a paper; when every motion was decided by show of hands and no paper came back, the papers
        // were not used, so there is nothing on paper to reconcile.
        var papers = byBallot.Count == 0 && batches.Count == 0 ? [] : sections;
        // Each election's papers from each section, in its accepted batches (design/voting.md: papers issued vs returned).
        var elections = await db.Elections.AsNoTracking().Where(e => e.MeetingId == meeting.Id).Select(e => new { e.Id, e.Number }).ToListAsync(cancellationToken);
        var electionPapers = await (from p in db.ElectionPapers
                                    join b in db.ElectionPaperBatches on p.BatchId equals b.Id
                                    where b.MeetingId == meeting.Id && b.Status == PaperBatchStatus.Accepted
                                    group p by new { b.ElectionId, b.SectionId, Spoilt = p.SpoiltReason != null } into g
                                    select new { g.Key.ElectionId, g.Key.SectionId, g.Key.Spoilt, N = g.LongCount() }).ToListAsync(cancellationToken);
        var electionFigures = elections.Select(e => new ElectionPaperFigures(e.Number, meeting.Sections.OrderBy(s => s.Date).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new ElectionSectionPapers(s.Name,
                marks.Where(x => x.VotedBy == VotingChannel.InPerson && x.AttendedSectionId == s.Id).Sum(x => x.N),
                electionPapers.Where(x => x.ElectionId == e.Id && x.SectionId == s.Id && !x.Spoilt).Sum(x => x.N),
                electionPapers.Where(x => x.ElectionId == e.Id && x.SectionId == s.Id && x.Spoilt).Sum(x => x.N))).ToList())).ToList();
        return new Tally(online, paper, onlineMarks, marks.Sum(x => x.N), onlineBallots, sections.Sum(s => s.ValidPapers), sections.Sum(s => s.SpoiltPapers),
            Reconciliation.Of(byBallot, papers, onlineMarks, onlineBallots, online, electionFigures), await db.PaperBatches.AnyAsync(b => b.MeetingId == meeting.Id && b.Status == PaperBatchStatus.Keyed, cancellationToken))
        {
            Hands = methods.Where(m => m.Value.Hands is not null).ToDictionary(m => m.Key, m => m.Value.Hands!),
            HandsProblems = methods.Values.Select(m => m.Problem).OfType<string>().ToList(),
        };
    }

    /// <summary>
    /// An update that changes nothing, for its lock (as an online vote takes): a count, which updates the meeting row,
    /// waits for the tellers' marks and batches in flight, and one that comes after the count finds it no longer sitting.
    /// </summary>
    internal static async Task LockSittingAsync(RegisterDbContext db, long meetingId, string what, CancellationToken cancellationToken)
    {
        var sitting = await db.Meetings.Where(m => m.Id == meetingId && (m.Status == MeetingStatus.VotingOpen || m.Status == MeetingStatus.VotingClosed))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, m => m.Status), cancellationToken);
        if (sitting == 0)
        {
            var status = await db.Meetings.Where(m => m.Id == meetingId).Select(m => (MeetingStatus?)m.Status).SingleOrDefaultAsync(cancellationToken)
                         ?? throw new DomainException("Meeting", $"There is no meeting {meetingId}.");
            throw new DomainException("Status", $"You can {what} from the opening of voting until the count; the meeting is {status.Describe().ToLowerInvariant()}.");
        }
    }

    internal static Teller TellerOf(Actor actor) => new(actor.UserId ?? actor.Name, actor.Name);

    private static MotionTally Sum(IEnumerable<MotionTally> tallies)
    {
        long f = 0, a = 0, x = 0;
        foreach (var t in tallies)
        {
            f += t.For;
            a += t.Against;
            x += t.Abstain;
        }

        return new MotionTally(f, a, x);
    }

    private static object Figures(PaperBatch batch, Meeting meeting) => new
    {
        batch.Number,
        batch.ValidPapers,
        Spoilt = batch.Spoilt.Select(s => s.Reason).ToList(),
        Motions = meeting.Motions.OrderBy(m => m.Number).Select(m => new { m.Number, batch.TallyOf(m.Id).For, batch.TallyOf(m.Id).Against, batch.TallyOf(m.Id).Abstain }).ToList(),
    };

    private static string Clip(string s) => s.Length <= Domain.Audit.AuditEvent.SummaryMax ? s : s[..(Domain.Audit.AuditEvent.SummaryMax - 1)] + "…";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The figures of a count, before it is recorded.</summary>
internal sealed record Tally(
    IReadOnlyDictionary<long, MotionTally> Online,
    IReadOnlyDictionary<long, MotionTally> Paper,
    long OnlineMarks,
    long Marks,
    long OnlineBallots,
    long PaperBallots,
    long SpoiltPapers,
    Reconciliation Reconciliation,
    bool UncheckedBatches)
{
    /// <summary>The motions the shows of hands decide, with their outcome.</summary>
    public IReadOnlyDictionary<long, HandsOutcome> Hands { get; init; } = new Dictionary<long, HandsOutcome>();

    /// <summary>Motions whose shows of hands are incomplete: the count cannot be recorded until they are resolved.</summary>
    public IReadOnlyList<string> HandsProblems { get; init; } = [];
}
