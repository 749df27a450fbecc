namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// Counts a contest by the single transferable vote as the Scottish Local Government Elections Order 2007
/// (SSI 2007/42) Schedule 1 rules 45–52 prescribe: weighted inclusive Gregory transfers, five decimal places with the
/// remainder ignored, the largest surplus first, no deferred surpluses, exclusion of the lowest candidate in one stage,
/// and the look-back tie-breaks, with a lot entered by the returning officer as the last resort.
/// <list type="bullet">
/// <item>r.46: the quota is floor(valid papers ÷ (seats + 1)) + 1, a whole number, never recalculated.</item>
/// <item>r.47: a candidate whose votes equal or exceed the quota is elected. Candidates elected at the same stage are
/// listed most votes first, then in ballot order.</item>
/// <item>r.48: a surplus moves every paper the candidate holds (inclusive), each at surplus × its value ÷ the
/// candidate's total votes, truncated to five places; the value lost to truncation is kept as the residual and papers
/// with no further preference as non-transferable. A candidate with exactly the quota has no surplus to transfer.</item>
/// <item>r.49: the largest surplus goes first; equal surpluses go by the votes at the most recent earlier stage where
/// they differed, most first; equal at every stage, by lot.</item>
/// <item>r.50–51: the candidate with fewest votes is excluded and all their papers move at their current values;
/// equal lowest go by the most recent earlier stage where they differed, fewest excluded; equal at every stage, by
/// lot. With three or more tied, a stage where only some differ narrows the tie to those with fewest (most, for
/// surpluses) before looking further back.</item>
/// <item>r.52: when the continuing candidates no longer outnumber the vacancies they are all elected and nothing more
/// is transferred, even a surplus still pending.</item>
/// </list>
/// A paper that gives one preference number to two or more candidates cannot be transferred past that number (it
/// becomes non-transferable there); if the shared number is the first preference the paper is rejected. Withdrawn
/// candidates are passed over as if they were not on the paper.
/// </summary>
public static class ScottishStvCount
{
    /// <summary>r.46: the whole number of votes that secures election.</summary>
    public static Fixed5 QuotaFor(long validPapers, int seats)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(validPapers);
        ArgumentOutOfRangeException.ThrowIfLessThan(seats, 1);
        return Fixed5.FromWhole((validPapers / (seats + 1)) + 1);
    }

    /// <summary>
    /// Counts the contest. Ties that the earlier stages cannot break are settled by <paramref name="lots"/>; when a tie
    /// needs a lot that is not supplied, the result has <see cref="CountOutcome.LotRequired"/> and says which candidates
    /// are tied at which stage. The same contest and lots always give the same result, whatever the order of the
    /// ballots.
    /// </summary>
    public static CountResult Count(Contest contest, IReadOnlyList<TieLot>? lots = null)
    {
        ArgumentNullException.ThrowIfNull(contest);
        return new ScottishStvCounter(contest, lots ?? []).Run();
    }
}
