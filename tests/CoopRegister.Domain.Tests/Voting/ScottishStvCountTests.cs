using CoopRegister.Domain.Voting.Counting;
using static CoopRegister.Domain.Tests.Voting.TestContests;

namespace CoopRegister.Domain.Tests.Voting;

public sealed class ScottishStvCountTests
{
    [Theory]
    [InlineData(6900, 4, 1381)]
    [InlineData(15, 2, 6)]
    [InlineData(35, 4, 8)]
    [InlineData(9, 2, 4)]
    [InlineData(0, 1, 1)]
    public void The_quota_is_the_valid_papers_divided_by_one_more_than_the_seats_ignoring_decimals_plus_one(long valid, int seats, long quota)
    {
        Assert.Equal(Fixed5.FromWhole(quota), ScottishStvCount.QuotaFor(valid, seats));
    }

    [Fact]
    public void A_surplus_is_transferred_at_its_truncated_value()
    {
        // 10 papers, 2 seats: quota 4. A's surplus of 3 spread over 7 papers is 0.428571..., truncated to 0.42857.
        var result = ScottishStvCount.Count(Make("ABC", 2, ["7 A B", "3 C"]));

        var transfer = result.Stages[1];
        Assert.Equal(StageAction.SurplusTransfer, transfer.Action);
        Assert.Equal(F("3"), transfer.Transferred);
        Assert.Equal(F("2.99999"), result.VotesAt(2, "B"));
        Assert.Equal(F("4"), result.VotesAt(2, "A"));
        Assert.Equal(F("0.00001"), transfer.Residual);
        Assert.Equal(F("10"), transfer.Total);
    }

    [Fact]
    public void A_candidate_with_exactly_the_quota_is_elected_and_has_no_surplus_to_transfer()
    {
        // 8 papers, 3 seats: quota 3. A has exactly 3, so the next stage is an exclusion, not a transfer.
        var result = ScottishStvCount.Count(Make("ABCD", 3, ["3 A B", "2 B", "2 C", "1 D C"]));

        Assert.Equal([result.Index("A")], result.Stages[0].ElectedWithQuota);
        Assert.Equal(StageAction.Exclusion, result.Stages[1].Action);
        Assert.Equal("D", result.NameOf(result.Stages[1].Candidate!.Value));
        Assert.Equal(F("3"), result.VotesAt(2, "C"));
        Assert.Equal(["A", "C", "B"], result.ElectedNames);
    }

    [Fact]
    public void The_largest_surplus_is_transferred_first()
    {
        // 20 papers, 3 seats: quota 6. B's surplus (3) is larger than A's (1).
        var result = ScottishStvCount.Count(Make("ABCDE", 3, ["7 A C", "9 B D", "2 C", "1 D", "1 E"]));

        Assert.Equal("B", result.NameOf(result.Stages[1].Candidate!.Value));
        Assert.Equal("A", result.NameOf(result.Stages[2].Candidate!.Value));
        Assert.Equal(["B", "A"], result.ElectedNames.Take(2));
    }

    [Fact]
    public void Every_paper_the_candidate_holds_is_transferred_weighted_by_its_value_when_received()
    {
        // 25 papers, 3 seats: quota 7. A's surplus of 3 moves 10 papers to C at 0.3, electing C with 8. C's surplus
        // of 1 then moves all 15 papers C holds: its own 5 at 1 x 1 / 8 = 0.125 to D, and A's 10 at
        // 1 x 0.3 / 8 = 0.0375, which have no further preference and become non-transferable.
        var result = ScottishStvCount.Count(Make("ABCDE", 3, ["10 A C", "5 C D", "5 B", "3 D", "2 E C"]));

        Assert.Equal(F("8"), result.VotesAt(2, "C"));
        var cSurplus = result.Stages[2];
        Assert.Equal((StageAction.SurplusTransfer, "C"), (cSurplus.Action, result.NameOf(cSurplus.Candidate!.Value)));
        Assert.Equal(F("1"), cSurplus.Transferred);
        Assert.Equal(F("3.625"), result.VotesAt(3, "D"));
        Assert.Equal(F("0.375"), cSurplus.NonTransferable);
        Assert.Equal(F("7"), result.VotesAt(3, "C"));
        Assert.Equal(["A", "C", "B"], result.ElectedNames);
    }

