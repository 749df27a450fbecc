namespace CoopRegister.Domain.Voting.Counting;

/// <summary>How a tie was broken, so that the report can say so and a recount can show it broke the same way.</summary>
public enum TieResolution
{
    /// <summary>By the votes at the most recent earlier stage where the tied candidates differed (r.49(2), r.51(2)(a)).</summary>
    PriorStage,

    /// <summary>By a lot the returning officer drew and entered (r.49(3), r.51(2)(b)).</summary>
    Lot,
}
