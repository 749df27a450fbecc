using System.Globalization;
using System.Security.Cryptography;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Meetings;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Meetings;

/// <summary>
/// General meetings (domain rules 39–44; design/voting.md): tellers call a meeting with its sections and motions, take
/// the voter roll from the register under the meeting's eligibility rule, open and close online voting and count; the
/// returning officer declares. Members vote online by secret ballot and check their receipt in the published list.
/// One transaction per operation, every action audited, and never how anyone voted.
/// </summary>
public sealed class MeetingService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    private const string ReceiptAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<IReadOnlyList<MeetingRow>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var rows = await db.Meetings.AsNoTracking().Select(m => new
        {
            m.Id,
            m.Title,
            m.Kind,
            m.Status,
            FirstDate = db.MeetingSections.Where(s => s.MeetingId == m.Id).Min(s => (DateOnly?)s.Date),
            Sections = db.MeetingSections.Count(s => s.MeetingId == m.Id),
            Motions = db.Motions.Count(x => x.MeetingId == m.Id),
            m.RollSize,
        }).ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.FirstDate).ThenByDescending(r => r.Id)
            .Select(r => new MeetingRow(r.Id, r.Title, r.Kind, r.Status, r.FirstDate, r.Sections, r.Motions, r.RollSize)).ToList();
    }

    public async Task<MeetingDetails?> GetAsync(Actor actor, long meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var m = await LoadAsync(db, meetingId, tracking: false, cancellationToken);
        if (m is null)
        {
            return null;
        }

        var version = await db.Meetings.Where(x => x.Id == meetingId).Select(x => EF.Property<long>(x, RegisterDbContext.VersionProperty)).SingleAsync(cancellationToken);
        var voted = await db.VoterRoll.LongCountAsync(r => r.MeetingId == meetingId && r.VotedBy != null, cancellationToken);
        return new MeetingDetails(m.Id, version, m.Kind, m.Title, m.Status, m.NoticeDate, m.NoticeClearDays, m.VotingOpensAt, m.VotingClosesAt, m.Eligibility, m.Quorum,
            Sections(m), Motions(m), m.RollTakenAt, m.RollHash, m.RollSize, voted, m.VotedCount, m.DeclaredAt, m.DeclaredBy, m.Precedence,
            m.ReconciliationDifferences, m.ReconciliationBlocksDeclaration)
        {
            ProxyDeadline = m.ProxyDeadline,
            ProxyCap = m.ProxyCap,
        };
    }

    /// <summary>Calls a meeting. The notice it needs is the society's clear-days setting, which is stored with the meeting.</summary>
    public async Task<long> CreateAsync(Actor actor, MeetingForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var society = (await db.Societies.AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.Details ?? throw new DomainException("The register has not been set up yet.");
        var meeting = Meeting.Call(form.ToPlan(), society.NoticeClearDays, QuorumRule.From(society), Now);
        meeting.SetPrecedence(form.Precedence);
        meeting.SetQuorumTest(form.QuorumTestedAt);
        meeting.SetProxyRules(form.ProxyDeadlineUtc, form.ProxyCap);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(cancellationToken);
        AuditTrail.Add(db, actor, Now, "meeting.called", "Meeting", Id(meeting.Id),
            $"{meeting.Kind.Describe()} \"{meeting.Title}\" called: notice {meeting.NoticeDate:yyyy-MM-dd}, {meeting.Sections.Count} section(s), first on {meeting.MeetingDate:yyyy-MM-dd}.",
            null, Snapshot(meeting));
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return meeting.Id;
    }

    /// <summary>Changes a meeting being prepared; a roll already taken is discarded (its dates or rule may no longer hold).</summary>
    public async Task UpdateAsync(Actor actor, long meetingId, long version, MeetingForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await RequireAsync(db, meetingId, version, cancellationToken);
        var before = Snapshot(meeting);
        var hadRoll = meeting.IsRollTaken;
        meeting.Change(form.ToPlan());
        meeting.SetPrecedence(form.Precedence);
        meeting.SetQuorumTest(form.QuorumTestedAt);
        meeting.SetProxyRules(form.ProxyDeadlineUtc, form.ProxyCap);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (hadRoll)
        {
            await db.VoterRoll.Where(r => r.MeetingId == meetingId).ExecuteDeleteAsync(cancellationToken);
        }

        AuditTrail.Add(db, actor, Now, "meeting.changed", "Meeting", Id(meetingId),
            $"Meeting \"{meeting.Title}\" changed{(hadRoll ? "; its voter roll was discarded and must be taken again" : "")}.", before, Snapshot(meeting));
        await SaveAsync(db, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<long> AddMotionAsync(Actor actor, long meetingId, long version, MotionForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await RequireAsync(db, meetingId, version, cancellationToken);
        var motion = meeting.AddMotion(form.Title, form.Text, form.ToThreshold());
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await SaveAsync(db, cancellationToken);
        AuditTrail.Add(db, actor, Now, "meeting.motion-added", "Meeting", Id(meetingId),
            $"Motion {motion.Number} \"{motion.Title}\" added ({motion.Threshold.Describe()}).", null, new { motion.Id, motion.Number, motion.Title, motion.Text, Threshold = motion.Threshold.Describe() });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return motion.Id;
    }

    public async Task ChangeMotionAsync(Actor actor, long meetingId, long version, long motionId, MotionForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await RequireAsync(db, meetingId, version, cancellationToken);
        var motion = meeting.Motions.FirstOrDefault(m => m.Id == motionId);
        var before = motion is null ? null : new { motion.Title, motion.Text, Threshold = motion.Threshold.Describe() };
        meeting.ChangeMotion(motionId, form.Title, form.Text, form.ToThreshold());
        AuditTrail.Add(db, actor, Now, "meeting.motion-changed", "Meeting", Id(meetingId), $"Motion {motion!.Number} \"{motion.Title}\" changed.",
            before, new { motion.Title, motion.Text, Threshold = motion.Threshold.Describe() });
        await SaveAsync(db, cancellationToken);
    }

    public async Task RemoveMotionAsync(Actor actor, long meetingId, long version, long motionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await RequireAsync(db, meetingId, version, cancellationToken);
        var motion = meeting.Motions.FirstOrDefault(m => m.Id == motionId);
        meeting.RemoveMotion(motionId);
        AuditTrail.Add(db, actor, Now, "meeting.motion-removed", "Meeting", Id(meetingId), $"Motion \"{motion!.Title}\" removed.", new { motion.Title, motion.Text }, null);
        await SaveAsync(db, cancellationToken);
    }

    /// <summary>
    /// Takes the voter roll: a snapshot of the register under the meeting's eligibility rule, read in one set-based
    /// query, written set-based (<see cref="VoterRollWriter"/>) in one transaction, with its SHA-256 (<see cref="VoterRollHash"/>) stored on the
    /// meeting. Taking it again while the meeting is being prepared replaces it.
    /// </summary>
    public async Task<RollSummary> TakeRollAsync(Actor actor, long meetingId, long version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await RequireAsync(db, meetingId, version, cancellationToken);
        if (meeting.Status != MeetingStatus.Preparing)
        {
            throw new DomainException("Status", $"The voter roll is taken while the meeting is being prepared; it is {meeting.Status.Describe().ToLowerInvariant()}.");
        }

        var eligible = await EligibleMembers(db, meeting).ToListAsync(cancellationToken);
        var section = meeting.Sections.Count == 1 ? meeting.Sections[0].Id : (long?)null;
        using var hash = new VoterRollHash(meeting.Eligibility, meeting.NoticeDate, meeting.MeetingDate);
        foreach (var m in eligible)
        {
            hash.Add(m.MemberNumber);
        }

        var digest = hash.Finish();
        var previous = meeting.RollHash;
        meeting.RecordRoll(digest, eligible.Count, Now);

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.VoterRoll.Where(r => r.MeetingId == meetingId).ExecuteDeleteAsync(cancellationToken);
        AuditTrail.Add(db, actor, Now, "meeting.roll-taken", "Meeting", Id(meetingId),
            $"Voter roll taken for \"{meeting.Title}\": {eligible.Count} members ({meeting.Eligibility.Describe()}), SHA-256 {digest}.",
            previous is null ? null : new { RollHash = previous }, new { RollHash = digest, RollSize = eligible.Count });
        await SaveAsync(db, cancellationToken);
        await VoterRollWriter.InsertAsync(db, meetingId, section, eligible.ConvertAll(m => m.Id), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new RollSummary(eligible.Count, digest);
    }

    public async Task OpenVotingAsync(Actor actor, long meetingId, long version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await RequireAsync(db, meetingId, version, cancellationToken);
        if (await Elections.ElectionService.ReadinessAsync(db, meetingId, cancellationToken) is { Count: > 0 } unready)
        {
            throw new DomainException(unready);
        }

        meeting.OpenVoting(Now, await Elections.ElectionService.CountOfAsync(db, meetingId, cancellationToken));
        AuditTrail.Add(db, actor, Now, "meeting.voting-opened", "Meeting", Id(meetingId),
            $"Online voting opened for \"{meeting.Title}\": {meeting.RollSize} members on the roll, window {meeting.VotingOpensAt:yyyy-MM-dd HH:mm} to {meeting.VotingClosesAt:yyyy-MM-dd HH:mm} UTC.");
        await SaveAsync(db, cancellationToken);
    }

    public async Task CloseVotingAsync(Actor actor, long meetingId, long version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await RequireAsync(db, meetingId, version, cancellationToken);
        meeting.CloseVoting(Now);
        AuditTrail.Add(db, actor, Now, "meeting.voting-closed", "Meeting", Id(meetingId), $"Online voting closed for \"{meeting.Title}\".");
        await SaveAsync(db, cancellationToken);
    }

    /// <summary>
    /// Counts every motion from the online ballots and the accepted batches of paper ballots, in one transaction. Every
    /// batch must have had its second teller's check. The roll's online marks must equal the online ballots (each
    /// online vote writes one mark and one ballot together; a difference there means the database was tampered with, so
    /// the count stops). Differences on paper (papers issued vs returned, totals vs valid ballots) are recorded with
    /// the count; the tellers explain them and a second teller signs off before the declaration.
    /// </summary>
    public async Task CountAsync(Actor actor, long meetingId, long version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var meeting = await RequireAsync(db, meetingId, version, cancellationToken);
        if (meeting.Status != MeetingStatus.VotingClosed)
        {
            throw new DomainException("Status", $"The ballots are counted once voting has closed; the meeting is {meeting.Status.Describe().ToLowerInvariant()}.");
        }

        // Waits for tellers' marks and batches in flight, so that the figures read next are the final ones.
        await TellerService.LockSittingAsync(db, meetingId, "count", cancellationToken);
        var proxyBallots = await ProxyService.CastProxyBallotsAsync(db, meeting, cancellationToken);
        var tally = await TellerService.ReconcileAsync(db, meeting, cancellationToken);
        if (tally.UncheckedBatches)
        {
            throw new DomainException("Batches", "Some paper batches have not been checked by a second teller. Check them, or discard those keyed wrongly, before the count.");
        }

        if (tally.HandsProblems.Count > 0)
        {
            throw new DomainException("Hands", string.Join(" ", tally.HandsProblems));
        }

        if (tally.OnlineMarks != tally.OnlineBallots)
        {
            throw new DomainException("Ballots", $"The roll marks {tally.OnlineMarks} members as voted online or by proxy but there are {tally.OnlineBallots} secret ballots; the count does not reconcile and cannot be recorded.");
        }

        meeting.RecordCount(new CountFigures(tally.Online, tally.Paper, tally.Marks, tally.OnlineBallots, tally.PaperBallots, tally.SpoiltPapers, tally.Reconciliation) { ProxyBallots = proxyBallots, Hands = tally.Hands }, Now);
        var elections = await Elections.ElectionService.CountAllAsync(db, meetingId, Now, cancellationToken);
        AuditTrail.Add(db, actor, Now, "meeting.counted", "Meeting", Id(meetingId),
            Clip($"Ballots counted for \"{meeting.Title}\": {tally.OnlineBallots - proxyBallots} online, {proxyBallots} by proxy, {tally.PaperBallots} valid paper and {tally.SpoiltPapers} spoilt, from {meeting.RollSize} members on the roll; "
                 + (tally.Reconciliation.Balances ? "the count reconciles." : $"does NOT reconcile: {tally.Reconciliation.DescribeDifferences()}")
                 + string.Concat(elections.Select(e => $" {e}"))), null,
            meeting.Motions.OrderBy(m => m.Number).Select(m => new { m.Number, DecidedBy = m.DecidedBy.ToString(), m.ForVotes, m.AgainstVotes, m.Abstentions, m.PaperFor, m.PaperAgainst, m.PaperAbstentions, m.VotesCast, m.Carried }).ToList());
        await SaveAsync(db, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>The returning officer's declaration: CARRIED or NOT CARRIED for each motion, after which members see the results.</summary>
    public async Task DeclareAsync(Actor actor, long meetingId, long version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.DeclareResults, Now, cancellationToken);
        var meeting = await RequireAsync(db, meetingId, version, cancellationToken);
        var elected = await Elections.ElectionService.RequireDeclarableAsync(db, meetingId, cancellationToken);
        meeting.Declare(actor.Name, Now);
        var lines = meeting.Motions.OrderBy(m => m.Number)
            .Select(m => $"motion {m.Number} {(m.Carried == true ? "CARRIED" : "NOT CARRIED")} "
                         + (m.ForVotes is null ? "(show of hands, chair's declaration)" : $"({m.ForVotes} for, {m.AgainstVotes} against, {m.Abstentions} abstaining{(m.DecidedBy == MotionMethod.ShowOfHands ? ", show of hands" : "")})")).Concat(elected);
        AuditTrail.Add(db, actor, Now, "meeting.declared", "Meeting", Id(meetingId), Clip($"Results declared for \"{meeting.Title}\": {string.Join("; ", lines)}."));

        // Act s.111/s.113: a special resolution carried here opens its two-meeting record; a confirming vote settles one.
        await SpecialResolutionService.OnDeclaredAsync(db, actor, meeting, Now, cancellationToken);
        await SaveAsync(db, cancellationToken);
    }

    /// <summary>The meetings a member can see in the portal: those open, closed or declared.</summary>
    public async Task<IReadOnlyList<MyMeeting>> MyMeetingsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // One connection for the whole vote, rather than one opened (and set up) for each of its queries.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var member = await ApplicationService.MemberOfAsync(db, actor, cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Sections).Where(m => m.Status != MeetingStatus.Preparing).ToListAsync(cancellationToken);
        var ids = meetings.Select(m => m.Id).ToList();
        var roll = await db.VoterRoll.AsNoTracking().Where(r => r.MemberId == member.Id && ids.Contains(r.MeetingId))
            .Select(r => new { r.MeetingId, r.VotedBy, r.ChosenSectionId, r.AttendedSectionId }).ToDictionaryAsync(r => r.MeetingId, cancellationToken);
        return meetings.OrderByDescending(m => m.MeetingDate).ThenByDescending(m => m.Id).Select(m =>
        {
            var onRoll = roll.TryGetValue(m.Id, out var row);
            var voted = row?.VotedBy is not null;
            return new MyMeeting(m.Id, m.Title, m.Kind, m.Status, Sections(m), m.VotingOpensAt, m.VotingClosesAt, onRoll, voted,
                onRoll && !voted && m.AcceptsVotesAt(Now) && member.IsMemberOn(Today))
            {
                ProxyDeadline = m.ProxyDeadline,
                ChosenSectionId = row?.ChosenSectionId,
                AttendedSectionId = row?.AttendedSectionId,
                CanChooseSection = onRoll && row!.AttendedSectionId is null && m.Status == MeetingStatus.VotingOpen && m.Sections.Count > 1
                                   && m.Sections.Any(s => s.Date > Today) && (row.ChosenSectionId is not { } c || m.Sections.Any(s => s.Id == c && s.Date > Today)),
            };
        }).ToList();
    }

    /// <summary>The ballot paper for the signed-in member, or null when they cannot vote in this meeting now.</summary>
    public async Task<BallotPaper?> GetBallotAsync(Actor actor, long meetingId, CancellationToken cancellationToken = default)
    {
        var mine = (await MyMeetingsAsync(actor, cancellationToken)).FirstOrDefault(m => m.Id == meetingId);
        if (mine is not { CanVote: true })
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var meeting = (await LoadAsync(db, meetingId, tracking: false, cancellationToken))!;
        return new BallotPaper(meeting.Id, meeting.Title, meeting.VotingClosesAt, Motions(meeting))
        {
            Elections = await Elections.ElectionService.PapersAsync(db, meetingId, cancellationToken),
        };
    }

    /// <summary>
    /// Records the signed-in member's online vote: one member, one vote. In one transaction the meeting row is locked
    /// while voting is open (so a close waits for votes in flight and no vote lands after it), the member's roll row is
    /// marked only if it was not marked already (a second browser's vote finds the mark and is refused), and the
    /// ballot is written with a random identifier and receipt and nothing that leads back to the member.
    /// </summary>
    public Task<VoteReceipt> VoteAsync(Actor actor, long meetingId, IReadOnlyDictionary<long, VoteChoice> choices, CancellationToken cancellationToken = default) =>
        VoteAsync(actor, meetingId, choices, new Dictionary<long, IReadOnlyDictionary<long, int>>(), cancellationToken);

    /// <summary>
    /// Records the member's vote on the motions and their preferences in the meeting's elections (by election id, a
    /// number against each candidate ranked; for plurality any number marks the candidate) on one secret ballot, with
    /// one receipt: one visit, one ballot.
    /// </summary>
    public async Task<VoteReceipt> VoteAsync(Actor actor, long meetingId, IReadOnlyDictionary<long, VoteChoice> choices, IReadOnlyDictionary<long, IReadOnlyDictionary<long, int>> elections, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(elections);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // One connection for the whole vote, rather than one opened (and set up) for each of its queries.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var member = await ApplicationService.MemberOfAsync(db, actor, cancellationToken);
        var meeting = await LoadAsync(db, meetingId, tracking: false, cancellationToken) ?? throw new DomainException("Meeting", "There is no such meeting.");
        if (!meeting.AcceptsVotesAt(Now))
        {
            throw new DomainException("Meeting", meeting.Status == MeetingStatus.VotingOpen && Now < meeting.VotingOpensAt
                ? $"Voting opens at {meeting.VotingOpensAt:yyyy-MM-dd HH:mm} UTC."
                : "Voting in this meeting is closed.");
        }

        if (!member.IsMemberOn(Today))
        {
            throw new DomainException("Member", $"Member {member.MemberNumber} ceased on {member.DateCeased:yyyy-MM-dd} and can no longer vote.");
        }

        // Guid.NewGuid is version 4: 122 random bits, no time or sequence in it (unlike version 7).
        var ballot = SecretBallot.Cast(Guid.NewGuid(), meetingId, VotingChannel.Online, NewReceipt(), choices, meeting.Motions.Select(m => m.Id).ToList());
        await Elections.ElectionService.MarkAsync(db, meetingId, ballot, elections, cancellationToken);

        using var turn = await SqliteVoteGate.EnterAsync(db, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        // An update that changes nothing, for its lock: a close (which updates this row) waits for the votes in flight,
        // and a vote that comes after the close finds the status changed and writes nothing.
        var open = await db.Meetings.Where(m => m.Id == meetingId && m.Status == MeetingStatus.VotingOpen)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MeetingStatus.VotingOpen), cancellationToken);
        if (open == 0)
        {
            throw new DomainException("Meeting", "Voting in this meeting is closed.");
        }

        // The mark is set only where it is still empty: of two votes racing, the second finds it set and is refused.
        var marked = await db.VoterRoll.Where(r => r.MeetingId == meetingId && r.MemberId == member.Id && r.VotedBy == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.VotedBy, VotingChannel.Online), cancellationToken);
        if (marked == 0)
        {
            var onRoll = await db.VoterRoll.AnyAsync(r => r.MeetingId == meetingId && r.MemberId == member.Id, cancellationToken);
            var votedBy = await db.VoterRoll.Where(r => r.MeetingId == meetingId && r.MemberId == member.Id).Select(r => r.VotedBy).FirstOrDefaultAsync(cancellationToken);
            throw onRoll
                ? new ConflictException(votedBy == VotingChannel.InPerson
                    ? "You were marked present at the meeting and issued a paper ballot, so you cannot also vote online: one member, one vote."
                    : "You have already voted in this meeting: one member, one vote.")
                : new DomainException("Member", $"Member {member.MemberNumber} is not on the voter roll of this meeting ({meeting.Eligibility.Describe()}).");
        }

        db.Ballots.Add(ballot);

        // Precedence (design/voting.md): a member who votes online revokes their proxy; their own vote replaces it.
        var proxyRevoked = await ProxyService.RevokeOnOwnVoteAsync(db, meetingId, member.Id, ProxyRevocation.VotedOnline, Now, cancellationToken);

        // The trail says that the member voted, as the roll does; never how.
        AuditTrail.Add(db, actor, Now, "meeting.voted", "Meeting", Id(meetingId), $"Member {member.MemberNumber} voted online in \"{meeting.Title}\"{(proxyRevoked ? "; their proxy is revoked" : "")}.", memberId: member.Id);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new VoteReceipt(meetingId, ballot.ReceiptCode);
    }

    /// <summary>The published list of ballot receipts, in code order, once voting has closed; for members and tellers.</summary>
    public async Task<IReadOnlyList<string>> ReceiptsAsync(Actor actor, long meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MeetingResults, Now, cancellationToken);
        var status = await db.Meetings.Where(m => m.Id == meetingId).Select(m => (MeetingStatus?)m.Status).SingleOrDefaultAsync(cancellationToken);
        if (status is null or < MeetingStatus.VotingClosed)
        {
            return [];
        }

        return await db.Ballots.Where(b => b.MeetingId == meetingId).OrderBy(b => b.ReceiptCode).Select(b => b.ReceiptCode).ToListAsync(cancellationToken);
    }

    /// <summary>Whether a receipt code is in the published list (spaces, case and dashes ignored); false before the close.</summary>
    public async Task<bool> CheckReceiptAsync(Actor actor, long meetingId, string? code, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MeetingResults, Now, cancellationToken);
        var normal = NormaliseReceipt(code);
        if (normal is null)
        {
            return false;
        }

        // Statuses are stored as text, so their order is compared here rather than in SQL.
        var status = await db.Meetings.Where(m => m.Id == meetingId).Select(m => (MeetingStatus?)m.Status).SingleOrDefaultAsync(cancellationToken);
        return status >= MeetingStatus.VotingClosed && await db.Ballots.AnyAsync(b => b.MeetingId == meetingId && b.ReceiptCode == normal, cancellationToken);
    }

    /// <summary>
    /// The results: for members and the register's staff once declared; for tellers and the returning officer as soon
    /// as counted (to check before declaring). Null when there is nothing the actor may see.
    /// </summary>
    public async Task<MeetingResults?> ResultsAsync(Actor actor, long meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MeetingResults, Now, cancellationToken);
        var meeting = await LoadAsync(db, meetingId, tracking: false, cancellationToken);
        if (meeting is null || meeting.Status < MeetingStatus.Counted)
        {
            return null;
        }

        if (meeting.Status != MeetingStatus.Declared && !actor.IsCommandLine && !Permissions.Allows(Permissions.RunMeetings, await AccessGuard.RolesOfAsync(db, actor.UserId!, cancellationToken)))
        {
            return null;
        }

        return new MeetingResults(meeting.Id, meeting.Title, meeting.Kind, meeting.Status, Sections(meeting), meeting.Eligibility.Describe(), meeting.RollSize,
            meeting.VotedCount ?? 0, meeting.RollHash ?? "", meeting.DeclaredAt, meeting.DeclaredBy, Motions(meeting),
            meeting.OnlineBallots ?? 0, meeting.PaperBallots ?? 0, meeting.SpoiltPapers ?? 0, meeting.ReconciliationDifferences, meeting.ReconciliationNote)
        {
            ProxyBallots = meeting.ProxyBallots ?? 0,
            Hands = await ShowOfHandsService.ViewsAsync(db, meeting, cancellationToken),
            Resolutions = await SpecialResolutionService.LinksAsync(db, meeting, Today, cancellationToken),
        };
    }

    /// <summary>The meetings whose results have been declared, newest first, for the results list.</summary>
    public async Task<IReadOnlyList<MeetingRow>> DeclaredAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MeetingResults, Now, cancellationToken);
        var rows = await db.Meetings.AsNoTracking().Include(m => m.Sections).Where(m => m.Status == MeetingStatus.Declared).ToListAsync(cancellationToken);
        return rows.OrderByDescending(m => m.MeetingDate).Select(m => new MeetingRow(m.Id, m.Title, m.Kind, m.Status, m.MeetingDate, m.Sections.Count, 0, m.RollSize)).ToList();
    }

    /// <summary>"k7qx 9m2d-p4rt" → "K7QX-9M2D-P4RT"; null when it cannot be a receipt.</summary>
    public static string? NormaliseReceipt(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var chars = code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray();
        if (chars.Length != 12)
        {
            return null;
        }

        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
    }

    /// <summary>The members the meeting's rule admits, in member-number order, as one query (domain rule 44).</summary>
    internal static IQueryable<EligibleMember> EligibleMembers(RegisterDbContext db, Meeting meeting)
    {
        var c = meeting.Eligibility.Cutoffs(meeting.NoticeDate, meeting.MeetingDate);
        var members = db.Members.AsNoTracking()
            .Where(m => m.DateEntered <= c.JoinedOnOrBefore && m.DateEntered <= c.StillMemberOn && (m.DateCeased == null || m.DateCeased > c.StillMemberOn));
        if (c.BornOnOrBefore is { } born)
        {
            // Organisations have no age; a person without a recorded date of birth was admitted under the society's own age rule.
            members = members.Where(m => !(m.Details.Kind == MemberKind.Individual || m.Details.Kind == MemberKind.Joint || m.Details.Kind == MemberKind.Nominee)
                                         || m.Details.DateOfBirth == null || m.Details.DateOfBirth <= born);
        }

        if (c.MinimumHoldingFullyPaid)
        {
            members = members.Where(m => db.Holdings.Any(h => h.MemberId == m.Id && db.ShareClasses.Any(sc =>
                sc.Id == h.ShareClassId && sc.ConfersMembership && h.Shares >= sc.MinimumHoldingShares && h.AmountPaidPence >= sc.MinimumHoldingShares * sc.NominalValuePence)));
        }

        return members.OrderBy(m => m.MemberNumber).Select(m => new EligibleMember(m.Id, m.MemberNumber));
    }

    internal static async Task<Meeting?> LoadAsync(RegisterDbContext db, long meetingId, bool tracking, CancellationToken cancellationToken)
    {
        var q = db.Meetings.Include(m => m.Sections).Include(m => m.Motions).AsSplitQuery();
        return await (tracking ? q : q.AsNoTracking()).SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
    }

    internal static async Task<Meeting> RequireAsync(RegisterDbContext db, long meetingId, long version, CancellationToken cancellationToken)
    {
        var meeting = await LoadAsync(db, meetingId, tracking: true, cancellationToken) ?? throw new DomainException("Meeting", $"There is no meeting {meetingId}.");
        var entry = db.Entry(meeting).Property<long>(RegisterDbContext.VersionProperty);
        if (entry.CurrentValue != version)
        {
            throw new ConflictException("Someone else changed this meeting while you were looking at it. Reload to see their change, then try again.");
        }

        entry.OriginalValue = version;
        return meeting;
    }

    internal static async Task SaveAsync(RegisterDbContext db, CancellationToken cancellationToken)
    {
        // A change to a section, motion or roll only is still a change to the meeting: bump its version so that two tellers collide.
        foreach (var entry in db.ChangeTracker.Entries<Meeting>().Where(e => e.State == EntityState.Unchanged))
        {
            entry.State = EntityState.Modified;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConflictException("Someone else changed this meeting while you were working on it. Reload to see their change, then try again.", ex);
        }
    }

    internal static string NewReceipt()
    {
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = ReceiptAlphabet[RandomNumberGenerator.GetInt32(ReceiptAlphabet.Length)];
        }

        return $"{chars[..4]}-{chars[4..8]}-{chars[8..]}";
    }

    private static IReadOnlyList<SectionView> Sections(Meeting m) =>
        m.Sections.OrderBy(s => s.Date).ThenBy(s => s.Name, StringComparer.Ordinal).Select(s => new SectionView(s.Id, s.Name, s.Date, s.Place)).ToList();

    private static IReadOnlyList<MotionView> Motions(Meeting m) =>
        m.Motions.OrderBy(x => x.Number).Select(x => new MotionView(x.Id, x.Number, x.Title, x.Text, x.Threshold,
            x.Carried is { } carried
                ? new MotionResult(x.ForVotes ?? 0, x.AgainstVotes ?? 0, x.Abstentions ?? 0, x.VotesCast ?? 0, carried, x.Threshold.Decide(new MotionTally(x.ForVotes ?? 0, x.AgainstVotes ?? 0, x.Abstentions ?? 0), m.RollSize).TurnoutMet)
                {
                    PaperFor = x.PaperFor ?? 0,
                    PaperAgainst = x.PaperAgainst ?? 0,
                    PaperAbstain = x.PaperAbstentions ?? 0,
                    DecidedBy = x.DecidedBy ?? MotionMethod.Ballot,
                    Counted = x.ForVotes is not null,
                }
                : null)).ToList();

    private static object Snapshot(Meeting m) => new
    {
        Kind = m.Kind.ToString(),
        m.Title,
        m.NoticeDate,
        m.NoticeClearDays,
        m.VotingOpensAt,
        m.VotingClosesAt,
        Eligibility = m.Eligibility.Describe(),
        Precedence = m.Precedence.ToString(),
        m.ProxyDeadline,
        m.ProxyCap,
        Quorum = m.Quorum.Describe(),
        Sections = m.Sections.Select(s => new { s.Name, s.Date, s.Place }).ToList(),
    };

    private static string Clip(string s) => s.Length <= Domain.Audit.AuditEvent.SummaryMax ? s : s[..(Domain.Audit.AuditEvent.SummaryMax - 1)] + "…";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A member the eligibility rule admits.</summary>
internal sealed record EligibleMember(long Id, long MemberNumber);