    [Fact]
    public void An_excluded_candidates_papers_move_at_the_value_they_arrived_with()
    {
        // 15 papers, 2 seats: quota 6. A's surplus of 2 moves 8 papers to B at 0.25. When B is excluded those 8 papers
        // reach C still worth 0.25 each (2 votes), and B's own paper is worth 1.
        var result = ScottishStvCount.Count(Make("ABCD", 2, ["8 A B C", "1 B C", "5 C", "1 D"]));

        Assert.Equal(F("3"), result.VotesAt(2, "B"));
        var bOut = result.Stages.Single(s => s.Action == StageAction.Exclusion && result.NameOf(s.Candidate!.Value) == "B");
        Assert.Equal(F("3"), bOut.Transferred);
        Assert.Equal(F("8"), bOut.Votes[result.Index("C")]);
        Assert.Equal(Fixed5.Zero, bOut.Votes[result.Index("B")]);
        Assert.Equal(["A", "C"], result.ElectedNames);
    }

    [Fact]
    public void Papers_with_no_further_preference_are_non_transferable_and_the_totals_still_balance()
    {
        var result = ScottishStvCount.Count(Make("ABCD", 2, ["6 A", "2 B", "3 C A", "1 D"]));

        Assert.All(result.Stages, s => Assert.Equal(F("12"), s.Total));
        Assert.True(result.Stages[^1].NonTransferable > Fixed5.Zero);
        Assert.Equal(["A", "C"], result.ElectedNames);
    }

    [Fact]
    public void When_the_continuing_candidates_equal_the_vacancies_they_are_elected_and_a_pending_surplus_is_not_transferred()
    {
        // 10 papers, 2 seats: quota 4. A is elected with a surplus of 4; only B is left for the one vacancy (C withdrew).
        var result = ScottishStvCount.Count(Make("ABC", 2, ["8 A C", "2 B"], withdrawn: "C"));

        Assert.Single(result.Stages);
        Assert.Equal([result.Index("B")], result.Stages[0].ElectedAsRemaining);
        Assert.Equal(["A", "B"], result.ElectedNames);
        Assert.Equal(F("8"), result.FinalVotes[result.Index("A")]);
    }

    [Fact]
    public void With_fewer_candidates_than_seats_all_are_elected_and_the_other_seats_stay_empty()
    {
        var result = ScottishStvCount.Count(Make("AB", 3, ["2 A", "1 B"]));

        Assert.Equal(CountOutcome.Complete, result.Outcome);
        Assert.Equal(["A", "B"], result.ElectedNames);
        Assert.Single(result.Stages);
    }

    [Fact]
    public void When_every_paper_is_exhausted_the_candidates_left_at_nothing_need_a_lot()
    {
        var result = ScottishStvCount.Count(Make("ABC", 1, ["1", "2 B=C"]));

        Assert.Equal(0, result.ValidPapers);
        Assert.Equal(3, result.Rejected.Sum(r => r.Papers));
        Assert.Equal(CountOutcome.LotRequired, result.Outcome);
        Assert.Equal(["A", "B", "C"], result.LotRequired!.Tied.Select(result.NameOf));
        Assert.Equal(2, result.LotRequired.Stage);
        Assert.Equal(Fixed5.Zero, result.LotRequired.Votes);
    }

    [Fact]
    public void Empty_ballots_are_rejected_and_do_not_count_towards_the_quota()
    {
        var result = ScottishStvCount.Count(Make("ABC", 1, ["5 A", "3 B", "4", "2 C"]));

        Assert.Equal(10, result.ValidPapers);
        Assert.Equal(F("6"), result.Quota);
        Assert.Equal(new RejectedPapers("no preference for a standing candidate", 4), Assert.Single(result.Rejected));
    }

    [Fact]
    public void A_withdrawn_candidate_is_passed_over_and_their_papers_start_with_the_next_preference_at_full_value()
    {
        var result = ScottishStvCount.Count(Make("ABCD", 1, ["4 B A", "3 A", "2 C", "1 B"], withdrawn: "B"));

        Assert.Equal(9, result.ValidPapers);
        Assert.Equal(F("7"), result.VotesAt(1, "A"));
        Assert.Equal(CandidateStatus.Withdrawn, result.FinalStatuses[result.Index("B")]);
        Assert.Equal(Fixed5.Zero, result.VotesAt(1, "B"));
        Assert.Equal(["A"], result.ElectedNames);
    }

    [Fact]
    public void A_shared_first_preference_is_rejected_and_a_shared_later_preference_stops_the_paper_there()
    {
        var result = ScottishStvCount.Count(Make("ABCD", 1, ["2 A=B C", "1 D A=B", "3 C", "4 A", "5 B"]));

        Assert.Equal(new RejectedPapers("first preference given to more than one candidate", 2), Assert.Single(result.Rejected));
        Assert.Equal(13, result.ValidPapers);
        var dOut = result.Stages[1];
        Assert.Equal((StageAction.Exclusion, "D"), (dOut.Action, result.NameOf(dOut.Candidate!.Value)));
        Assert.Equal(F("1"), dOut.NonTransferable);
        Assert.Equal(F("4"), dOut.Votes[result.Index("A")]);
        Assert.Equal(F("5"), dOut.Votes[result.Index("B")]);
    }

