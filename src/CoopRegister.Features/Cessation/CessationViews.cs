using CoopRegister.Domain;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CsvHelper;

namespace CoopRegister.Features.Cessation;

/// <summary>The registrar's form to end a membership (domain rule 34): resignation, expulsion, falling below the minimum, other.</summary>
public sealed class CessationForm
{
    public CessationKind Kind { get; set; } = CessationKind.Resignation;
    public DateOnly On { get; set; }
    public string Reason { get; set; } = "";

    /// <summary>An expulsion is the board's decision: the minute that records it.</summary>
    public string? MinutesReference { get; set; }
}

public sealed record ContactFailureRow(long Id, DateOnly On, ContactFailureKind Kind, string? Note, DateTime RecordedAt, string RecordedBy);

public sealed record MemberDebtRow(long Id, Money Amount, DateOnly ArisenOn, string Reason, DateOnly? PaidOn, string? PaymentReference);

/// <summary>What the member's record shows about contact and money owed to a former member.</summary>
public sealed record ContactView(long MemberId, DateOnly? LastContactOn, DateOnly? DateCeased, IReadOnlyList<ContactFailureRow> Failures, IReadOnlyList<MemberDebtRow> Debts);

/// <summary>A member the society has not heard from for the period the settings give (domain rule 35).</summary>
public sealed record GoneAwayRow(
    long MemberId,
    long MemberNumber,
    string Name,
    string Postcode,
    DateOnly LastContactOn,
    int ReturnedMail,
    int BouncedEmail,
    DateOnly? LastFailureOn,
    long Shares,
    Money Value,
    Money Forfeited,
    Money ToDebt);

public sealed record GoneAwayList(int Years, DateOnly NoContactSince, IReadOnlyList<GoneAwayRow> Rows);

/// <summary>A share class and what its rules do with the shares of a member ceased after lost contact.</summary>
/// <param name="Effective">What a cessation applies: the choice, except that shares that cannot be withdrawn are always forfeited.</param>
public sealed record LostContactRule(int ShareClassId, string Name, bool Withdrawable, LostContactTreatment Choice, LostContactTreatment Effective);

/// <summary>The board's resolution to cease members it has lost contact with: which, when, and the minute.</summary>
public sealed record BulkCessationRequest(IReadOnlyList<long> MemberIds, DateOnly On, string MinutesReference);

public sealed record BulkCessationResult(int Ceased, Money Forfeited, Money ConvertedToDebt);

/// <summary>The gone-away list as a CSV file (UTF-8 with BOM, ISO dates, formula-safe: the export conventions).</summary>
[CsvRecord]
public sealed partial class GoneAwayCsvRow
{
    [CsvColumn("Member number")] public long MemberNumber { get; set; }
    [CsvColumn("Name")] public string Name { get; set; } = "";
    [CsvColumn("Postcode")] public string Postcode { get; set; } = "";
    [CsvColumn("Last contact")] public DateOnly LastContactOn { get; set; }
    [CsvColumn("Returned mail")] public int ReturnedMail { get; set; }
    [CsvColumn("Bounced e-mail")] public int BouncedEmail { get; set; }
    [CsvColumn("Last failure")] public DateOnly? LastFailureOn { get; set; }
    [CsvColumn("Shares held")] public long Shares { get; set; }
    [CsvColumn("Amount paid (£)")] public decimal ValuePounds { get; set; }
    [CsvColumn("Forfeited on cessation (£)")] public decimal ForfeitedPounds { get; set; }
    [CsvColumn("Debt on cessation (£)")] public decimal ToDebtPounds { get; set; }
}

public static class ContactFailureKinds
{
    public static string Describe(this ContactFailureKind kind) => kind == ContactFailureKind.ReturnedMail ? "Returned mail" : "Bounced e-mail";

    /// <summary>
    /// The rules' choice for a class, as applied to a holding: shares that are not withdrawable cannot be repaid, so
    /// they are cancelled to reserves whatever the class says (domain rule 35; CSH 2.2.5).
    /// </summary>
    public static LostContactTreatment Effective(ShareClass shareClass) =>
        shareClass is null ? LostContactTreatment.Forfeit : shareClass.Withdrawable ? shareClass.OnLostContact : LostContactTreatment.Forfeit;
}
