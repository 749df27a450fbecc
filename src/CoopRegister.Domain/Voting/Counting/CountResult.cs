namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// The outcome of a count, complete enough to publish and to reproduce: the rules used, the papers counted and
/// rejected, the quota, who was elected in order, every stage, every tie and how it was broken, and the lots that were
/// supplied. When <see cref="Outcome"/> is <see cref="CountOutcome.LotRequired"/> the count stopped before its end and
/// <see cref="LotRequired"/> says which candidates are tied at which stage.
/// </summary>
public sealed record CountResult
{
    public required CountMethod Method { get; init; }

    public required string Title { get; init; }

    public required IReadOnlyList<Candidate> Candidates { get; init; }

    public required int Seats { get; init; }

    /// <summary>Valid papers: the figure the quota is calculated from (r.45(3), r.46).</summary>
    public required long ValidPapers { get; init; }

    public required IReadOnlyList<RejectedPapers> Rejected { get; init; }

    /// <summary>The quota (r.46); null for plurality, which has none.</summary>
    public Fixed5? Quota { get; init; }

    public required CountOutcome Outcome { get; init; }

    /// <summary>Candidate indices in the order they were elected.</summary>
    public required IReadOnlyList<int> Elected { get; init; }

    public required IReadOnlyList<CountStage> Stages { get; init; }

    public required IReadOnlyList<TieBreak> TieBreaks { get; init; }

    /// <summary>The tie that stopped the count; null when the count is complete.</summary>
    public LotRequest? LotRequired { get; init; }

    /// <summary>The lots this count applied, to be stored with the result: a recount given them breaks every tie the same way.</summary>
    public IReadOnlyList<TieLot> LotsUsed { get; init; } = [];

    /// <summary>Lots supplied that answered no tie in this count (the ballots or seats differ from when they were drawn).</summary>
    public IReadOnlyList<TieLot> UnusedLots { get; init; } = [];

    /// <summary>Each candidate's status at the end: continuing candidates left over when the seats are filled are not elected.</summary>
    public required IReadOnlyList<CandidateStatus> FinalStatuses { get; init; }

    public IReadOnlyList<Fixed5> FinalVotes => Stages[^1].Votes;

    public IEnumerable<string> ElectedNames => Elected.Select(i => Candidates[i].Name);

    public string NameOf(int candidate) => Candidates[candidate].Name;
}
