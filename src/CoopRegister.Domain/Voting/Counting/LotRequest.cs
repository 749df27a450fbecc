namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// Why a count stopped: at <see cref="Stage"/> the <see cref="Tied"/> candidates are tied for <see cref="Kind"/> with
/// <see cref="Votes"/> each and had equal votes at every earlier stage, so the rules leave it to a lot (SSI 2007/42
/// Sch.1 r.49(3), r.51(2)(b)). The returning officer draws, enters the result with <see cref="Draw"/>, and runs the
/// count again.
/// </summary>
public sealed record LotRequest(int Stage, TieKind Kind, IReadOnlyList<int> Tied, Fixed5 Votes)
{
    /// <summary>The lot as drawn: it fell on <paramref name="candidate"/>.</summary>
    public TieLot Draw(int candidate) => new(Stage, Kind, Tied, candidate);
}
