using System.Globalization;
using System.Text;
using static System.FormattableString;

namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// The stage-by-stage report of a count as plain text: for each stage what was done, every candidate's votes, the
/// change since the previous stage and status, and the totals that must come to the valid papers (voting.md: the
/// published result must let anyone follow and check the count). The same sentences describe stages and ties in any
/// other rendering (JSON, web page), so they are public.
/// </summary>
public static class CountReport
{
    public static void Write(CountResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(result.Title.Length == 0 ? "Election count" : result.Title);
        writer.WriteLine($"Method: {DescribeMethod(result.Method)}");
        writer.WriteLine(Invariant($"Seats: {result.Seats}"));
        writer.WriteLine(Invariant($"Valid papers: {result.ValidPapers}"));
        foreach (var r in result.Rejected)
        {
            writer.WriteLine(Invariant($"Rejected papers ({r.Reason}): {r.Papers}"));
        }

        if (result.Quota is { } quota)
        {
            writer.WriteLine($"Quota: {quota}");
        }

        var nameWidth = Math.Max("Non-transferable".Length, result.Candidates.Max(c => c.Name.Length));
        CountStage? previous = null;
        foreach (var stage in result.Stages)
        {
            writer.WriteLine();
            WriteStage(result, stage, previous, nameWidth, writer);
            previous = stage;
        }

        writer.WriteLine();
        if (result.LotRequired is not null)
        {
            writer.WriteLine(DescribeLotRequest(result));
        }

        writer.WriteLine(result.Outcome == CountOutcome.Complete ? "Elected, in order:" : "Elected so far, in order:");
        for (var i = 0; i < result.Elected.Count; i++)
        {
            writer.WriteLine(Invariant($"  {i + 1}. {result.NameOf(result.Elected[i])}"));
        }

        foreach (var lot in result.UnusedLots)
        {
            writer.WriteLine(Invariant($"Lot not used (no such tie in this count): stage {lot.Stage}, {Names(result, lot.Tied)}, drawn {result.NameOf(lot.Drawn)}."));
        }
    }

