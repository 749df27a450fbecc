namespace CoopRegister.Domain.Society;

/// <summary>How the society's rules state the quorum of a general meeting (domain rule 41).</summary>
public enum QuorumKind
{
    /// <summary>A fixed number of members.</summary>
    FixedNumber,

    /// <summary>A percentage of the members entitled to vote.</summary>
    Percentage,

    /// <summary>The lesser of the fixed number and the percentage ("10 members or 10%, whichever is lower").</summary>
    LesserOf,

    /// <summary>The greater of the two.</summary>
    GreaterOf,
}
