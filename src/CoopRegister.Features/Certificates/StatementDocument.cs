namespace CoopRegister.Features.Certificates;

/// <summary>
/// One member's annual statement (domain rule 63: shares, movements and interest for the society's year; rule 36:
/// a society that issues no certificates tells members what they hold this way). Plain values: the ledger that
/// produces them is elsewhere. The closing holding is not supplied but computed from the opening holding and the
/// movements, so a statement can never show totals that disagree with its own lines.
/// </summary>
public sealed record StatementDocument
{
    /// <summary>Act s.10: the registered name appears on the society's documents.</summary>
    public required string SocietyRegisteredName { get; init; }

    public required string RegistrationNumber { get; init; }

    /// <summary>The registered office, one address line per line.</summary>
    public required string RegisteredOffice { get; init; }

    public required string MemberName { get; init; }

    public required string MemberNumber { get; init; }

    /// <summary>The member's postal address, one line per line, for a window envelope; empty to leave it out.</summary>
    public string MemberAddress { get; init; } = "";

    /// <summary>First day of the society's financial year.</summary>
    public required DateOnly YearStart { get; init; }

    /// <summary>Last day of the society's financial year.</summary>
    public required DateOnly YearEnd { get; init; }

    /// <summary>The day the statement is made; also its PDF creation date.</summary>
    public required DateOnly StatementDate { get; init; }

    /// <summary>Shares held at the start of <see cref="YearStart"/>.</summary>
    public required long OpeningShares { get; init; }

    /// <summary>Their value in pence (count × nominal: shares stay at par, rule 13).</summary>
    public required long OpeningValuePence { get; init; }

    /// <summary>Purchases, withdrawals, transfers and the like within the year, in any order (printed by date).</summary>
    public IReadOnlyList<StatementMovement> Movements { get; init; } = [];

    /// <summary>Interest paid or credited in the year (rules 26–28); empty when the society paid none.</summary>
    public IReadOnlyList<StatementInterest> Interest { get; init; } = [];

    public long ClosingShares => OpeningShares + Movements.Sum(m => m.Shares);

    public long ClosingValuePence => OpeningValuePence + Movements.Sum(m => m.AmountPence);
}

/// <summary>A dated change to the holding: positive for shares acquired, negative for shares withdrawn or transferred out.</summary>
/// <param name="Date">The day it was entered in the register.</param>
/// <param name="Description">What happened, in the register's words ("Purchase", "Withdrawal", "Interest capitalised").</param>
/// <param name="Shares">Shares added (positive) or removed (negative).</param>
/// <param name="AmountPence">The value added or removed, in pence.</param>
public sealed record StatementMovement(DateOnly Date, string Description, long Shares, long AmountPence);

/// <summary>
/// Interest on shares. Rule 28: it is paid gross, except that tax is deducted for members resident outside the UK,
/// so both the gross amount and any tax deducted are shown.
/// </summary>
/// <param name="Date">When it was paid or credited.</param>
/// <param name="Description">For example "Interest at 2% for 2025–26".</param>
/// <param name="GrossPence">Interest before tax, in pence.</param>
/// <param name="TaxDeductedPence">Tax withheld, in pence (0 for UK residents).</param>
public sealed record StatementInterest(DateOnly Date, string Description, long GrossPence, long TaxDeductedPence = 0)
{
    public long NetPence => GrossPence - TaxDeductedPence;
}
