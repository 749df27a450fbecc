using CoopRegister.Domain.Voting.Counting;
using static CoopRegister.Domain.Tests.Voting.TestContests;

namespace CoopRegister.Domain.Tests.Voting;

public sealed class PluralityCountTests
{
    [Fact]
    public void The_candidates_with_most_votes_fill_the_seats_most_votes_first()
    {
        var result = PluralityCount.Count(Make("ABCD", 2, ["3 A B", "2 C", "4 B D", "1 D"]));

        Assert.Equal(CountOutcome.Complete, result.Outcome);
        Assert.Equal(["B", "D"], result.ElectedNames);
        Assert.Equal([F("3"), F("7"), F("2"), F("5")], result.FinalVotes);
        Assert.Equal(CandidateStatus.NotElected, result.FinalStatuses[result.Index("A")]);
        Assert.Null(result.Quota);
    }

    [Fact]
    public void A_paper_marking_more_candidates_than_seats_is_invalid_for_the_contest()
    {
        var result = PluralityCount.Count(Make("ABCD", 2, ["3 A B C", "2 C", "1 A"]));

        Assert.Equal(3, result.ValidPapers);
        Assert.Equal(new RejectedPapers("more than 2 candidates marked", 3), Assert.Single(result.Rejected));
        Assert.Equal(Fixed5.Zero, result.FinalVotes[result.Index("B")]);
        Assert.Equal(["C", "A"], result.ElectedNames);
    }

    [Fact]
    public void A_paper_marking_fewer_than_the_seats_is_valid_and_a_blank_paper_is_rejected()
    {
        var result = PluralityCount.Count(Make("ABC", 2, ["2 A", "1", "1 B C"]));

        Assert.Equal(3, result.ValidPapers);
        Assert.Equal(new RejectedPapers("no mark for a standing candidate", 1), Assert.Single(result.Rejected));
    }

    [Fact]
    public void A_tie_at_the_last_seat_stops_the_count_until_the_lot_is_entered()
    {
        var contest = Make("ABCD", 2, ["5 A", "3 B", "3 C", "1 D"]);

        var stopped = PluralityCount.Count(contest);

        Assert.Equal(CountOutcome.LotRequired, stopped.Outcome);
        Assert.Equal(new[] { "B", "C" }, stopped.LotRequired!.Tied.Select(stopped.NameOf));
        Assert.Equal((TieKind.LastSeat, 1), (stopped.LotRequired.Kind, stopped.LotRequired.Stage));
        Assert.Equal(["A"], stopped.ElectedNames);

        var result = PluralityCount.Count(contest, [stopped.LotRequired.Draw(stopped.Index("C"))]);

        Assert.Equal(["A", "C"], result.ElectedNames);
        var tie = Assert.Single(result.TieBreaks);
        Assert.Equal(TieResolution.Lot, tie.ResolvedBy);
    }

    [Fact]
    public void Three_tied_for_two_seats_need_two_lots_each_electing_the_candidate_drawn()
    {
        var contest = Make("ABC", 2, ["2 A", "2 B", "2 C"]);

        var first = PluralityCount.Count(contest).LotRequired!;
        Assert.Equal([0, 1, 2], first.Tied);
        var second = PluralityCount.Count(contest, [first.Draw(2)]).LotRequired!;
        Assert.Equal([0, 1], second.Tied);
        var result = PluralityCount.Count(contest, [first.Draw(2), second.Draw(0)]);

        Assert.Equal(["C", "A"], result.ElectedNames);
    }

    [Fact]
    public void Equal_votes_that_do_not_straddle_the_last_seat_need_no_lot()
    {
        var result = PluralityCount.Count(Make("ABCD", 2, ["4 A", "4 B", "1 C", "1 D"]));

        Assert.Equal(CountOutcome.Complete, result.Outcome);
        Assert.Equal(["A", "B"], result.ElectedNames);
        Assert.Empty(result.TieBreaks);
    }

    [Fact]
    public void Marks_for_a_withdrawn_candidate_are_ignored_and_do_not_make_a_paper_overmarked()
    {
        var result = PluralityCount.Count(Make("ABCD", 1, ["2 A B", "3 C", "1 B"], withdrawn: "B"));

        Assert.Equal(5, result.ValidPapers);
        Assert.Equal(["C"], result.ElectedNames);
        Assert.Equal(CandidateStatus.Withdrawn, result.FinalStatuses[result.Index("B")]);
    }

    [Fact]
    public void Equal_preference_numbers_are_simply_marks()
    {
        var result = PluralityCount.Count(Make("ABC", 2, ["2 A=B", "1 C"]));

        Assert.Equal(["A", "B"], result.ElectedNames);
    }

    [Fact]
    public void With_fewer_candidates_than_seats_every_candidate_is_elected()
    {
        var result = PluralityCount.Count(Make("AB", 3, ["1 A"]));

        Assert.Equal(["A", "B"], result.ElectedNames);
        Assert.Equal(CountOutcome.Complete, result.Outcome);
    }
}
