namespace CoopRegister.Domain.Society;

/// <summary>Figures the Act fixes, which no setting may exceed.</summary>
public static class StatutoryLimits
{
    /// <summary>
    /// Act s.24: an individual may hold at most £100,000 of withdrawable share capital (raised from £20,000 in 2014).
    /// It does not apply to a member that is itself a registered society, nor to transferable shares (domain rule 14).
    /// </summary>
    public static readonly Money WithdrawableCapGreatBritain = Money.FromPounds(100_000);

    /// <summary>Northern Ireland keeps £20,000 (domain rule 14).</summary>
    public static readonly Money WithdrawableCapNorthernIreland = Money.FromPounds(20_000);

    /// <summary>Act s.37 and s.40: a nomination, or a payment on death without probate, is good only up to £5,000.</summary>
    public static readonly Money DeathPayoutWithoutProbate = Money.FromPounds(5_000);

    /// <summary>Act s.2: a society needs at least three members (two if both are registered societies).</summary>
    public const int MinimumMembers = 3;

    /// <summary>A person under 16 may not be an officer and cannot give a valid receipt, so cannot withdraw (domain rule 9).</summary>
    public const int MinimumAgeForOfficersAndWithdrawal = 16;

    public static Money WithdrawableCap(Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.NorthernIreland => WithdrawableCapNorthernIreland,
        _ => WithdrawableCapGreatBritain,
    };

    public static string WithdrawableCapCitation(Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.NorthernIreland => "the Northern Ireland Act's cap",
        _ => "Act s.24",
    };
}
