namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// The state at the end of one stage of the count: what was done, every candidate's votes and status, who was elected
/// at the stage, and the papers that left the count (non-transferable) or the value lost to truncation (residual).
/// Each stage is kept so that the look-back tie-breaks of r.49(2) and r.51(2)(a) read the votes as they stood, and so
/// that the report can show the whole count.
/// </summary>
public sealed record CountStage
{
    public required int Number { get; init; }

    public required StageAction Action { get; init; }

    /// <summary>The candidate whose papers moved (surplus or exclusion); null at the first stage and for a tally.</summary>
    public int? Candidate { get; init; }

    /// <summary>The surplus transferred, or the votes of the excluded candidate; zero at the first stage.</summary>
    public Fixed5 Transferred { get; init; }

    /// <summary>Votes per candidate index at the end of the stage.</summary>
    public required IReadOnlyList<Fixed5> Votes { get; init; }

    public required IReadOnlyList<CandidateStatus> Statuses { get; init; }

    /// <summary>Candidates who reached the quota at this stage (r.47), most votes first.</summary>
    public IReadOnlyList<int> ElectedWithQuota { get; init; } = [];

    /// <summary>Candidates deemed elected because the continuing candidates no longer outnumber the vacancies (r.52).</summary>
    public IReadOnlyList<int> ElectedAsRemaining { get; init; } = [];

    /// <summary>The tie that had to be broken to choose <see cref="Candidate"/>, if any.</summary>
    public TieBreak? Tie { get; init; }

    /// <summary>Total value of papers with no further preference for a continuing candidate, so far.</summary>
    public Fixed5 NonTransferable { get; init; }

    /// <summary>Total value lost by truncating transfer values to five places (r.48(3)), so far.</summary>
    public Fixed5 Residual { get; init; }

    public Fixed5 ElectedVotes => Sum(CandidateStatus.Elected);

    /// <summary>Votes of continuing candidates (and, after the count, of those left not elected).</summary>
    public Fixed5 HopefulVotes => Sum(CandidateStatus.Hopeful) + Sum(CandidateStatus.NotElected);

    /// <summary>Votes still held by excluded candidates: zero once their papers have moved, which is every stage's end.</summary>
    public Fixed5 ExcludedVotes => Sum(CandidateStatus.Excluded);

    /// <summary>Elected + hopeful + excluded + non-transferable + residual: always the valid papers.</summary>
    public Fixed5 Total => ElectedVotes + HopefulVotes + ExcludedVotes + NonTransferable + Residual;

    private Fixed5 Sum(CandidateStatus status)
    {
        var total = Fixed5.Zero;
        for (var i = 0; i < Votes.Count; i++)
        {
            if (Statuses[i] == status)
            {
                total += Votes[i];
            }
        }

        return total;
    }
}
