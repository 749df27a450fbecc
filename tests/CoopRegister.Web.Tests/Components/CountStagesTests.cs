using Bunit;
using CoopRegister.Domain.Voting.Blt;
using CoopRegister.Domain.Voting.Counting;
using CoopRegister.Web.Components.Shared;

namespace CoopRegister.Web.Tests.Components;

/// <summary>The stage-by-stage report on screen: a real table with caption and headers, bars with their figures, every stage reachable.</summary>
public sealed class CountStagesTests : BunitContext
{
    private static CountResult Count(string blt, bool plurality = false, IReadOnlyList<TieLot>? lots = null)
    {
        var contest = BltReader.Parse(blt).Contest;
        return plurality ? PluralityCount.Count(contest, lots) : ScottishStvCount.Count(contest, lots);
    }

    [Fact]
    public void An_stv_count_shows_each_stage_with_its_action_votes_changes_and_statuses_and_the_totals()
    {
        var result = Count("3 2\n7 1 2 0\n3 3 0\n0\n\"Ann\"\n\"Bob\"\n\"Cath\"\n\"Board 2026\"\n");

        var cut = Render<CountStages>(p => p.Add(c => c.Result, result));

        Assert.Equal("Stage-by-stage report: Board 2026", cut.Find("h2").TextContent);
        Assert.Equal("4.00000", cut.Find("#count-quota").TextContent);
        Assert.Equal(["Ann", "Cath"], cut.FindAll("#count-elected li").Select(li => li.TextContent));
        var table = cut.Find("table#count-table");
        Assert.Contains("Votes of each candidate at each stage", table.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
        Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        Assert.All(table.QuerySelectorAll("tbody th, tfoot th"), th => Assert.Equal("row", th.GetAttribute("scope")));
        Assert.Contains("Surplus of Ann transferred (3.00000)", cut.Find("#count-stage-2").TextContent, StringComparison.Ordinal);
        var bob = table.QuerySelectorAll("tbody tr")[1].QuerySelectorAll("td");
        Assert.Equal("2.99999+2.99999hopeful", Squeeze(bob[1].TextContent));
        Assert.Equal("0.00000-2.99999excluded", Squeeze(bob[2].TextContent));
        Assert.Equal("3.00000electedatthisstage", Squeeze(table.QuerySelectorAll("tbody tr")[2].QuerySelectorAll("td")[2].TextContent));
        var totals = table.QuerySelectorAll("tfoot tr").Select(tr => Squeeze(tr.TextContent)).ToList();
        Assert.Equal(["Non-transferable0.000000.000002.99999", "Residual(rounding)0.000000.000010.00001", "Total10.0000010.0000010.00000"], totals);
    }

    [Fact]
    public void The_bars_are_drawn_for_every_stage_with_the_last_chosen_and_each_bar_says_its_figure_and_status()
    {
        var result = Count("3 2\n7 1 2 0\n3 3 0\n0\n\"Ann\"\n\"Bob\"\n\"Cath\"\n\"Board 2026\"\n");

        var cut = Render<CountStages>(p => p.Add(c => c.Result, result).Add(c => c.Id, "board"));

        var radios = cut.FindAll("input[type=radio][name=board-bars]");
        Assert.Equal(3, radios.Count);
        Assert.Equal([false, false, true], radios.Select(r => r.HasAttribute("checked")));
        Assert.All(radios, r => Assert.NotNull(cut.Find($"label[for={r.Id}]")));
        var first = cut.Find("#board-bars-1-panel");
        var rows = first.QuerySelectorAll(".bar-row");
        Assert.Equal("Ann 7.00000 elected", Squeeze(rows[0].TextContent, keepSpaces: true));
        Assert.Equal("width: 100%", rows[0].QuerySelector(".bar")!.GetAttribute("style"));
        Assert.Equal("width: 42.86%", rows[2].QuerySelector(".bar")!.GetAttribute("style"));
        Assert.Equal("left: 57.14%", rows[0].QuerySelector(".quota-mark")!.GetAttribute("style"));
        Assert.Equal("true", rows[0].QuerySelector(".bar-track")!.GetAttribute("aria-hidden"));
        Assert.Contains("The dashed line marks the quota, 4.00000.", first.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plurality_count_has_no_quota_or_transfer_rows_and_states_the_rejected_papers()
    {
        var result = Count("3 1\n4 1 2 0\n2 2 0\n1 3 0\n0\nAnn\nBob\nCath\nChair\n", plurality: true);

        var cut = Render<CountStages>(p => p.Add(c => c.Result, result));

        Assert.StartsWith("none", cut.Find("#count-quota").TextContent, StringComparison.Ordinal);
        Assert.Equal("4 (more than 1 candidates marked)", cut.Find("#count-rejected li").TextContent);
        Assert.Empty(cut.FindAll("tfoot"));
        Assert.Empty(cut.FindAll(".quota-mark"));
        Assert.Contains("Votes counted", cut.Find("#count-stage-1").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_count_that_stopped_for_a_lot_says_who_is_tied_and_a_lot_used_is_listed_with_the_tie()
    {
        const string Tie = "3 1\n3 1 0\n2 2 0\n2 3 0\n0\nAnn\nBob\nCath\nT\n";
        var stopped = Count(Tie);
        var drawn = Count(Tie, lots: [stopped.LotRequired!.Draw(2)]);

        var before = Render<CountStages>(p => p.Add(c => c.Result, stopped));
        var after = Render<CountStages>(p => p.Add(c => c.Result, drawn));

        Assert.Contains("The count stopped at stage 2: Bob and Cath are tied for exclusion", before.Find("#count-lot-required").TextContent, StringComparison.Ordinal);
        Assert.Equal("Nobody.", before.Find("#count-elected").TextContent);
        Assert.Empty(after.FindAll("#count-lot-required"));
        Assert.Equal("Stage 2, between Bob, Cath: the lot fell on Cath.", after.Find("#count-lots li").TextContent);
        Assert.Contains("decided by lot", after.Find("#count-ties").TextContent, StringComparison.Ordinal);
    }

    private static string Squeeze(string text, bool keepSpaces = false) =>
        keepSpaces
            ? string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            : string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
