using CoopRegister.Domain;
using CoopRegister.Domain.Estates;

namespace CoopRegister.Features.Estates;

/// <summary>One entry of the nominations book, current or revoked (Act s.37: every variation and revocation is kept).</summary>
public sealed record NominationRow(
    long Id,
    string NomineeName,
    string NomineeAddress,
    string? Relationship,
    int ShareBasisPoints,
    bool NomineeIsOfficerOrEmployee,
    DateOnly SignedOn,
    DateOnly ReceivedOn,
    DateOnly? RevokedOn,
    string? RevokedReason,
    long? ReplacedById,
    DateTime RecordedAt,
    string RecordedBy)
{
    public bool IsCurrent => RevokedOn is null;

    /// <summary>Act s.37: an officer or employee may be nominated only if a close relative; shown as a warning.</summary>
    public bool NeedsRelationshipWarning => NomineeIsOfficerOrEmployee && !Nomination.IsCloseRelative(Relationship);

    public string SharePercent => (ShareBasisPoints / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " %";
}

/// <summary>A member's nominations book with the statutory limit it is good for.</summary>
/// <param name="Limit">Act s.37: a nomination is good only up to £5,000 at death.</param>
/// <param name="HoldingValue">What the member holds now (amount paid), to compare with the limit.</param>
public sealed record NominationsView(long MemberId, long MemberNumber, string MemberName, IReadOnlyList<NominationRow> Entries, Money Limit, Money HoldingValue)
{
    public IEnumerable<NominationRow> Current => Entries.Where(e => e.IsCurrent);

    public int CurrentBasisPoints => Current.Sum(e => e.ShareBasisPoints);

    public bool AboveLimit => HoldingValue > Limit;
}

/// <summary>What the registrar types to record or vary a nomination.</summary>
public sealed class NominationForm
{
    public string NomineeName { get; set; } = "";
    public string NomineeAddress { get; set; } = "";
    public string? Relationship { get; set; }

    /// <summary>The nominee's share of the property as a percentage ("100", "33.33").</summary>
    public string SharePercent { get; set; } = "100";

    public bool NomineeIsOfficerOrEmployee { get; set; }
    public DateOnly SignedOn { get; set; }
    public DateOnly ReceivedOn { get; set; }
}

/// <summary>The registrar's case file for a member's death, with the figures the checklist needs.</summary>
public sealed record DeathCaseView(
    long Id,
    long MemberId,
    DateOnly DateOfDeath,
    DateOnly NotifiedOn,
    string NotifiedBy,
    string? EvidenceSeen,
    bool? NominationFound,
    EstateRoute Route,
    Money? Settled,
    DateOnly? SettledOn,
    string? SettledTo,
    long? TransmittedToMemberNumber,
    Money HoldingValue,
    long HoldingShares,
    IReadOnlyList<NominationRow> NomineesAtDeath)
{
    public bool IsOpen => SettledOn is null;

    /// <summary>Act s.37 and s.40: paying nominees or without probate is possible only up to £5,000.</summary>
    public bool WithinPayoutLimit => HoldingValue <= Domain.Society.StatutoryLimits.DeathPayoutWithoutProbate;
}

/// <summary>How the registrar settles the holding of a member who died.</summary>
public sealed class SettlementForm
{
    public EstateRoute Route { get; set; } = EstateRoute.Undecided;
    public DateOnly On { get; set; }

    /// <summary>Who received it: nominees' names are filled in by the service for a payment to nominees.</summary>
    public string PaidTo { get; set; } = "";

    /// <summary>For a transfer to a beneficiary who is a member: that member's number.</summary>
    public long? BeneficiaryMemberNumber { get; set; }

    public string? Reference { get; set; }
}

public static class EstateRoutes
{
    public static string Describe(this EstateRoute route) => route switch
    {
        EstateRoute.PaidToNominees => "Paid to the nominee(s) (Act s.37)",
        EstateRoute.PaidWithoutProbate => "Paid without probate (Act s.40)",
        EstateRoute.PaidToEstate => "Paid to the personal representatives (probate or letters of administration)",
        EstateRoute.TransmittedToMember => "Transferred to a beneficiary who is a member",
        _ => "Not decided",
    };
}
