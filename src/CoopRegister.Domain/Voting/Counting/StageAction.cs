namespace CoopRegister.Domain.Voting.Counting;

/// <summary>What happened at a stage of the count; a stage is one sorting of papers, as the rules number them.</summary>
public enum StageAction
{
    /// <summary>SSI 2007/42 Sch.1 r.45: papers sorted by first preference.</summary>
    FirstPreferences,

    /// <summary>r.48: every paper of one elected candidate moved on at its transfer value.</summary>
    SurplusTransfer,

    /// <summary>r.50: every paper of the excluded candidate moved on at its current value, in one stage.</summary>
    Exclusion,

    /// <summary>A plurality count: one tally of marks, no transfers.</summary>
    Tally,
}
