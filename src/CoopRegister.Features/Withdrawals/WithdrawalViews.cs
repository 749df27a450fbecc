using CoopRegister.Domain;
using CoopRegister.Domain.Withdrawals;

namespace CoopRegister.Features.Withdrawals;

/// <summary>One dated step of a withdrawal, as the member and the registrar see it.</summary>
public sealed record WithdrawalStepView(DateTime At, string By, string What);

/// <summary>A withdrawal request with everything a page shows about it. <see cref="Version"/> goes back with any change.</summary>
public sealed record WithdrawalView(
    long Id,
    long MemberId,
    long MemberNumber,
    string MemberName,
    int ShareClassId,
    string ShareClassName,
    long Shares,
    Money Value,
    NoticeSource Source,
    DateOnly NoticeGivenOn,
    DateOnly EarliestPayoutOn,
    WithdrawalStatus Status,
    string? DecisionMinutes,
    DateOnly? DecidedOn,
    DateOnly? PaidOn,
    Money? Paid,
    string? PaymentMethod,
    string? PaymentReference,
    long Version,
    IReadOnlyList<WithdrawalStepView> Steps)
{
    public bool IsOpen => Status is WithdrawalStatus.Pending or WithdrawalStatus.Approved or WithdrawalStatus.Deferred;
}

/// <summary>A board suspension of withdrawals (domain rule 22), as shown to members and registrars.</summary>
public sealed record SuspensionView(long Id, DateOnly From, DateOnly? To, string Reason, string Minutes, long Version)
{
    public bool CoversDate(DateOnly date) => From <= date && (To is null || date <= To);
}

/// <summary>A withdrawal budget the board set for a period (domain rule 23).</summary>
public sealed record BudgetView(long Id, DateOnly PeriodStart, DateOnly PeriodEnd, Money Amount, string Minutes);

/// <summary>
/// A line of the registrar's queue: the request, and the running total of what the period's budget has to meet if this
/// and every earlier request in the queue were paid (starting from what has already been paid in the period).
/// </summary>
public sealed record QueueLine(WithdrawalView Request, Money RunningTotal, bool OverBudget, bool Due);

/// <summary>
/// The registrar's queue (ordered by notice date), the budget for the period that contains today with what has been
/// paid and approved against it, the suspension in force (if any), and recently closed requests.
/// </summary>
public sealed record WithdrawalQueue(
    IReadOnlyList<QueueLine> Lines,
    BudgetView? Budget,
    Money PaidInPeriod,
    Money ApprovedUnpaid,
    SuspensionView? Suspension,
    IReadOnlyList<WithdrawalView> RecentlyClosed,
    IReadOnlyList<ShareClassChoice> WithdrawableClasses,
    DateOnly Today);

/// <summary>A class of shares a written notice may name.</summary>
public sealed record ShareClassChoice(int Id, string Name);

/// <summary>A holding the member could give notice on: what they hold, what is already under notice, what is left.</summary>
public sealed record WithdrawableHolding(int ShareClassId, string ShareClassName, Money NominalValue, long Shares, long UnderNotice, bool Withdrawable,
    bool ConfersMembership, int MinimumHoldingShares)
{
    public long Available => Math.Max(0, Shares - UnderNotice);
}

/// <summary>
/// The member's withdrawals page: their holdings, notice period, any suspension in force, their notices, and when they
/// cannot give notice (ceased, under 16, holding frozen) the reason. <see cref="FinalStatementYear"/> is set once a
/// withdrawal ended the membership: the statement for that financial year is the final statement.
/// </summary>
public sealed record MyWithdrawals(
    long MemberNumber,
    IReadOnlyList<WithdrawableHolding> Holdings,
    int NoticeDays,
    SuspensionView? Suspension,
    IReadOnlyList<WithdrawalView> Notices,
    string? CannotGiveNotice,
    DateOnly? CeasedOn,
    int? FinalStatementYear,
    DateOnly Today);

/// <summary>What giving notice produced: the request, its earliest payment date, and the suspension the member is told about.</summary>
public sealed record NoticeGiven(long Id, long Shares, DateOnly EarliestPayoutOn, SuspensionView? Suspension, bool EndsMembership);

/// <summary>A request named with the version the page showed, so that a change made meanwhile is noticed.</summary>
public sealed record WithdrawalRef(long Id, long Version);

/// <summary>What a recorded payment did to the register.</summary>
public sealed record WithdrawalPaid(long LedgerEntryId, long SharesLeft, long? BalanceCertificateNumber, DateOnly? MemberCeasedOn, int? FinalStatementYear);

/// <summary>The settings page for withdrawals: the notice period (a society setting), suspensions and budgets.</summary>
public sealed record WithdrawalSettingsView(int NoticeDays, long SocietyVersion, IReadOnlyList<SuspensionView> Suspensions, IReadOnlyList<BudgetView> Budgets, DateOnly Today);