    [Fact]
    public void Equal_surpluses_equal_at_every_stage_wait_for_a_lot_and_the_lot_decides_which_goes_first()
    {
        // 14 papers, 3 seats: quota 4. A and B both have 6: equal surpluses of 2, equal at every stage.
        var contest = Make("ABCD", 3, ["6 A C", "6 B D", "1 C", "2 D"]);

        var stopped = ScottishStvCount.Count(contest);

        Assert.Equal(CountOutcome.LotRequired, stopped.Outcome);
        Assert.Equal(TieKind.SurplusOrder, stopped.LotRequired!.Kind);
        Assert.Equal(2, stopped.LotRequired.Stage);
        Assert.Equal(["A", "B"], stopped.ElectedNames);
        Assert.Equal([0, 1], stopped.LotRequired.Tied);

        var result = ScottishStvCount.Count(contest, [stopped.LotRequired.Draw(1)]);

        Assert.Equal("B", result.NameOf(result.Stages[1].Candidate!.Value));
        Assert.Equal(F("3.99998"), result.VotesAt(2, "D"));
        Assert.Equal(["A", "B", "D"], result.ElectedNames);
    }

    [Fact]
    public void A_lot_is_stored_with_the_result_and_a_recount_with_it_breaks_the_tie_the_same_way()
    {
        var contest = Make("ABCDE", 2, ["3 A", "3 B", "3 C", "4 D", "5 E"]);
        var request = ScottishStvCount.Count(contest).LotRequired!;
        Assert.Equal(TieKind.Exclusion, request.Kind);
        Assert.Equal(["A", "B", "C"], request.Tied.Select(i => "ABCDE"[i].ToString()));

        var lot = request.Draw(1);
        var first = ScottishStvCount.Count(contest, [lot]);
        var recount = ScottishStvCount.Count(contest.WithBallots(contest.Ballots.Reverse().ToArray()), [lot]);

        var tie = first.TieBreaks[0];
        Assert.Equal((TieResolution.Lot, "B"), (tie.ResolvedBy, first.NameOf(tie.Chosen)));
        Assert.Equal(CandidateStatus.Excluded, first.Stages[1].Statuses[1]);
        Assert.Equal(first.Stages.Select(s => s.Candidate), recount.Stages.Select(s => s.Candidate));
        Assert.Equal(Describe(first), Describe(recount));
    }

    [Fact]
    public void A_three_way_tie_is_narrowed_by_an_earlier_stage_where_only_one_was_ahead()
    {
        // Stage 1: C 2, D 3, E 3 (F 1). F's exclusion gives C one more: C, D, E all 3 at stage 2. At stage 1 C was
        // lowest, so C is excluded without a lot.
        var result = ScottishStvCount.Count(Make("ABCDEF", 2, ["8 A", "8 B", "2 C", "3 D", "3 E", "1 F C"]));

        var tie = Assert.Single(result.TieBreaks);
        Assert.Equal(["C", "D", "E"], tie.Tied.Select(result.NameOf));
        Assert.Equal(("C", 1), (result.NameOf(tie.Chosen), tie.DecidingStage!.Value));
    }

    [Fact]
    public void A_lot_that_answers_no_tie_in_the_count_is_reported_unused()
    {
        var contest = Make("ABC", 1, ["3 A", "2 B", "1 C"]);
        var stale = new TieLot(2, TieKind.Exclusion, [1, 2], 2);

        var result = ScottishStvCount.Count(contest, [stale]);

        Assert.Equal(["A"], result.ElectedNames);
        Assert.Equal([stale], result.UnusedLots);
    }

    [Fact]
    public void Candidates_elected_at_the_same_stage_are_listed_most_votes_first()
    {
        var result = ScottishStvCount.Count(Make("ABCD", 3, ["5 B", "7 A", "6 C", "2 D"]));

        Assert.Equal(["A", "C", "B"], result.ElectedNames);
    }

    [Fact]
    public void A_lot_must_name_one_of_the_tied_candidates()
    {
        Assert.Throws<ArgumentException>(() => new TieLot(2, TieKind.Exclusion, [0, 1], 3));
        Assert.Throws<ArgumentException>(() => new TieLot(2, TieKind.Exclusion, [0], 0));
    }

    [Fact]
    public void A_contest_without_seats_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Make("AB", 0, ["1 A"]));
        Assert.Contains("at least one seat", ex.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Describe(CountResult result) =>
        result.TieBreaks.Select(t => FormattableString.Invariant($"{t.Stage} {t.Kind} [{string.Join(",", t.Tied)}] {t.Chosen} {t.ResolvedBy} {t.DecidingStage}"));
}
