using CoopRegister.Domain;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;

namespace CoopRegister.Features.Members;

/// <summary>How the register list is ordered. Each order is an index scan, so the first page is fast over a million members.</summary>
public enum MemberSort
{
    Number,
    Name,
    Postcode,
    DateEntered,
}

/// <summary>
/// A page of the register: an optional search (a member number, an e-mail address, a postcode or a name, each found
/// by prefix), and an optional "as at" date on which the register is computed from the ledger.
/// </summary>
public sealed record MemberQuery(string? Search = null, MemberSort Sort = MemberSort.Number, bool Descending = false, int Skip = 0, int Take = 50,
    DateOnly? AsAt = null, bool CurrentOnly = false);

public sealed record MemberRow(long Id, long MemberNumber, string Name, MemberKind Kind, string Postcode, string? Email, long Shares, Money AmountPaid,
    DateOnly DateEntered, DateOnly? DateCeased);

public sealed record MemberPage(IReadOnlyList<MemberRow> Rows, int Total, string SearchedBy);

public sealed record HoldingView(int ShareClassId, string ShareClassName, long Shares, Money NominalValue, Money Value, Money AmountPaid);

public sealed record LedgerRow(long Id, DateOnly EffectiveDate, LedgerEntryKind Kind, string ShareClassName, long Shares, Money AmountPaid, long Balance,
    string? Reference, string? Note, long? ReversesEntryId, bool Reversed, DateTime RecordedAt, string RecordedBy);

public sealed record ApplicationSummary(long Id, string Reference, long Shares, Money Amount, Money Paid, ApplicationStatus Status, DateTime SubmittedAt);

public sealed record AuditRow(long Id, DateTime At, string Actor, string Action, string Summary, string? Before, string? After);

/// <summary>Whether the member can sign in: no login, invited (not yet accepted), or active.</summary>
public enum LoginState
{
    None,
    Invited,
    Active,
}

/// <summary>Everything the registrar's member page shows.</summary>
public sealed record MemberDetailsView(
    long Id,
    long MemberNumber,
    PersonDetails Details,
    bool MarketingConsent,
    DateTime? MarketingConsentChangedAt,
    DateOnly DateEntered,
    DateOnly? DateCeased,
    string? CeasedReason,
    long Version,
    IReadOnlyList<HoldingView> Holdings,
    IReadOnlyList<LedgerRow> Ledger,
    IReadOnlyList<ApplicationSummary> Applications,
    IReadOnlyList<AuditRow> Audit,
    LoginState Login);

/// <summary>A cached holding that does not equal the sum of its ledger entries.</summary>
public sealed record HoldingDiscrepancy(long MemberId, long MemberNumber, int ShareClassId, long CachedShares, long LedgerShares, long CachedPaidPence, long LedgerPaidPence);