    public static string ToText(CountResult result)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(result, writer);
        return writer.ToString();
    }

    public static string DescribeMethod(CountMethod method) => method switch
    {
        CountMethod.ScottishStv => "Scottish STV (SSI 2007/42 Sch.1 rules 45-52; weighted inclusive Gregory, 5 decimal places)",
        CountMethod.Plurality => "Plurality-at-large (vote for up to the number of seats)",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>"Surplus of Craig MacKay transferred (251.00000)", "Dave Holladay excluded (150.84402 votes)".</summary>
    public static string DescribeAction(CountResult result, CountStage stage)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stage);
        return stage.Action switch
        {
            StageAction.FirstPreferences => "First preferences",
            StageAction.SurplusTransfer => $"Surplus of {result.NameOf(stage.Candidate!.Value)} transferred ({stage.Transferred})",
            StageAction.Exclusion => $"{result.NameOf(stage.Candidate!.Value)} excluded ({stage.Transferred} votes)",
            StageAction.Tally => "Votes counted",
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage.Action, null),
        };
    }

    public static string DescribeTie(CountResult result, TieBreak tie)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(tie);
        var what = tie.Kind switch
        {
            TieKind.SurplusOrder => "had equal surpluses",
            TieKind.Exclusion => "had equal lowest votes",
            _ => "had equal votes for the last seat",
        };
        var chosen = tie.Kind switch
        {
            TieKind.SurplusOrder => $"{result.NameOf(tie.Chosen)}'s surplus goes first",
            TieKind.Exclusion => $"{result.NameOf(tie.Chosen)} is excluded",
            _ => $"{result.NameOf(tie.Chosen)} is elected",
        };
        var how = tie.ResolvedBy == TieResolution.PriorStage
            ? Invariant($"decided by the votes at stage {tie.DecidingStage} ({(tie.Kind == TieKind.SurplusOrder ? "r.49(2)" : "r.51(2)(a)")})")
            : $"decided by lot drawn by the returning officer ({LotRule(tie.Kind)})";
        return $"{Names(result, tie.Tied)} {what}; {how}: {chosen}.";
    }

    /// <summary>The sentence the returning officer needs: who is tied, at which stage, for what, and what to do.</summary>
    public static string DescribeLotRequest(CountResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var request = result.LotRequired ?? throw new ArgumentException("The count did not stop for a lot.", nameof(result));
        var what = request.Kind switch
        {
            TieKind.SurplusOrder => $"have equal surpluses ({request.Votes} votes each)",
            TieKind.Exclusion => $"are tied for exclusion with {request.Votes} votes each",
            _ => $"are tied for the last seat with {request.Votes} votes each",
        };
        var earlier = request.Kind == TieKind.LastSeat ? "" : " and had equal votes at every earlier stage";
        var meaning = request.Kind switch
        {
            TieKind.SurplusOrder => "the candidate the lot falls on has their surplus transferred first",
            TieKind.Exclusion => "the candidate the lot falls on is excluded",
            _ => "the candidate the lot falls on is elected",
        };
        return Invariant($"The count stopped at stage {request.Stage}: {Names(result, request.Tied)} {what}{earlier}. ")
            + $"The returning officer must decide by lot ({LotRule(request.Kind)}; {meaning}) and run the count again with the lot entered.";
    }

    private static string LotRule(TieKind kind) => kind switch
    {
        TieKind.SurplusOrder => "SSI 2007/42 Sch.1 r.49(3)",
        TieKind.Exclusion => "SSI 2007/42 Sch.1 r.51(2)(b)",
        _ => "the society's rules",
    };

    private static string Names(CountResult result, IReadOnlyList<int> candidates)
    {
        var names = candidates.Select(result.NameOf).ToArray();
        return names.Length switch
        {
            1 => names[0],
            2 => $"{names[0]} and {names[1]}",
            _ => string.Join(", ", names[..^1]) + " and " + names[^1],
        };
    }

    /// <summary>"elected", "hopeful", "excluded", "withdrawn" or "not elected": the word every rendering of a count uses.</summary>
    public static string DescribeStatus(CandidateStatus status) => status switch
    {
        CandidateStatus.Hopeful => "hopeful",
        CandidateStatus.Elected => "elected",
        CandidateStatus.Excluded => "excluded",
        CandidateStatus.Withdrawn => "withdrawn",
        CandidateStatus.NotElected => "not elected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static void WriteStage(CountResult result, CountStage stage, CountStage? previous, int nameWidth, TextWriter writer)
    {
        writer.WriteLine(Invariant($"Stage {stage.Number}: {DescribeAction(result, stage)}"));
        if (stage.Tie is { } tie)
        {
            writer.WriteLine($"Tie: {DescribeTie(result, tie)}");
        }

        var rows = new List<(string Name, string Votes, string Change, string Status)>();
        for (var c = 0; c < result.Candidates.Count; c++)
        {
            var change = previous is null ? "" : Signed(stage.Votes[c] - previous.Votes[c]);
            rows.Add((result.NameOf(c), stage.Votes[c].ToString(), change, DescribeStatus(stage.Statuses[c])));
        }

        var isStv = result.Method == CountMethod.ScottishStv;
        if (isStv)
        {
            rows.Add(("Non-transferable", stage.NonTransferable.ToString(), previous is null ? "" : Signed(stage.NonTransferable - previous.NonTransferable), ""));
            rows.Add(("Residual", stage.Residual.ToString(), previous is null ? "" : Signed(stage.Residual - previous.Residual), ""));
            rows.Add(("Total", stage.Total.ToString(), "", ""));
        }

        var votesWidth = Math.Max("Votes".Length, rows.Max(r => r.Votes.Length));
        var changeWidth = Math.Max("Change".Length, rows.Max(r => r.Change.Length));
        var line = new StringBuilder();
        void Row(string name, string votes, string change, string status)
        {
            line.Clear();
            line.Append("  ").Append(name.PadRight(nameWidth)).Append("  ").Append(votes.PadLeft(votesWidth))
                .Append("  ").Append(change.PadLeft(changeWidth)).Append("  ").Append(status);
            writer.WriteLine(line.ToString().TrimEnd());
        }

        Row("Candidate", "Votes", "Change", "Status");
        Row(new string('-', nameWidth), new string('-', votesWidth), new string('-', changeWidth), "-----------");
        var candidates = result.Candidates.Count;
        for (var i = 0; i < rows.Count; i++)
        {
            if (i == candidates)
            {
                Row(new string('-', nameWidth), new string('-', votesWidth), new string('-', changeWidth), "");
            }

            Row(rows[i].Name, rows[i].Votes, rows[i].Change, rows[i].Status);
        }

        if (stage.ElectedWithQuota.Count > 0)
        {
            writer.WriteLine($"Elected with the quota: {string.Join(", ", stage.ElectedWithQuota.Select(result.NameOf))}");
        }

        if (stage.ElectedAsRemaining.Count > 0)
        {
            writer.WriteLine($"Elected as the continuing candidates fill the remaining seats (r.52): {string.Join(", ", stage.ElectedAsRemaining.Select(result.NameOf))}");
        }
    }

    private static string Signed(Fixed5 change) =>
        change.Units == 0 ? "" : change.Units > 0 ? "+" + change : change.ToString();
}
