using CoopRegister.Domain.Voting.Blt;
using CoopRegister.Domain.Voting.Counting;

namespace CoopRegister.Domain.Tests.Voting;

/// <summary>
/// The Scottish STV count agrees with an independent counter (Droop) on real ballots: eight wards of the Glasgow City
/// Council election of 2007 and two tie-break cases, each beside Droop's report. Skipped when the shared data is absent.
/// </summary>
public sealed class GlasgowAgreementTests
{
    public static TheoryData<string> Wards => SharedStvData.GlasgowWards();

    [Theory]
    [MemberData(nameof(Wards))]
    public void The_count_elects_the_same_candidates_with_the_same_final_votes_as_Droop(string ballotFile)
    {
        var path = SharedStvData.Glasgow(ballotFile);
        var contest = ReadContest(path);
        var names = contest.Candidates.Select(c => c.Name).ToArray();
        var droop = DroopReport.Read(Path.ChangeExtension(path, ".scottish-stv.report.txt"), names);

        var result = CountWithDroopsLots(contest, droop);

        Assert.Equal(CountOutcome.Complete, result.Outcome);
        Assert.Equal(droop.Quota, result.Quota);
        Assert.Equal(droop.Elected.Order(StringComparer.Ordinal), result.ElectedNames.Order(StringComparer.Ordinal));
        Assert.Equal(contest.Seats, result.Elected.Count);
        for (var c = 0; c < names.Length; c++)
        {
            Assert.True(droop.FinalVotes.ContainsKey(names[c]), $"Droop's final stage does not list {names[c]}.");
            Assert.Equal((names[c], droop.FinalVotes[names[c]]), (names[c], result.FinalVotes[c]));
        }

        var last = result.Stages[^1];
        Assert.Equal(droop.NonTransferable, last.NonTransferable);
        Assert.Equal(droop.Residual, last.Residual);
    }

    [Fact]
    public void Equal_lowest_candidates_are_told_apart_by_the_most_recent_stage_where_they_differed()
    {
        var contest = ReadContest(SharedStvData.Glasgow("weak-defeat.blt"));

        var result = ScottishStvCount.Count(contest);

        Assert.Equal(CountOutcome.Complete, result.Outcome);
        var tie = Assert.Single(result.TieBreaks);
        Assert.Equal(TieKind.Exclusion, tie.Kind);
        Assert.Equal(TieResolution.PriorStage, tie.ResolvedBy);
        Assert.Equal(["B", "C"], tie.Tied.Select(result.NameOf));
        Assert.Equal("B", result.NameOf(tie.Chosen));
        Assert.Equal(1, tie.DecidingStage);
        Assert.Equal(["D", "E"], result.ElectedNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Equal_surpluses_go_by_the_earlier_stage_and_a_tie_equal_at_every_stage_waits_for_the_lot()
    {
        var contest = ReadContest(SharedStvData.Glasgow("weak-surplus.blt"));

        var stopped = ScottishStvCount.Count(contest);

        Assert.Equal(CountOutcome.LotRequired, stopped.Outcome);
        var request = stopped.LotRequired!;
        Assert.Equal(TieKind.Exclusion, request.Kind);
        Assert.Equal(["E", "F"], request.Tied.Select(stopped.NameOf));
        Assert.Equal(3, request.Stage);
        Assert.Equal(Fixed5.FromWhole(3), request.Votes);
        Assert.Equal(["A", "B", "C"], stopped.ElectedNames);

        var drawn = Array.FindIndex(contest.Candidates.ToArray(), c => c.Name == "E");
        var result = ScottishStvCount.Count(contest, [request.Draw(drawn)]);

        Assert.Equal(CountOutcome.Complete, result.Outcome);
        Assert.Equal(["A", "B", "C", "D"], result.ElectedNames);
        Assert.Empty(result.UnusedLots);
        Assert.Equal(["E", "F"], Assert.Single(result.LotsUsed).Tied.Select(result.NameOf));
        Assert.Collection(result.TieBreaks,
            t => Assert.Equal((TieKind.Exclusion, TieResolution.Lot, "E"), (t.Kind, t.ResolvedBy, result.NameOf(t.Chosen))));
        Assert.Equal("F", result.NameOf(Array.IndexOf(result.FinalStatuses.ToArray(), CandidateStatus.NotElected)));
    }

    private static Contest ReadContest(string path)
    {
        using var stream = File.OpenRead(path);
        var import = BltReader.Read(stream);
        Assert.Empty(import.Warnings);
        return import.Contest;
    }

    /// <summary>Replays the lots Droop drew, in order, as a returning officer would enter them after each stop.</summary>
    private static CountResult CountWithDroopsLots(Contest contest, DroopReport droop)
    {
        var lots = new List<TieLot>();
        var result = ScottishStvCount.Count(contest, lots);
        while (result.LotRequired is { } request && lots.Count < droop.Lots.Count)
        {
            var (tied, drawn) = droop.Lots[lots.Count];
            Assert.Equal(tied.Order(StringComparer.Ordinal), request.Tied.Select(result.NameOf).Order(StringComparer.Ordinal));
            lots.Add(request.Draw(request.Tied.Single(c => result.NameOf(c) == drawn)));
            result = ScottishStvCount.Count(contest, lots);
        }

        return result;
    }
}
