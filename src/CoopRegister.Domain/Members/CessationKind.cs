namespace CoopRegister.Domain.Members;

/// <summary>Why a membership ended (domain rules 31 and 34).</summary>
public enum CessationKind
{
    /// <summary>Resigned in writing.</summary>
    Resignation,

    /// <summary>Expelled by the board under the rules.</summary>
    Expulsion,

    /// <summary>Fell below the minimum holding (withdrew every share, for example).</summary>
    BelowMinimum,

    /// <summary>Died; the membership ends on the date of death.</summary>
    Death,

    /// <summary>Ceased by board resolution after contact was lost for the period the rules set.</summary>
    LostContact,

    /// <summary>Any other ground the rules give (a body wound up or merged, for example).</summary>
    Other,
}

public static class CessationKinds
{
    public static string Describe(this CessationKind kind) => kind switch
    {
        CessationKind.Resignation => "Resigned",
        CessationKind.Expulsion => "Expelled",
        CessationKind.BelowMinimum => "Fell below the minimum holding",
        CessationKind.Death => "Died",
        CessationKind.LostContact => "Lost contact",
        _ => "Other",
    };
}
