using CoopRegister.Domain.Voting.Counting;
using static CoopRegister.Domain.Tests.Voting.TestContests;

namespace CoopRegister.Domain.Tests.Voting;

public sealed class CountReportTests
{
    [Fact]
    public void The_report_shows_each_stages_action_every_candidates_votes_and_status_and_the_totals()
    {
        var result = ScottishStvCount.Count(Make("ABC", 2, ["7 A B", "3 C"]));

        var text = CountReport.ToText(result);

        Assert.Contains("Quota: 4.00000", text, StringComparison.Ordinal);
        Assert.Contains("Stage 1: First preferences", text, StringComparison.Ordinal);
        Assert.Contains("Stage 2: Surplus of A transferred (3.00000)", text, StringComparison.Ordinal);
        Assert.Matches(@"\n  B +2\.99999 +\+2\.99999 +hopeful\n", text);
        Assert.Matches(@"\n  Residual +0\.00001 +\+0\.00001\n", text);
        Assert.Matches(@"\n  Total +10\.00000\n", text);
        Assert.Contains("Elected with the quota: A", text, StringComparison.Ordinal);
        Assert.EndsWith("Elected, in order:\n  1. A\n  2. C\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stopped_count_says_who_is_tied_at_which_stage_and_what_the_lot_decides()
    {
        var result = ScottishStvCount.Count(Make("ABCD", 1, ["5 A", "2 B", "2 C", "3 D"]));

        var text = CountReport.DescribeLotRequest(result);

        Assert.Equal(
            "The count stopped at stage 2: B and C are tied for exclusion with 2.00000 votes each and had equal votes at every earlier stage. "
            + "The returning officer must decide by lot (SSI 2007/42 Sch.1 r.51(2)(b); the candidate the lot falls on is excluded) and run the count again with the lot entered.",
            text);
    }

    [Fact]
    public void A_tie_broken_by_an_earlier_stage_is_explained_in_the_stage()
    {
        var result = ScottishStvCount.Count(Make("ABCDE", 2, ["1 A B", "2 B", "3 C", "4 D", "5 E"]));

        var text = CountReport.ToText(result);

        Assert.Contains("Tie: B and C had equal lowest votes; decided by the votes at stage 1 (r.51(2)(a)): B is excluded.", text, StringComparison.Ordinal);
    }
}
