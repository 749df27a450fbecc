namespace CoopRegister.Domain.Voting.Counting;

/// <summary>The counting rules a result was reached under; stored with the result so a recount uses the same ones.</summary>
public enum CountMethod
{
    /// <summary>SSI 2007/42 Sch.1 rr.45–52: weighted inclusive Gregory, five decimal places.</summary>
    ScottishStv,

    /// <summary>Plurality-at-large: vote for up to N, the N with most votes win.</summary>
    Plurality,
}
