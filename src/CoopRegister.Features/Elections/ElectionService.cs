using System.Globalization;
using System.Text;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Meetings;
using CoopRegister.Domain.Voting.Blt;
using CoopRegister.Domain.Voting.Counting;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Elections;

/// <summary>
/// Committee elections held in a general meeting (design/voting.md: plurality and Scottish STV): tellers set up the
/// elections and their candidates while the meeting is being prepared; members rank the candidates on the same secret
/// ballot as the motions (<see cref="MeetingService.VoteAsync(Actor, long, IReadOnlyDictionary{long, VoteChoice}, IReadOnlyDictionary{long, IReadOnlyDictionary{long, int}}, CancellationToken)"/>);
/// the meeting's count counts every election with the counting engine, and when the engine stops at a tie the returning
/// officer enters the lot drawn, which is stored and replayed by every recount. Every write re-checks the actor's
/// permission, runs in one transaction and is audited; nothing records how anyone voted.
/// </summary>
public sealed class ElectionService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The meeting's elections for the meeting page, with what the count needs from the returning officer.</summary>
    public async Task<IReadOnlyList<ElectionView>> ListAsync(Actor actor, long meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var elections = await LoadAllAsync(db, meetingId, tracking: false, cancellationToken);
        var views = new List<ElectionView>();
        foreach (var e in elections)
        {
            var version = await db.Elections.Where(x => x.Id == e.Id).Select(x => EF.Property<long>(x, RegisterDbContext.VersionProperty)).SingleAsync(cancellationToken);
            var view = View(e, version);
            if (e.Outcome == ElectionCountOutcome.LotRequired)
            {
                var result = Recount(e, await BallotsAsync(db, e, cancellationToken));
                if (result.LotRequired is { } request)
                {
                    view = view with { LotNeeded = CountReport.DescribeLotRequest(result), Tied = request.Tied.Select(i => Candidate(e.AtIndex(i))).ToList() };
                }
            }

            views.Add(view);
        }

        return views;
    }

    public async Task<long> AddAsync(Actor actor, long meetingId, ElectionForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var title = await LockAsync(db, meetingId, preparingOnly: true, "add an election", cancellationToken);
        var count = await db.Elections.CountAsync(e => e.MeetingId == meetingId, cancellationToken);
        if (count >= Election.MaxElections)
        {
            throw new DomainException("Elections", $"A meeting may hold at most {Election.MaxElections} elections.");
        }

        var election = Election.Create(meetingId, count + 1, form.Title, form.Seats, form.Method);
        db.Elections.Add(election);
        await db.SaveChangesAsync(cancellationToken);
        AuditTrail.Add(db, actor, Now, "meeting.election-added", "Meeting", Id(meetingId),
            $"Election {election.Number} \"{election.Title}\" added to \"{title}\" ({ElectionText.Describe(election.Method, election.Seats)}).", null, Snapshot(election));
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return election.Id;
    }

    public Task ChangeAsync(Actor actor, long meetingId, long electionId, long version, ElectionForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return EditAsync(actor, meetingId, electionId, version, "change an election", "meeting.election-changed",
            e => { e.Change(form.Title, form.Seats, form.Method); return $"Election {e.Number} \"{e.Title}\" changed ({ElectionText.Describe(e.Method, e.Seats)})."; }, cancellationToken);
    }

    /// <summary>Removes an election (with its candidates) while the meeting is being prepared; the others are numbered again.</summary>
    public async Task RemoveAsync(Actor actor, long meetingId, long electionId, long version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var title = await LockAsync(db, meetingId, preparingOnly: true, "remove an election", cancellationToken);
        var election = await RequireAsync(db, meetingId, electionId, version, cancellationToken);
        var before = Snapshot(election);
        db.Elections.Remove(election);
        var n = 1;
        foreach (var other in (await LoadAllAsync(db, meetingId, tracking: true, cancellationToken)).Where(e => e.Id != electionId))
        {
            other.Renumber(n++);
        }

        AuditTrail.Add(db, actor, Now, "meeting.election-removed", "Meeting", Id(meetingId), $"Election \"{election.Title}\" removed from \"{title}\".", before, null);
        await SaveAsync(db, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public Task AddCandidateAsync(Actor actor, long meetingId, long electionId, long version, CandidateForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return EditAsync(actor, meetingId, electionId, version, "add a candidate", "meeting.candidate-added",
            e => { var c = e.AddCandidate(form.Name, form.Statement); return $"Candidate {c.Number} \"{c.Name}\" added to election \"{e.Title}\"."; }, cancellationToken);
    }

    public Task ChangeCandidateAsync(Actor actor, long meetingId, long electionId, long version, long candidateId, CandidateForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return EditAsync(actor, meetingId, electionId, version, "change a candidate", "meeting.candidate-changed",
            e =>
            {
                e.ChangeCandidate(candidateId, form.Name, form.Statement);
                return $"Candidate \"{e.Candidates.First(c => c.Id == candidateId).Name}\" in election \"{e.Title}\" changed.";
            }, cancellationToken);
    }

    public Task RemoveCandidateAsync(Actor actor, long meetingId, long electionId, long version, long candidateId, CancellationToken cancellationToken = default) =>
        EditAsync(actor, meetingId, electionId, version, "remove a candidate", "meeting.candidate-removed",
            e =>
            {
                var name = e.Candidates.FirstOrDefault(c => c.Id == candidateId)?.Name;
                e.RemoveCandidate(candidateId);
                return $"Candidate \"{name}\" removed from election \"{e.Title}\".";
            }, cancellationToken);

    /// <summary>
    /// Records that a candidate withdrew (or takes the withdrawal back). Allowed until the count: papers already cast
    /// keep their marks and the count passes over the candidate, as BLT's withdrawn line does.
    /// </summary>
    public async Task SetWithdrawnAsync(Actor actor, long meetingId, long electionId, long version, long candidateId, bool withdrawn, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var title = await LockAsync(db, meetingId, preparingOnly: false, withdrawn ? "record a withdrawal" : "take back a withdrawal", cancellationToken);
        var election = await RequireAsync(db, meetingId, electionId, version, cancellationToken);
        election.SetWithdrawn(candidateId, withdrawn);
        var name = election.Candidates.First(c => c.Id == candidateId).Name;
        AuditTrail.Add(db, actor, Now, withdrawn ? "meeting.candidate-withdrawn" : "meeting.candidate-reinstated", "Meeting", Id(meetingId),
            withdrawn ? $"{name} withdrew from election \"{election.Title}\" in \"{title}\"; the count passes over them." : $"{name}'s withdrawal from election \"{election.Title}\" in \"{title}\" taken back.");
        await SaveAsync(db, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Counts one election again from the stored ballots, replaying every lot drawn (voting.md: "every lot drawn to
    /// break a tie is recorded as data and replayed on recount"). Tellers may recount until the declaration.
    /// </summary>
    public async Task<ElectionView> RecountAsync(Actor actor, long meetingId, long electionId, long version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var title = await LockCountedAsync(db, meetingId, "recount an election", cancellationToken);
        var election = await RequireAsync(db, meetingId, electionId, version, cancellationToken);
        var before = Summary(election);
        var result = election.Count(await BallotsAsync(db, election, cancellationToken), Now);
        AuditTrail.Add(db, actor, Now, "meeting.election-recounted", "Meeting", Id(meetingId),
            Clip($"Election \"{election.Title}\" in \"{title}\" recounted with {election.Lots.Count} lot(s) replayed: {Describe(result)}"), before, Summary(election));
        await SaveAsync(db, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return View(election, version + 1);
    }

    /// <summary>
    /// The returning officer enters the lot drawn to break the tie the count stopped at (SSI 2007/42 Sch.1 r.49(3),
    /// r.51(2)(b); plurality: a tie for the last seat). The lot is stored with the election and the count runs again
    /// with it; if a further tie needs a lot the count stops there and asks again.
    /// </summary>
    public async Task<ElectionView> EnterLotAsync(Actor actor, long meetingId, long electionId, long version, long drawnCandidateId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.DeclareResults, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var title = await LockCountedAsync(db, meetingId, "enter a lot", cancellationToken);
        var election = await RequireAsync(db, meetingId, electionId, version, cancellationToken);
        var ballots = await BallotsAsync(db, election, cancellationToken);
        var stopped = Recount(election, ballots);
        if (stopped.LotRequired is not { } request)
        {
            throw new DomainException("Drawn", $"The count of \"{election.Title}\" needs no lot: it is complete.");
        }

        var lot = election.EnterLot(request, drawnCandidateId, actor.Name, Now);
        var result = election.Count(ballots, Now);
        AuditTrail.Add(db, actor, Now, "meeting.lot-drawn", "Meeting", Id(meetingId),
            Clip($"Lot drawn by the returning officer in election \"{election.Title}\" of \"{title}\": stage {lot.Stage}, {ElectionText.Describe(lot.Kind)} between "
                 + $"{string.Join(", ", request.Tied.Select(i => election.AtIndex(i).Name))}; it fell on {election.Candidates.First(c => c.Id == drawnCandidateId).Name}. Count now: {Describe(result)}"),
            null, new { lot.Sequence, lot.Stage, Kind = lot.Kind.ToString(), Tied = lot.TiedCandidateIds, Drawn = lot.DrawnCandidateId });
        try
        {
            await SaveAsync(db, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            throw new ConflictException("Another lot was entered for this election at the same moment. Reload to see it.", ex);
        }

        await tx.CommitAsync(cancellationToken);
        return View(election, version + 1);
    }

    /// <summary>
    /// The counted elections with their whole count, for the results page: members and staff once declared; tellers and
    /// the returning officer as soon as counted. Each count is run again from the stored ballots and lots, so what is
    /// shown is always what the ballots give.
    /// </summary>
    public async Task<IReadOnlyList<ElectionResult>> ResultsAsync(Actor actor, long meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MeetingResults, Now, cancellationToken);
        var status = await db.Meetings.Where(m => m.Id == meetingId).Select(m => (MeetingStatus?)m.Status).SingleOrDefaultAsync(cancellationToken);
        if (status is null or < MeetingStatus.Counted)
        {
            return [];
        }

        if (status != MeetingStatus.Declared && !actor.IsCommandLine && !Permissions.Allows(Permissions.RunMeetings, await AccessGuard.RolesOfAsync(db, actor.UserId!, cancellationToken)))
        {
            return [];
        }

        var ballots = await db.Ballots.LongCountAsync(b => b.MeetingId == meetingId, cancellationToken);
        var results = new List<ElectionResult>();
        foreach (var e in await LoadAllAsync(db, meetingId, tracking: false, cancellationToken))
        {
            var withPreferences = await db.BallotPreferences.Where(p => p.ElectionId == e.Id).Select(p => p.BallotId).Distinct().LongCountAsync(cancellationToken);
            var papers = await db.ElectionPapers.Where(p => db.ElectionPaperBatches.Any(b => b.Id == p.BatchId && b.ElectionId == e.Id && b.Status == PaperBatchStatus.Accepted))
                .GroupBy(p => p.SpoiltReason == null).Select(g => new { Valid = g.Key, N = g.LongCount() }).ToListAsync(cancellationToken);
            results.Add(new ElectionResult(e.Id, e.Number, e.Title, e.Seats, e.Method, Candidates(e), Recount(e, await BallotsAsync(db, e, cancellationToken)),
                ballots - withPreferences, Lots(e))
            {
                PaperBallots = papers.Where(p => p.Valid).Sum(p => p.N),
                SpoiltPapers = papers.Where(p => !p.Valid).Sum(p => p.N),
            });
        }

        return results;
    }

    /// <summary>
    /// One election's stage-by-stage report as a PDF for publication (design/voting.md: anyone can follow and check the
    /// count), with the same visibility as the results page: members and staff once declared; tellers and the returning
    /// officer after the count, marked DRAFT on every page until the declaration. Dated the day of the declaration (or of
    /// the count for a draft) so the same count always gives the same file. Null when there is nothing the actor may see.
    /// </summary>
    public async Task<(string FileName, byte[] Pdf)?> StageReportAsync(Actor actor, long meetingId, long electionId, CancellationToken cancellationToken = default)
    {
        if ((await ResultsAsync(actor, meetingId, cancellationToken)).FirstOrDefault(r => r.Id == electionId) is not { } result)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId)
            .Select(m => new { m.Status, m.CountedAt, m.DeclaredAt }).SingleAsync(cancellationToken);
        var society = (await db.Societies.AsNoTracking().SingleAsync(cancellationToken)).Details;
        var draft = meeting.Status != MeetingStatus.Declared;
        var date = DateOnly.FromDateTime(meeting.DeclaredAt ?? meeting.CountedAt ?? Now);
        var name = string.Create(CultureInfo.InvariantCulture, $"{(draft ? "draft-" : "")}election-{result.Number}-meeting-{meetingId}-stages.pdf");
        return (name, StageReportPdf.Render(result.Count, date, draft, society.RegisteredName));
    }

    /// <summary>
    /// Writes an election's ballots as BLT (voting.md: "the ballots export as BLT"), for tellers and the returning
    /// officer once voting has closed, so that any other STV counter can check the count. Identical rankings are
    /// grouped with a weight, in a fixed order, so the file says nothing about the order ballots were cast in.
    /// </summary>
    public async Task<string> WriteBltAsync(Actor actor, long meetingId, long electionId, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => new { m.Title, m.Status }).SingleOrDefaultAsync(cancellationToken)
                      ?? throw new DomainException("Meeting", $"There is no meeting {meetingId}.");
        if (meeting.Status < MeetingStatus.VotingClosed)
        {
            throw new DomainException("Status", "An election's ballots are exported once voting has closed.");
        }

        var election = (await LoadAllAsync(db, meetingId, tracking: false, cancellationToken)).FirstOrDefault(e => e.Id == electionId)
                       ?? throw new DomainException("Election", "There is no such election in this meeting.");
        var grouped = Group(await BallotsAsync(db, election, cancellationToken));
        var contest = election.ToContest(grouped);
        await using (var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true))
        {
            BltWriter.Write(contest, writer);
        }

        AuditTrail.Add(db, actor, Now, "export.election-blt", "Meeting", Id(meetingId), $"Ballots of election \"{election.Title}\" in \"{meeting.Title}\" exported as BLT ({contest.Papers} papers).");
        await db.SaveChangesAsync(cancellationToken);
        return FileName(election.Title);
    }

    /// <summary>The elections on the member's ballot paper, in order.</summary>
    internal static async Task<IReadOnlyList<ElectionPaper>> PapersAsync(RegisterDbContext db, long meetingId, CancellationToken cancellationToken) =>
        (await LoadAllAsync(db, meetingId, tracking: false, cancellationToken)).Select(e => new ElectionPaper(e.Id, e.Number, e.Title, e.Seats, e.Method, Candidates(e))).ToList();

    /// <summary>Checks the member's marks in every election and writes them on the ballot; refuses the whole vote if any is wrong.</summary>
    internal static async Task MarkAsync(RegisterDbContext db, long meetingId, SecretBallot ballot, IReadOnlyDictionary<long, IReadOnlyDictionary<long, int>> marks, CancellationToken cancellationToken)
    {
        var elections = await LoadAllAsync(db, meetingId, tracking: false, cancellationToken);
        if (marks.Keys.Any(k => elections.All(e => e.Id != k)))
        {
            throw new DomainException("Elections", "The ballot names an election that is not part of this meeting.");
        }

        var errors = new List<RuleViolation>();
        var orders = new List<(long Election, IReadOnlyList<long> Order)>();
        foreach (var e in elections)
        {
            if (!marks.TryGetValue(e.Id, out var mine) || mine.Count == 0)
            {
                continue;
            }

            try
            {
                orders.Add((e.Id, RankedMarks.Read(Field(e.Id), e.Title, e.Method, e.Seats, e.Standing.Select(c => new PaperCandidate(c.Id, c.Name)).ToList(), mine)));
            }
            catch (DomainException ex)
            {
                errors.AddRange(ex.Violations);
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        foreach (var (election, order) in orders)
        {
            ballot.Rank(election, order);
        }
    }

    /// <summary>The form field an election's marks are reported under.</summary>
    public static string Field(long electionId) => $"Election{electionId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Before voting opens every election needs candidates.</summary>
    internal static async Task<IReadOnlyList<RuleViolation>> ReadinessAsync(RegisterDbContext db, long meetingId, CancellationToken cancellationToken) =>
        (await LoadAllAsync(db, meetingId, tracking: false, cancellationToken)).SelectMany(e => e.ReadinessProblems()).ToList();

    internal static Task<int> CountOfAsync(RegisterDbContext db, long meetingId, CancellationToken cancellationToken) =>
        db.Elections.CountAsync(e => e.MeetingId == meetingId, cancellationToken);

    /// <summary>
    /// At the meeting's count (inside its transaction): counts every election from the ballots with the lots already
    /// drawn, and returns a line for the count's audit event.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> CountAllAsync(RegisterDbContext db, long meetingId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (await db.ElectionPaperBatches.AnyAsync(b => b.MeetingId == meetingId && b.Status == PaperBatchStatus.Keyed, cancellationToken))
        {
            throw new DomainException("Batches", "Some batches of election papers have not been checked by a second teller. Check them, or discard those keyed wrongly, before the count.");
        }

        var lines = new List<string>();
        foreach (var e in await LoadAllAsync(db, meetingId, tracking: true, cancellationToken))
        {
            var result = e.Count(await BallotsAsync(db, e, cancellationToken), nowUtc);
            lines.Add($"election \"{e.Title}\": {Describe(result)}");
        }

        return lines;
    }

    /// <summary>The declaration waits for every election's count to be complete (a lot drawn where the count asked for one).</summary>
    internal static async Task<IReadOnlyList<string>> RequireDeclarableAsync(RegisterDbContext db, long meetingId, CancellationToken cancellationToken)
    {
        var elections = await LoadAllAsync(db, meetingId, tracking: false, cancellationToken);
        var waiting = elections.Where(e => e.Outcome != ElectionCountOutcome.Complete).ToList();
        if (waiting.Count > 0)
        {
            throw new DomainException("Elections", $"The count of {string.Join(", ", waiting.Select(e => $"\"{e.Title}\""))} stopped at a tie that only a lot can break. The returning officer must draw the lot and enter it before the results are declared.");
        }

        return elections.Select(e => $"election \"{e.Title}\" elected {string.Join(", ", e.ElectedIds().Select(id => e.Candidates.First(c => c.Id == id).Name))}").ToList();
    }

    private async Task EditAsync(Actor actor, long meetingId, long electionId, long version, string what, string action, Func<Election, string> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, meetingId, preparingOnly: true, what, cancellationToken);
        var election = await RequireAsync(db, meetingId, electionId, version, cancellationToken);
        var before = Snapshot(election);
        var summary = change(election);
        AuditTrail.Add(db, actor, Now, action, "Meeting", Id(meetingId), Clip(summary), before, Snapshot(election));
        await SaveAsync(db, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// An update that changes nothing, for its lock (as a vote takes): opening voting, which updates the meeting row,
    /// waits for an election being edited, and an edit that comes after the opening finds the meeting no longer preparing.
    /// </summary>
    private static async Task<string> LockAsync(RegisterDbContext db, long meetingId, bool preparingOnly, string what, CancellationToken cancellationToken)
    {
        var locked = preparingOnly
            ? await db.Meetings.Where(m => m.Id == meetingId && m.Status == MeetingStatus.Preparing).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, m => m.Status), cancellationToken)
            : await db.Meetings.Where(m => m.Id == meetingId && (m.Status == MeetingStatus.Preparing || m.Status == MeetingStatus.VotingOpen || m.Status == MeetingStatus.VotingClosed))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, m => m.Status), cancellationToken);
        var meeting = await db.Meetings.Where(m => m.Id == meetingId).Select(m => new { m.Title, m.Status }).SingleOrDefaultAsync(cancellationToken)
                      ?? throw new DomainException("Meeting", $"There is no meeting {meetingId}.");
        if (locked == 0)
        {
            throw new DomainException("Status", preparingOnly
                ? $"You can {what} only while the meeting is being prepared; it is {meeting.Status.Describe().ToLowerInvariant()}."
                : $"You can {what} until the count; the meeting is {meeting.Status.Describe().ToLowerInvariant()}.");
        }

        return meeting.Title;
    }

    /// <summary>Lots and recounts come after the count and before the declaration; the declaration waits for them.</summary>
    private static async Task<string> LockCountedAsync(RegisterDbContext db, long meetingId, string what, CancellationToken cancellationToken)
    {
        var locked = await db.Meetings.Where(m => m.Id == meetingId && m.Status == MeetingStatus.Counted).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, m => m.Status), cancellationToken);
        var meeting = await db.Meetings.Where(m => m.Id == meetingId).Select(m => new { m.Title, m.Status }).SingleOrDefaultAsync(cancellationToken)
                      ?? throw new DomainException("Meeting", $"There is no meeting {meetingId}.");
        if (locked == 0)
        {
            throw new DomainException("Status", $"You can {what} after the count and before the declaration; the meeting is {meeting.Status.Describe().ToLowerInvariant()}.");
        }

        return meeting.Title;
    }

    private static async Task<List<Election>> LoadAllAsync(RegisterDbContext db, long meetingId, bool tracking, CancellationToken cancellationToken)
    {
        var q = db.Elections.Include(e => e.Candidates).Include(e => e.Lots).AsSplitQuery().Where(e => e.MeetingId == meetingId);
        return await (tracking ? q : q.AsNoTracking()).OrderBy(e => e.Number).ToListAsync(cancellationToken);
    }

    private static async Task<Election> RequireAsync(RegisterDbContext db, long meetingId, long electionId, long version, CancellationToken cancellationToken)
    {
        var election = await db.Elections.Include(e => e.Candidates).Include(e => e.Lots).AsSplitQuery().SingleOrDefaultAsync(e => e.Id == electionId && e.MeetingId == meetingId, cancellationToken)
                       ?? throw new DomainException("Election", "There is no such election in this meeting; it may have been removed.");
        var entry = db.Entry(election).Property<long>(RegisterDbContext.VersionProperty);
        if (entry.CurrentValue != version)
        {
            throw new ConflictException("Someone else changed this election while you were looking at it. Reload to see their change, then try again.");
        }

        entry.OriginalValue = version;
        return election;
    }

    private static async Task SaveAsync(RegisterDbContext db, CancellationToken cancellationToken)
    {
        // A change to a candidate or a lot only is still a change to the election: bump its version so that two tellers collide.
        foreach (var entry in db.ChangeTracker.Entries<Election>().Where(e => e.State == EntityState.Unchanged))
        {
            entry.State = EntityState.Modified;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConflictException("Someone else changed this election while you were working on it. Reload to see their change, then try again.", ex);
        }
    }

    /// <summary>
    /// The election's ballots for the count: each ballot's preferences read in rank order (a rank shared by two
    /// candidates, as a paper may have, becomes one preference level). Only ballots that mark the election are read.
    /// </summary>
    private static async Task<IReadOnlyList<Ballot>> BallotsAsync(RegisterDbContext db, Election election, CancellationToken cancellationToken)
    {
        var index = election.Candidates.OrderBy(c => c.Number).Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var ballots = new List<Ballot>();
        var current = Guid.Empty;
        var levels = new List<(int Rank, int Candidate)>();
        await foreach (var p in db.BallotPreferences.AsNoTracking().Where(p => p.ElectionId == election.Id)
                           .OrderBy(p => p.BallotId).ThenBy(p => p.Rank).ThenBy(p => p.CandidateId)
                           .Select(p => new { p.BallotId, p.CandidateId, p.Rank }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (p.BallotId != current && levels.Count > 0)
            {
                ballots.Add(ToBallot(levels));
                levels.Clear();
            }

            current = p.BallotId;
            levels.Add((p.Rank, index[p.CandidateId]));
        }

        if (levels.Count > 0)
        {
            ballots.Add(ToBallot(levels));
        }

        // Paper ballots from the sections, in batches two tellers agreed on.
        await foreach (var marks in db.ElectionPapers.AsNoTracking()
                           .Where(p => p.SpoiltReason == null && db.ElectionPaperBatches.Any(b => b.Id == p.BatchId && b.ElectionId == election.Id && b.Status == PaperBatchStatus.Accepted))
                           .OrderBy(p => p.BatchId).ThenBy(p => p.Number).Select(p => p.Marks).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            ballots.Add(ElectionPaperCount.ToBallot(election.Method, marks));
        }

        return ballots;
    }

    private static Ballot ToBallot(List<(int Rank, int Candidate)> marks) =>
        marks.Select(m => m.Rank).Distinct().Count() == marks.Count
            ? new Ballot(1, marks.Select(m => m.Candidate).ToArray())
            : Ballot.WithLevels(1, marks.GroupBy(m => m.Rank).OrderBy(g => g.Key).Select(g => (IReadOnlyCollection<int>)g.Select(m => m.Candidate).ToList()));

    /// <summary>Identical rankings as one weighted line each, in a fixed order (most papers first, then by ranking).</summary>
    private static IReadOnlyList<Ballot> Group(IReadOnlyList<Ballot> ballots) =>
        ballots.GroupBy(Key, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Ballot: g.First().WithWeight(g.LongCount())))
            .OrderByDescending(x => x.Ballot.Weight).ThenBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => x.Ballot).ToList();

    private static string Key(Ballot b) =>
        string.Join(" ", Enumerable.Range(0, b.LevelCount).Select(l => string.Join("=", b.Level(l).ToArray().Select(c => c.ToString("D5", CultureInfo.InvariantCulture)))));

    private static CountResult Recount(Election e, IReadOnlyList<Ballot> ballots)
    {
        var contest = e.ToContest(ballots);
        var lots = e.TieLots();
        return e.Method == ElectionMethod.ScottishStv ? ScottishStvCount.Count(contest, lots) : PluralityCount.Count(contest, lots);
    }

    private static string Describe(CountResult result) =>
        result.Outcome == CountOutcome.Complete
            ? $"{result.ValidPapers} valid papers{(result.Quota is { } q ? $", quota {q}" : "")}; elected in order: {string.Join(", ", result.ElectedNames)}."
            : $"{result.ValidPapers} valid papers; the count stopped for a lot. {CountReport.DescribeLotRequest(result)}";

    private static ElectionView View(Election e, long version) =>
        new(e.Id, version, e.Number, e.Title, e.Seats, e.Method, Candidates(e), e.Outcome,
            e.ElectedIds().Select(id => e.Candidates.First(c => c.Id == id).Name).ToList(), Lots(e));

    private static IReadOnlyList<CandidateView> Candidates(Election e) => e.Candidates.OrderBy(c => c.Number).Select(Candidate).ToList();

    private static CandidateView Candidate(ElectionCandidate c) => new(c.Id, c.Number, c.Name, c.Statement, c.Withdrawn);

    private static IReadOnlyList<LotView> Lots(Election e)
    {
        string Name(long id) => e.Candidates.FirstOrDefault(c => c.Id == id)?.Name ?? "";
        return e.Lots.OrderBy(l => l.Sequence).Select(l => new LotView(l.Sequence, l.Stage, l.Kind, string.Join(", ", l.TiedIds().Select(Name)), Name(l.DrawnCandidateId), l.DrawnBy, l.DrawnAt)).ToList();
    }

    private static object Snapshot(Election e) => new
    {
        e.Title,
        e.Seats,
        Method = e.Method.ToString(),
        Candidates = e.Candidates.OrderBy(c => c.Number).Select(c => new { c.Number, c.Name, c.Statement, c.Withdrawn }).ToList(),
    };

    private static object Summary(Election e) => new { Outcome = e.Outcome?.ToString(), e.ValidPapers, e.InvalidPapers, e.QuotaUnits, Elected = e.ElectedCandidateIds };

    private static string FileName(string title)
    {
        var safe = new string(title.Select(ch => char.IsAsciiLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : '-').ToArray()).Trim('-');
        while (safe.Contains("--", StringComparison.Ordinal))
        {
            safe = safe.Replace("--", "-", StringComparison.Ordinal);
        }

        return (safe.Length == 0 ? "election" : safe.Length > 60 ? safe[..60] : safe) + ".blt";
    }

    private static string Clip(string s) => s.Length <= Domain.Audit.AuditEvent.SummaryMax ? s : s[..(Domain.Audit.AuditEvent.SummaryMax - 1)] + "…";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
