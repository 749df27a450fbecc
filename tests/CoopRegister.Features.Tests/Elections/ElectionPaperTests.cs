using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Access;
using CoopRegister.Features.Elections;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Elections;

/// <summary>Paper ranked ballots keyed by tellers in batches with a second teller's check, counted with the online ballots.</summary>
public abstract class ElectionPaperTests(DatabaseProvider provider) : ElectionTest(provider)
{
    private ElectionPaperService Papers => Host.Get<ElectionPaperService>();

    [Fact]
    public async Task Tellers_key_ranked_papers_a_second_teller_must_match_them_and_the_accepted_papers_are_counted_with_the_online_ballots()
    {
        var (teller, officer, registrar) = await StaffAsync();
        var second = await Host.CreateLoginAsync("teller2@example.org", Roles.Teller);
        var ada = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var meeting = await MeetingAsync(teller);
        var id = await AddElectionAsync(teller, meeting, ElectionMethod.ScottishStv, 1, "Ann Archer", "Bob Baker", "Cat Cole");
        var section = (await Meetings.GetAsync(teller, meeting, Cancel))!.Sections.Single().Id;

        // Not before voting opens.
        var early = await Assert.ThrowsAsync<DomainException>(() => Papers.KeyBatchAsync(teller, meeting, id, section, new ElectionPaperForm { Papers = "1,2," }, Cancel));
        Assert.Contains("from the opening of voting until the count", early.Message, StringComparison.Ordinal);
        await OpenAsync(teller, meeting);
        await VoteAsync(ada, teller, meeting, id, "Ann Archer");

        // Malformed papers are refused with the paper's number and the rule.
        var bad = await Assert.ThrowsAsync<DomainException>(() => Papers.KeyBatchAsync(teller, meeting, id, section, new ElectionPaperForm { Papers = "1,2\n,,\n2,3,4" }, Cancel));
        Assert.Contains("Paper 1 (\"1,2\"): give a mark or nothing for each of the 3 candidates", bad.Message, StringComparison.Ordinal);
        Assert.Contains("Paper 2 (\",,\"): it has no mark", bad.Message, StringComparison.Ordinal);
        Assert.Contains("Paper 3 (\"2,3,4\"): it has no first preference", bad.Message, StringComparison.Ordinal);

        // Bob 1st on two papers (one with a gap: its 3 is not counted), Cat 1st then Bob; one spoilt.
        var form = new ElectionPaperForm { Papers = ",1,\n3, 1,\n,2,1", SpoiltReasons = "signed by the voter" };
        var number = await Papers.KeyBatchAsync(teller, meeting, id, section, form, Cancel);
        var desk = (await Papers.DeskAsync(teller, meeting, id, Cancel))!;
        var batch = Assert.Single(desk.Batches);
        Assert.Equal((1, PaperBatchStatus.Keyed, true), (number, batch.Status, batch.KeyedByMe));
        Assert.Null(batch.ValidPapers); // figures are not shown to the checker before the check

        var own = await Assert.ThrowsAsync<DomainException>(() => Papers.CheckBatchAsync(teller, meeting, batch.Id, form, Cancel));
        Assert.Contains("a different teller must check it", own.Message, StringComparison.Ordinal);
        var differ = await Papers.CheckBatchAsync(second, meeting, batch.Id, new ElectionPaperForm { Papers = ",1,\n,2,1\n,1,2", SpoiltReasons = "signed by the voter" }, Cancel);
        Assert.False(differ.Accepted);
        Assert.Contains("Papers that differ: keyed only \"3,1,\"; checked only \",1,2\".", differ.Differences, StringComparer.Ordinal);

        // The count waits for the check; a matching check (in another order) accepts the batch.
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 19, 10, 0, 0, TimeSpan.Zero));
        await Meetings.CloseVotingAsync(teller, meeting, await VersionAsync(teller, meeting), Cancel);
        var unchecked_ = await Assert.ThrowsAsync<DomainException>(async () => await Meetings.CountAsync(teller, meeting, await VersionAsync(teller, meeting), Cancel));
        Assert.Contains("not been checked by a second teller", unchecked_.Message, StringComparison.Ordinal);
        var ok = await Papers.CheckBatchAsync(second, meeting, batch.Id, new ElectionPaperForm { Papers = ",2,1\n3,1,\n,1,", SpoiltReasons = "ink blot" }, Cancel);
        Assert.True(ok.Accepted);
        await Assert.ThrowsAsync<DomainException>(() => Papers.DiscardBatchAsync(teller, meeting, batch.Id, Cancel));
        await Meetings.CountAsync(teller, meeting, await VersionAsync(teller, meeting), Cancel);

        // Online Ann 1; on paper Bob 2 (the gap on "3,1," leaves only its 1), Cat 1: quota floor(4/2)+1 = 3. Ann and Cat
        // tie for exclusion at the first stage, so the count waits for the returning officer's lot.
        var result = Assert.Single(await Elections.ResultsAsync(teller, meeting, Cancel));
        Assert.Equal(Domain.Voting.Counting.CountOutcome.LotRequired, result.Count.Outcome);
        Assert.Equal(4, result.Count.ValidPapers);
        Assert.Equal(3, result.PaperBallots);
        Assert.Equal(1, result.SpoiltPapers);
        Assert.Equal([1, 2, 1], result.Count.Stages[0].Votes.Select(v => (int)(v.Units / 100_000)));
        await using var db = Host.NewContext();
        Assert.Equal(["meeting.election-batch-keyed", "meeting.election-batch-check-failed", "meeting.election-batch-accepted"],
            await db.AuditEvents.Where(e => e.Action.StartsWith("meeting.election-batch")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Cancel));
        _ = officer;
    }

    [Fact]
    public async Task Plurality_papers_marking_more_than_the_seats_are_counted_as_invalid_and_only_tellers_key_papers()
    {
        var (teller, _, registrar) = await StaffAsync();
        var second = await Host.CreateLoginAsync("teller2@example.org", Roles.Teller);
        var ada = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var meeting = await MeetingAsync(teller);
        var id = await AddElectionAsync(teller, meeting, ElectionMethod.Plurality, 1, "Ann Archer", "Bob Baker");
        var section = (await Meetings.GetAsync(teller, meeting, Cancel))!.Sections.Single().Id;
        await OpenAsync(teller, meeting);
        var form = new ElectionPaperForm { Papers = "x,\nX,x\n,1" };
        await Assert.ThrowsAsync<AccessDeniedException>(() => Papers.KeyBatchAsync(registrar, meeting, id, section, form, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Papers.KeyBatchAsync(ada, meeting, id, section, form, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Papers.DeskAsync(ada, meeting, id, Cancel));
        await Papers.KeyBatchAsync(teller, meeting, id, section, form, Cancel);
        var batch = (await Papers.DeskAsync(teller, meeting, id, Cancel))!.Batches.Single();
        Assert.True((await Papers.CheckBatchAsync(second, meeting, batch.Id, new ElectionPaperForm { Papers = ",x\nx,x\nx," }, Cancel)).Accepted);
        await CloseAndCountAsync(teller, meeting);

        var result = Assert.Single(await Elections.ResultsAsync(teller, meeting, Cancel));
        Assert.Equal(2, result.Count.ValidPapers);
        Assert.Equal(1, result.InvalidPapers); // "x,x" marks two for one seat
        Assert.Equal(Domain.Voting.Counting.CountOutcome.LotRequired, result.Count.Outcome); // Ann 1, Bob 1: a lot for the last seat
    }
}

public sealed class ElectionPaperTestsOnSqlite() : ElectionPaperTests(DatabaseProvider.Sqlite);

public sealed class ElectionPaperTestsOnPostgres() : ElectionPaperTests(DatabaseProvider.Postgres);
