namespace CoopRegister.Domain.Voting.Counting;

/// <summary>The decision a tie blocks. Each names the rule that says how it is broken.</summary>
public enum TieKind
{
    /// <summary>Equal surpluses: whose is transferred first (SSI 2007/42 Sch.1 r.49(2)–(3)).</summary>
    SurplusOrder,

    /// <summary>Equal lowest votes: who is excluded (r.51).</summary>
    Exclusion,

    /// <summary>Plurality: equal votes straddling the last seat; the lot elects the candidate it falls on.</summary>
    LastSeat,
}
