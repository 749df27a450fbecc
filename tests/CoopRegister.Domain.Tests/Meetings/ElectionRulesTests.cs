using CoopRegister.Domain.Meetings;
using CoopRegister.Domain.Voting.Counting;

namespace CoopRegister.Domain.Tests.Meetings;

public sealed class ElectionRulesTests
{
    private static readonly IReadOnlyList<PaperCandidate> Standing = [new(11, "Ann Archer"), new(12, "Bob Baker"), new(13, "Cat Cole"), new(14, "Dee Dunn")];

    private static Dictionary<long, int> Marks(params (long Id, int Number)[] marks) => marks.ToDictionary(m => m.Id, m => m.Number);

    [Fact]
    public void An_online_STV_paper_must_number_from_1_without_repeats_or_gaps()
    {
        Assert.Empty(RankedMarks.Problems(ElectionMethod.ScottishStv, 2, Standing, Marks()));
        Assert.Empty(RankedMarks.Problems(ElectionMethod.ScottishStv, 2, Standing, Marks((13, 1), (11, 2))));
        Assert.Equal([13L, 11], RankedMarks.Read("f", "Committee", ElectionMethod.ScottishStv, 2, Standing, Marks((11, 2), (13, 1))));

        var repeated = Assert.Single(RankedMarks.Problems(ElectionMethod.ScottishStv, 2, Standing, Marks((11, 1), (12, 2), (14, 2))));
        Assert.StartsWith("You gave 2 to Bob Baker and Dee Dunn.", repeated, StringComparison.Ordinal);
        var gaps = Assert.Single(RankedMarks.Problems(ElectionMethod.ScottishStv, 2, Standing, Marks((11, 1), (12, 4))));
        Assert.StartsWith("Your numbers skip 2 and 3.", gaps, StringComparison.Ordinal);
        Assert.Contains("numbered from 1", Assert.Single(RankedMarks.Problems(ElectionMethod.ScottishStv, 2, Standing, Marks((11, 0)))), StringComparison.Ordinal);
        Assert.Contains("not standing", Assert.Single(RankedMarks.Problems(ElectionMethod.ScottishStv, 2, Standing, Marks((99, 1)))), StringComparison.Ordinal);

        var refused = Assert.Throws<DomainException>(() => RankedMarks.Read("Election7", "Committee", ElectionMethod.ScottishStv, 2, Standing, Marks((11, 2))));
        Assert.Equal("Election7", Assert.Single(refused.Violations).Field);
        Assert.StartsWith("Committee: Your numbers skip 1.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plurality_paper_marks_at_most_as_many_candidates_as_seats_in_paper_order()
    {
        Assert.Equal([11L, 14], RankedMarks.Read("f", "Committee", ElectionMethod.Plurality, 2, Standing, Marks((14, 1), (11, 1))));
        Assert.Contains("You marked 3 candidates; vote for at most 2 (there are 2 seats)", Assert.Single(RankedMarks.Problems(ElectionMethod.Plurality, 2, Standing, Marks((11, 1), (12, 1), (13, 1)))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_paper_ballot_stops_at_a_missing_number_and_keeps_a_shared_number_as_one_level()
    {
        var gap = ElectionPaperCount.ToBallot(ElectionMethod.ScottishStv, "2,1,,4");
        Assert.Equal([1, 0], gap.Candidates);
        var shared = ElectionPaperCount.ToBallot(ElectionMethod.ScottishStv, "1,2,2,3");
        Assert.True(shared.HasSharedPreferences);
        Assert.Equal(3, shared.LevelCount);
        Assert.Equal([1, 2], shared.Level(1).ToArray());
        Assert.Equal([0, 2], ElectionPaperCount.ToBallot(ElectionMethod.Plurality, "x,,x").Candidates);
        Assert.Equal("x,,x", ElectionPaperCount.Normalise(ElectionMethod.Plurality, "X, ,1"));
        Assert.Equal("2,1,,3", ElectionPaperCount.Normalise(ElectionMethod.ScottishStv, " 2 ,01,, 3"));
    }

    [Fact]
    public void A_tie_for_the_last_seat_stops_the_count_and_a_lot_must_fall_on_a_tied_candidate()
    {
        var election = Election.Create(1, 1, "Committee", 1, ElectionMethod.Plurality);
        election.AddCandidate("Ann Archer", "");
        election.AddCandidate("Bob Baker", "");
        var ballots = new[] { new Ballot(1, 0), new Ballot(1, 1) };
        var first = election.Count(ballots, DateTime.UnixEpoch);
        Assert.Equal(ElectionCountOutcome.LotRequired, election.Outcome);
        var twice = Assert.Throws<DomainException>(() => election.AddCandidate("ann archer", ""));
        Assert.Contains("already a candidate", twice.Message, StringComparison.Ordinal);

        // Stored lots and their replay are tested against a database, where candidates have their ids.
        var wrong = Assert.Throws<DomainException>(() => election.EnterLot(first.LotRequired!, 999, "Returning Officer", DateTime.UnixEpoch));
        Assert.Contains("one of the tied candidates: Ann Archer, Bob Baker", wrong.Message, StringComparison.Ordinal);
        Assert.Empty(election.Lots);
    }
}
