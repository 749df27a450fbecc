using System.Text;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Meetings;
using CoopRegister.Domain.Voting.Blt;
using CoopRegister.Domain.Voting.Counting;
using CoopRegister.Features.Access;
using CoopRegister.Features.Elections;
using CoopRegister.Features.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Features.Tests.Elections;

public abstract class ElectionServiceTests(DatabaseProvider provider) : ElectionTest(provider)
{
    [Fact]
    public async Task Tellers_set_up_elections_and_candidates_while_preparing_every_change_audited_and_nothing_changes_after_voting_opens()
    {
        var (teller, officer, registrar) = await StaffAsync();
        await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var meeting = await MeetingAsync(teller, withMotion: false);

        var bad = await Assert.ThrowsAsync<DomainException>(() => Elections.AddAsync(teller, meeting, new ElectionForm { Title = "", Seats = 0 }, Cancel));
        Assert.Contains(bad.Violations, v => v.Field == "Title");
        Assert.Contains(bad.Violations, v => v.Field == "Seats" && v.Message.Contains("1 to 50", StringComparison.Ordinal));

        var id = await AddElectionAsync(teller, meeting, ElectionMethod.ScottishStv, 2, "Ann Archer", "Bob Baker", "Cat Cole");
        var view = await ElectionAsync(teller, meeting, id);
        Assert.Equal(["Ann Archer", "Bob Baker", "Cat Cole"], view.Candidates.Select(c => c.Name));
        Assert.Equal([1, 2, 3], view.Candidates.Select(c => c.Number));

        var longStatement = await Assert.ThrowsAsync<DomainException>(async () => await Elections.AddCandidateAsync(teller, meeting, id, (await ElectionAsync(teller, meeting, id)).Version,
            new CandidateForm { Name = "Dee Dunn", Statement = new string('x', ElectionCandidate.StatementMax + 1) }, Cancel));
        Assert.Contains("at most 1000 characters", longStatement.Message, StringComparison.Ordinal);
        var twice = await Assert.ThrowsAsync<DomainException>(async () => await Elections.AddCandidateAsync(teller, meeting, id, (await ElectionAsync(teller, meeting, id)).Version,
            new CandidateForm { Name = "bob baker" }, Cancel));
        Assert.Contains("already a candidate", twice.Message, StringComparison.Ordinal);

        // A stale version is a conflict; removing a candidate numbers the rest again.
        var stale = view.Version;
        await Elections.ChangeCandidateAsync(teller, meeting, id, stale, view.Candidates[0].Id, new CandidateForm { Name = "Ann Archer-Smith", Statement = "Treasurer since 2019." }, Cancel);
        await Assert.ThrowsAsync<ConflictException>(() => Elections.RemoveCandidateAsync(teller, meeting, id, stale, view.Candidates[1].Id, Cancel));
        await Elections.RemoveCandidateAsync(teller, meeting, id, (await ElectionAsync(teller, meeting, id)).Version, view.Candidates[1].Id, Cancel);
        view = await ElectionAsync(teller, meeting, id);
        Assert.Equal([("Ann Archer-Smith", 1), ("Cat Cole", 2)], view.Candidates.Select(c => (c.Name, c.Number)));
        await Elections.ChangeAsync(teller, meeting, id, view.Version, new ElectionForm { Title = "Committee: two seats", Seats = 2, Method = ElectionMethod.Plurality }, Cancel);
        Assert.Equal((ElectionMethod.Plurality, "Committee: two seats"), ((await ElectionAsync(teller, meeting, id)).Method, (await ElectionAsync(teller, meeting, id)).Title));

        // An election without candidates keeps voting shut; a meeting with elections only may open.
        var empty = await Elections.AddAsync(teller, meeting, new ElectionForm { Title = "Auditor", Seats = 1 }, Cancel);
        await Meetings.TakeRollAsync(teller, meeting, await VersionAsync(teller, meeting), Cancel);
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        var unready = await Assert.ThrowsAsync<DomainException>(async () => await Meetings.OpenVotingAsync(teller, meeting, await VersionAsync(teller, meeting), Cancel));
        Assert.Contains("\"Auditor\" has no candidates", unready.Message, StringComparison.Ordinal);
        await Elections.RemoveAsync(teller, meeting, empty, (await ElectionAsync(teller, meeting, empty)).Version, Cancel);
        await Meetings.OpenVotingAsync(teller, meeting, await VersionAsync(teller, meeting), Cancel);

        // Once voting is open the paper is fixed; a withdrawal is still recorded.
        view = await ElectionAsync(teller, meeting, id);
        var late = await Assert.ThrowsAsync<DomainException>(() => Elections.AddCandidateAsync(teller, meeting, id, view.Version, new CandidateForm { Name = "Late Comer" }, Cancel));
        Assert.Contains("only while the meeting is being prepared; it is voting open", late.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DomainException>(() => Elections.RemoveAsync(teller, meeting, id, view.Version, Cancel));
        await Elections.SetWithdrawnAsync(teller, meeting, id, view.Version, view.Candidates[1].Id, true, Cancel);
        Assert.True((await ElectionAsync(teller, meeting, id)).Candidates[1].Withdrawn);

        await using var db = Host.NewContext();
        var actions = await db.AuditEvents.Where(e => e.Action.StartsWith("meeting.election") || e.Action.StartsWith("meeting.candidate")).Select(e => e.Action).ToListAsync(Cancel);
        Assert.Equal(["meeting.election-added", "meeting.candidate-added", "meeting.candidate-added", "meeting.candidate-added", "meeting.candidate-changed", "meeting.candidate-removed",
            "meeting.election-changed", "meeting.election-added", "meeting.election-removed", "meeting.candidate-withdrawn"], actions);
        _ = officer;
    }

    [Fact]
    public async Task Roles_without_RunMeetings_cannot_set_up_elections_and_only_the_returning_officer_enters_a_lot()
    {
        var (teller, officer, registrar) = await StaffAsync();
        var ada = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var meeting = await MeetingAsync(teller);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Elections.AddAsync(registrar, meeting, new ElectionForm { Title = "Committee" }, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Elections.AddAsync(ada, meeting, new ElectionForm { Title = "Committee" }, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Elections.ListAsync(ada, meeting, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Elections.ListAsync(Actor.Anonymous, meeting, Cancel));
        var id = await AddElectionAsync(teller, meeting, ElectionMethod.Plurality, 1, "Ann Archer", "Bob Baker");
        Assert.NotEmpty(await Elections.ListAsync(officer, meeting, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Elections.EnterLotAsync(teller, meeting, id, 0, 1, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Elections.EnterLotAsync(ada, meeting, id, 0, 1, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Elections.WriteBltAsync(ada, meeting, id, Stream.Null, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Elections.WriteBltAsync(registrar, meeting, id, Stream.Null, Cancel));
    }

    [Fact]
    public async Task A_member_ranks_candidates_on_the_same_ballot_as_the_motions_with_one_receipt_and_the_STV_count_is_declared_with_the_meeting()
    {
        var (teller, officer, registrar) = await StaffAsync();
        var voters = new List<Actor>();
        foreach (var (name, i) in new[] { "Ada Lovelace", "Bea Brown", "Cai Jones", "Dee Silent", "Eve Evans" }.Select((n, i) => (n, i)))
        {
            voters.Add(await AdmitAsync(registrar, name, $"m{i}@example.org"));
        }

        var meeting = await MeetingAsync(teller);
        var id = await AddElectionAsync(teller, meeting, ElectionMethod.ScottishStv, 1, "Ann Archer", "Bob Baker", "Cat Cole");
        await OpenAsync(teller, meeting);

        var paper = (await Meetings.GetBallotAsync(voters[0], meeting, Cancel))!;
        var election = Assert.Single(paper.Elections);
        Assert.Equal(["Ann Archer", "Bob Baker", "Cat Cole"], election.Candidates.Select(c => c.Name));
        Assert.Contains("has served the society", election.Candidates[0].Statement, StringComparison.Ordinal);
        Assert.Contains("Number the candidates in order of preference", election.Instructions, StringComparison.Ordinal);

        // Repeated and skipped numbers are refused with what to do, and nothing is written.
        var motions = (await Meetings.GetAsync(teller, meeting, Cancel))!.Motions.ToDictionary(m => m.Id, _ => VoteChoice.For);
        var repeated = await MarksAsync(teller, meeting, id, ("Ann Archer", 1), ("Bob Baker", 1));
        Assert.Contains("You gave 1 to Ann Archer and Bob Baker", Assert.Single(election.Problems(repeated)), StringComparison.Ordinal);
        var e1 = await Assert.ThrowsAsync<DomainException>(() => Meetings.VoteAsync(voters[0], meeting, motions, new Dictionary<long, IReadOnlyDictionary<long, int>> { [id] = repeated }, Cancel));
        Assert.Equal(ElectionService.Field(id), Assert.Single(e1.Violations).Field);
        var gap = await MarksAsync(teller, meeting, id, ("Ann Archer", 1), ("Cat Cole", 3));
        var e2 = await Assert.ThrowsAsync<DomainException>(() => Meetings.VoteAsync(voters[0], meeting, motions, new Dictionary<long, IReadOnlyDictionary<long, int>> { [id] = gap }, Cancel));
        Assert.Contains("Your numbers skip 2", e2.Message, StringComparison.Ordinal);
        await using (var db = Host.NewContext())
        {
            Assert.Equal(0, await db.Ballots.CountAsync(Cancel));
            Assert.Equal(0, await db.VoterRoll.CountAsync(r => r.VotedBy != null, Cancel));
        }

        // First preferences: Ann 2, Bob 2, Cat 1 (5 papers less one blank: quota 4/2+1 = 3). Cat is excluded and her
        // paper goes to Bob, who reaches the quota.
        var receipt = await VoteAsync(voters[0], teller, meeting, id, "Ann Archer", "Bob Baker");
        await VoteAsync(voters[1], teller, meeting, id, "Ann Archer");
        await VoteAsync(voters[2], teller, meeting, id, "Bob Baker", "Ann Archer");
        await VoteAsync(voters[3], teller, meeting, id, "Cat Cole", "Bob Baker", "Ann Archer");
        await VoteAsync(voters[4], teller, meeting, id, "Bob Baker");
        await using (var db = Host.NewContext())
        {
            // One visit, one ballot, one receipt: the preferences are on the same ballot as the motion choice.
            Assert.Equal(5, await db.Ballots.CountAsync(Cancel));
            var ballot = await db.Ballots.Include(b => b.Preferences).Include(b => b.Choices).SingleAsync(b => b.ReceiptCode == receipt.ReceiptCode, Cancel);
            Assert.Single(ballot.Choices);
            Assert.Equal([1, 2], ballot.Preferences.OrderBy(p => p.Rank).Select(p => p.Rank));
        }

        await CloseAndCountAsync(teller, meeting);
        Assert.Empty(await Elections.ResultsAsync(voters[0], meeting, Cancel)); // members wait for the declaration
        var draft = Assert.Single(await Elections.ResultsAsync(teller, meeting, Cancel));
        Assert.Equal(CountOutcome.Complete, draft.Count.Outcome);
        Assert.Equal(["Bob Baker"], draft.Count.ElectedNames);
        Assert.Equal(5, draft.Count.ValidPapers);
        Assert.Equal("3.00000", draft.Count.Quota.ToString());
        Assert.Equal(2, draft.Count.Stages.Count);
        Assert.All(draft.Count.Stages, s => Assert.Equal(Fixed5.FromWhole(5), s.Total));

        // The stage report PDF follows the results page: nothing for members before the declaration, a DRAFT for tellers.
        Assert.Null(await Elections.StageReportAsync(voters[0], meeting, id, Cancel));
        var draftPdf = (await Elections.StageReportAsync(teller, meeting, id, Cancel))!.Value;
        Assert.Equal($"draft-election-1-meeting-{meeting}-stages.pdf", draftPdf.FileName);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(draftPdf.Pdf, 0, 4));

        await Meetings.DeclareAsync(officer, meeting, await VersionAsync(teller, meeting), Cancel);
        var declared = Assert.Single(await Elections.ResultsAsync(voters[0], meeting, Cancel));
        Assert.Equal(["Bob Baker"], declared.Count.ElectedNames);
        Assert.Equal(0, declared.BallotsWithoutPreference);
        var published = (await Elections.StageReportAsync(voters[0], meeting, id, Cancel))!.Value;
        Assert.Equal($"election-1-meeting-{meeting}-stages.pdf", published.FileName);
        Assert.Equal(published.Pdf, (await Elections.StageReportAsync(voters[1], meeting, id, Cancel))!.Value.Pdf); // dated by the declaration: the same file for everyone
        Assert.Null(await Elections.StageReportAsync(voters[0], meeting, id + 1000, Cancel));
        Assert.Contains(receipt.ReceiptCode, await Meetings.ReceiptsAsync(voters[0], meeting, Cancel));
        await using var db2 = Host.NewContext();
        Assert.Contains("elected Bob Baker", (await db2.AuditEvents.SingleAsync(e => e.Action == "meeting.declared", Cancel)).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plurality_refuses_more_marks_than_seats_and_a_tie_for_the_last_seat_waits_for_the_returning_officers_lot_which_a_recount_replays()
    {
        var (teller, officer, registrar) = await StaffAsync();
        var ada = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var bea = await AdmitAsync(registrar, "Bea Brown", "bea@example.org");
        var cai = await AdmitAsync(registrar, "Cai Jones", "cai@example.org");
        var meeting = await MeetingAsync(teller);
        var id = await AddElectionAsync(teller, meeting, ElectionMethod.Plurality, 2, "Ann Archer", "Bob Baker", "Cat Cole");
        await OpenAsync(teller, meeting);

        var motions = (await Meetings.GetAsync(teller, meeting, Cancel))!.Motions.ToDictionary(m => m.Id, _ => VoteChoice.For);
        var three = await MarksAsync(teller, meeting, id, ("Ann Archer", 1), ("Bob Baker", 1), ("Cat Cole", 1));
        var over = await Assert.ThrowsAsync<DomainException>(() => Meetings.VoteAsync(ada, meeting, motions, new Dictionary<long, IReadOnlyDictionary<long, int>> { [id] = three }, Cancel));
        Assert.Contains("You marked 3 candidates; vote for at most 2", over.Message, StringComparison.Ordinal);

        // Ann 3; Bob 1 and Cat 1 tie for the second seat.
        await VoteAsync(ada, teller, meeting, id, "Ann Archer", "Bob Baker");
        await VoteAsync(bea, teller, meeting, id, "Ann Archer", "Cat Cole");
        await VoteAsync(cai, teller, meeting, id, "Ann Archer");
        await CloseAndCountAsync(teller, meeting);

        var waiting = await ElectionAsync(teller, meeting, id);
        Assert.Equal(ElectionCountOutcome.LotRequired, waiting.Outcome);
        Assert.Equal(["Bob Baker", "Cat Cole"], waiting.Tied.Select(c => c.Name));
        Assert.Contains("tied for the last seat", waiting.LotNeeded, StringComparison.Ordinal);
        var blocked = await Assert.ThrowsAsync<DomainException>(async () => await Meetings.DeclareAsync(officer, meeting, await VersionAsync(teller, meeting), Cancel));
        Assert.Contains("only a lot can break", blocked.Message, StringComparison.Ordinal);
        var notTied = await Assert.ThrowsAsync<DomainException>(() => Elections.EnterLotAsync(officer, meeting, id, waiting.Version, waiting.Candidates[0].Id, Cancel));
        Assert.Contains("one of the tied candidates", notTied.Message, StringComparison.Ordinal);

        var cat = waiting.Candidates.Single(c => c.Name == "Cat Cole").Id;
        var drawn = await Elections.EnterLotAsync(officer, meeting, id, waiting.Version, cat, Cancel);
        Assert.Equal(ElectionCountOutcome.Complete, drawn.Outcome);
        Assert.Equal(["Ann Archer", "Cat Cole"], drawn.Elected);
        var lot = Assert.Single(drawn.Lots);
        Assert.Equal(("Bob Baker, Cat Cole", "Cat Cole", "ro@example.org"), (lot.Tied, lot.Drawn, lot.DrawnBy));
        await Assert.ThrowsAsync<DomainException>(async () => await Elections.EnterLotAsync(officer, meeting, id, (await ElectionAsync(teller, meeting, id)).Version, cat, Cancel));

        // A recount replays the stored lot and gives the same result, every time.
        var recounted = await Elections.RecountAsync(teller, meeting, id, (await ElectionAsync(teller, meeting, id)).Version, Cancel);
        Assert.Equal(["Ann Archer", "Cat Cole"], recounted.Elected);
        var again = Assert.Single(await Elections.ResultsAsync(teller, meeting, Cancel));
        Assert.Equal(["Ann Archer", "Cat Cole"], again.Count.ElectedNames);
        var tie = Assert.Single(again.Count.TieBreaks);
        Assert.Equal(TieResolution.Lot, tie.ResolvedBy);
        Assert.Empty(again.Count.UnusedLots);

        await Meetings.DeclareAsync(officer, meeting, await VersionAsync(teller, meeting), Cancel);
        var published = Assert.Single(await Elections.ResultsAsync(ada, meeting, Cancel));
        Assert.Equal(["Ann Archer", "Cat Cole"], published.Count.ElectedNames);
        Assert.Single(published.Lots);
        await Assert.ThrowsAsync<DomainException>(async () => await Elections.RecountAsync(teller, meeting, id, (await ElectionAsync(teller, meeting, id)).Version, Cancel));
        await using var db = Host.NewContext();
        Assert.Single(await db.AuditEvents.Where(e => e.Action == "meeting.lot-drawn").ToListAsync(Cancel));
        Assert.Single(await db.AuditEvents.Where(e => e.Action == "meeting.election-recounted").ToListAsync(Cancel));
    }

    [Fact]
    public async Task A_member_voting_from_two_browsers_at_once_gets_one_ballot_with_one_set_of_preferences()
    {
        var (teller, _, registrar) = await StaffAsync();
        var ada = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var meeting = await MeetingAsync(teller);
        var id = await AddElectionAsync(teller, meeting, ElectionMethod.ScottishStv, 1, "Ann Archer", "Bob Baker");
        await OpenAsync(teller, meeting);
        var motions = (await Meetings.GetAsync(teller, meeting, Cancel))!.Motions.ToDictionary(m => m.Id, _ => VoteChoice.For);
        var marks = await MarksAsync(teller, meeting, id, ("Bob Baker", 1), ("Ann Archer", 2));

        var start = new TaskCompletionSource();
        var attempts = Enumerable.Range(0, 6).Select(async _ =>
        {
            await start.Task;
            await using var scope = Host.Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<MeetingService>();
            try
            {
                return (object)await service.VoteAsync(ada, meeting, motions, new Dictionary<long, IReadOnlyDictionary<long, int>> { [id] = marks }, Cancel);
            }
            catch (ConflictException e)
            {
                return e;
            }
        }).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes.OfType<VoteReceipt>());
        Assert.Equal(5, outcomes.OfType<ConflictException>().Count());
        await using var db = Host.NewContext();
        Assert.Equal(1, await db.Ballots.CountAsync(Cancel));
        Assert.Equal(2, await db.BallotPreferences.CountAsync(Cancel));
    }

    [Fact]
    public async Task Preferences_hold_no_link_to_the_member_or_the_roll_in_the_schema_or_the_stored_rows()
    {
        var (teller, _, registrar) = await StaffAsync();
        var ada = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var meeting = await MeetingAsync(teller);
        var id = await AddElectionAsync(teller, meeting, ElectionMethod.ScottishStv, 1, "Ann Archer", "Bob Baker");
        await OpenAsync(teller, meeting);
        var receipt = await VoteAsync(ada, teller, meeting, id, "Bob Baker", "Ann Archer");

        await using var db = Host.NewContext();
        var entity = db.Model.FindEntityType(typeof(BallotPreference))!;
        Assert.Equal(["BallotId", "CandidateId", "ElectionId", "Rank"], entity.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal));
        Assert.All(entity.GetProperties(), p => Assert.DoesNotContain(p.ClrType, new[] { typeof(DateTime), typeof(DateTime?), typeof(DateOnly), typeof(DateTimeOffset) }));
        Assert.All(entity.GetForeignKeys(), fk => Assert.Contains(fk.PrincipalEntityType.ClrType, new[] { typeof(SecretBallot), typeof(Election), typeof(ElectionCandidate) }));
        Assert.All(entity.GetIndexes(), i => Assert.DoesNotContain(i.Properties, p => p.Name.Contains("Member", StringComparison.Ordinal) || p.Name.Contains("Roll", StringComparison.Ordinal)));
        Assert.All(entity.GetProperties(), p => Assert.NotEqual(Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd, p.ValueGenerated));
        Assert.Equal(["Channel", "Id", "MeetingId", "ReceiptCode"], db.Model.FindEntityType(typeof(SecretBallot))!.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal));

        var ballotId = await db.Ballots.Where(b => b.ReceiptCode == receipt.ReceiptCode).Select(b => b.Id).SingleAsync(Cancel);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = Provider == DatabaseProvider.Postgres ? "SELECT * FROM \"BallotPreferences\"" : "SELECT * FROM BallotPreferences";
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var rows = 0;
        while (await reader.ReadAsync(Cancel))
        {
            rows++;
            Assert.Equal(["BallotId", "CandidateId", "ElectionId", "Rank"], Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).Order(StringComparer.Ordinal));
            Assert.Equal(ballotId, Guid.Parse(Convert.ToString(reader.GetValue(reader.GetOrdinal("BallotId")), System.Globalization.CultureInfo.InvariantCulture)!));
        }

        Assert.Equal(2, rows);
        await reader.CloseAsync();
        Assert.DoesNotContain(await db.AuditEvents.ToListAsync(Cancel), e => (e.Summary + e.Before + e.After).Contains("Bob Baker\",\"Rank", StringComparison.Ordinal) || (e.Summary + e.Before + e.After).Contains(receipt.ReceiptCode, StringComparison.Ordinal));
        var voted = await db.AuditEvents.SingleAsync(e => e.Action == "meeting.voted", Cancel);
        Assert.DoesNotContain("Baker", voted.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ballots_export_as_BLT_for_tellers_after_the_close_and_another_counter_reading_it_elects_the_same()
    {
        var (teller, _, registrar) = await StaffAsync();
        var ada = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var bea = await AdmitAsync(registrar, "Bea Brown", "bea@example.org");
        var cai = await AdmitAsync(registrar, "Cai Jones", "cai@example.org");
        await AdmitAsync(registrar, "Dee Silent", "dee@example.org");
        var meeting = await MeetingAsync(teller);
        var id = await AddElectionAsync(teller, meeting, ElectionMethod.ScottishStv, 2, "Ann \"Nan\" Archer", "Bob Baker", "Cat Cole");
        await OpenAsync(teller, meeting);
        await VoteAsync(ada, teller, meeting, id, "Bob Baker", "Ann \"Nan\" Archer");
        await VoteAsync(bea, teller, meeting, id, "Bob Baker", "Ann \"Nan\" Archer");
        await VoteAsync(cai, teller, meeting, id, "Cat Cole");
        await Elections.SetWithdrawnAsync(teller, meeting, id, (await ElectionAsync(teller, meeting, id)).Version, (await ElectionAsync(teller, meeting, id)).Candidates[0].Id, true, Cancel);

        var early = await Assert.ThrowsAsync<DomainException>(() => Elections.WriteBltAsync(teller, meeting, id, Stream.Null, Cancel));
        Assert.Contains("once voting has closed", early.Message, StringComparison.Ordinal);
        await CloseAndCountAsync(teller, meeting);

        using var stream = new MemoryStream();
        var name = await Elections.WriteBltAsync(teller, meeting, id, stream, Cancel);
        Assert.Equal("management-committee.blt", name);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal("3 2\n-1\n2 2 1 0\n1 3 0\n0\n\"Ann \"\"Nan\"\" Archer\"\n\"Bob Baker\"\n\"Cat Cole\"\n\"Management committee\"\n", text);

        var import = BltReader.Read(new StringReader(text));
        var independent = ScottishStvCount.Count(import.Contest);
        var ours = Assert.Single(await Elections.ResultsAsync(teller, meeting, Cancel));
        Assert.Equal(independent.ElectedNames, ours.Count.ElectedNames);
        Assert.Equal(["Bob Baker", "Cat Cole"], ours.Count.ElectedNames);
        Assert.Equal(0, ours.BallotsWithoutPreference); // Dee did not vote; the three ballots all rank someone
        await using var db = Host.NewContext();
        Assert.Single(await db.AuditEvents.Where(e => e.Action == "export.election-blt").ToListAsync(Cancel));
    }
}

public sealed class ElectionServiceTestsOnSqlite() : ElectionServiceTests(DatabaseProvider.Sqlite);

public sealed class ElectionServiceTestsOnPostgres() : ElectionServiceTests(DatabaseProvider.Postgres);
