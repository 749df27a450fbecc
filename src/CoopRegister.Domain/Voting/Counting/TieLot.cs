namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// A lot the returning officer drew to break a tie, entered as data (SSI 2007/42 Sch.1 r.49(3), r.51(2)(b)). The
/// count never draws a lot itself: it stops with a <see cref="LotRequest"/>, the returning officer draws, and the count
/// is run again with the lot, which is stored with the result so that every recount replays it.
/// <para>
/// A lot answers one tie only: the one at <see cref="Stage"/>, of <see cref="Kind"/>, between exactly the
/// <see cref="Tied"/> candidates. <see cref="Drawn"/> is the candidate the lot fell on, and the kind says what that
/// means: for <see cref="TieKind.Exclusion"/> that candidate is excluded; for <see cref="TieKind.SurplusOrder"/> that
/// candidate's surplus is transferred first; for <see cref="TieKind.LastSeat"/> that candidate is elected. A lot that
/// no longer matches (the ballots changed) is not applied and is reported as unused.
/// </para>
/// </summary>
public sealed record TieLot
{
    public TieLot(int stage, TieKind kind, IReadOnlyList<int> tied, int drawn)
    {
        ArgumentNullException.ThrowIfNull(tied);
        ArgumentOutOfRangeException.ThrowIfLessThan(stage, 1);
        if (tied.Count < 2 || tied.Distinct().Count() != tied.Count)
        {
            throw new ArgumentException("A lot breaks a tie between two or more different candidates.", nameof(tied));
        }

        if (!tied.Contains(drawn))
        {
            throw new ArgumentException("The candidate drawn must be one of the tied candidates.", nameof(drawn));
        }

        Stage = stage;
        Kind = kind;
        Tied = tied.Order().ToArray();
        Drawn = drawn;
    }

    public int Stage { get; }

    public TieKind Kind { get; }

    /// <summary>The tied candidates' indices, in ascending order.</summary>
    public IReadOnlyList<int> Tied { get; }

    public int Drawn { get; }

    internal bool Answers(int stage, TieKind kind, IReadOnlyList<int> tiedAscending) =>
        Stage == stage && Kind == kind && Tied.SequenceEqual(tiedAscending);
}
