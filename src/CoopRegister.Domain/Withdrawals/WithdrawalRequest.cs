using System.Globalization;

namespace CoopRegister.Domain.Withdrawals;

/// <summary>Where a withdrawal stands. The board decides; the society never pays out automatically (domain rule 23).</summary>
public enum WithdrawalStatus
{
    /// <summary>Notice given; the notice period runs and the board has not decided.</summary>
    Pending,

    /// <summary>The board approved payment; waiting to be paid.</summary>
    Approved,

    /// <summary>The board put it off (for example to a later budget period); it stays in the queue.</summary>
    Deferred,

    /// <summary>The board refused it, using its discretion under the rules (domain rule 22).</summary>
    Refused,

    /// <summary>Paid: the shares have left the holding.</summary>
    Paid,

    /// <summary>Withdrawn by the member before payment, or closed by the registrar.</summary>
    Cancelled,
}

/// <summary>How the request came in.</summary>
public enum NoticeSource
{
    Portal,
    WrittenNotice,
}

/// <summary>
/// A member's notice to withdraw shares (domain rules 21–25): the notice date, the earliest payout date the society's
/// notice period gives, the board's dated decisions with their minutes references, and the payment. A withdrawal is
/// paid once (a concurrency token on the request) and can never take a holding below zero.
/// </summary>
public sealed class WithdrawalRequest
{
    public const int TextMax = 300;

    private readonly List<WithdrawalStep> _steps = [];

    private WithdrawalRequest()
    {
    }

    public long Id { get; private set; }
    public long MemberId { get; private set; }
    public int ShareClassId { get; private set; }
    public long Shares { get; private set; }
    public NoticeSource Source { get; private set; }
    public DateOnly NoticeGivenOn { get; private set; }
    public DateOnly EarliestPayoutOn { get; private set; }
    public WithdrawalStatus Status { get; private set; }
    public string? DecisionMinutes { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    public DateOnly? PaidOn { get; private set; }
    public long? PaidPence { get; private set; }
    public string? PaymentMethod { get; private set; }
    public string? PaymentReference { get; private set; }
    public long? LedgerEntryId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public IReadOnlyList<WithdrawalStep> Steps => _steps;

    public bool IsOpen => Status is WithdrawalStatus.Pending or WithdrawalStatus.Approved or WithdrawalStatus.Deferred;

    /// <summary>
    /// A notice to withdraw. Refused for a member under 16 (who cannot give a valid receipt: domain rules 9 and 25), for
    /// more shares than the holding less what other open notices already claim, and for a class that is not withdrawable.
    /// </summary>
    public static WithdrawalRequest Give(long memberId, int shareClassId, bool classWithdrawable, long shares, long holding, long alreadyClaimed,
        int? memberAge, int noticeDays, NoticeSource source, DateOnly noticeGivenOn, DateOnly today, DateTime nowUtc, string by)
    {
        var errors = new List<RuleViolation>();
        if (!classWithdrawable)
        {
            errors.Add(new("ShareClass", "These shares are not withdrawable under the society's rules."));
        }

        if (memberAge is < 16)
        {
            errors.Add(new(null, $"A member under 16 cannot withdraw shares: they cannot give a valid receipt (the member is {memberAge})."));
        }

        if (shares <= 0)
        {
            errors.Add(new("Shares", "Give the number of shares to withdraw: at least 1."));
        }
        else if (shares > holding - alreadyClaimed)
        {
            errors.Add(new("Shares", $"The holding is {Count(holding)}{(alreadyClaimed > 0 ? $", of which {Count(alreadyClaimed)} are already under notice" : "")}; at most {Count(Math.Max(0, holding - alreadyClaimed))} can be withdrawn."));
        }

        if (noticeGivenOn > today)
        {
            errors.Add(new("NoticeGivenOn", $"The notice date ({noticeGivenOn:yyyy-MM-dd}) is in the future."));
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        var request = new WithdrawalRequest
        {
            MemberId = memberId,
            ShareClassId = shareClassId,
            Shares = shares,
            Source = source,
            NoticeGivenOn = noticeGivenOn,
            EarliestPayoutOn = noticeGivenOn.AddDays(noticeDays),
            Status = WithdrawalStatus.Pending,
            CreatedAt = nowUtc,
        };
        request._steps.Add(WithdrawalStep.Create(nowUtc, by,
            $"Notice to withdraw {Count(shares)} given on {noticeGivenOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} ({(source == NoticeSource.Portal ? "online" : "in writing")}); earliest payment {request.EarliestPayoutOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}."));
        return request;
    }

    /// <summary>The board's decision, with the minutes that record it.</summary>
    public void Decide(WithdrawalStatus decision, DateOnly on, string minutesReference, string? note, DateTime nowUtc, string by)
    {
        if (decision is not (WithdrawalStatus.Approved or WithdrawalStatus.Deferred or WithdrawalStatus.Refused))
        {
            throw new DomainException("Decision", "The board approves, defers or refuses.");
        }

        RequireOpen("decide on it");
        if (string.IsNullOrWhiteSpace(minutesReference) || minutesReference.Length > 100)
        {
            throw new DomainException("Minutes", "Give the reference of the board minutes that record the decision (at most 100 characters).");
        }

        if (on < NoticeGivenOn)
        {
            throw new DomainException("DecidedOn", $"The decision ({on:yyyy-MM-dd}) cannot come before the notice ({NoticeGivenOn:yyyy-MM-dd}).");
        }

        Status = decision;
        DecidedOn = on;
        DecisionMinutes = minutesReference.Trim();
        _steps.Add(WithdrawalStep.Create(nowUtc, by,
            $"Board decision on {on.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}: {decision.ToString().ToLowerInvariant()} (minutes {DecisionMinutes}){(string.IsNullOrWhiteSpace(note) ? "" : ": " + Trim(note))}."));
    }

    /// <summary>Records the payment. Only an approved request, on or after the earliest payout date, and once.</summary>
    public void Pay(DateOnly paidOn, long amountPence, string method, string? reference, long nominalPence, DateOnly today, DateTime nowUtc, string by)
    {
        if (Status == WithdrawalStatus.Paid)
        {
            throw new DomainException($"This withdrawal was already paid on {PaidOn:yyyy-MM-dd}.");
        }

        if (Status != WithdrawalStatus.Approved)
        {
            throw new DomainException($"Only a withdrawal the board has approved can be paid; this one is {Status.ToString().ToLowerInvariant()}.");
        }

        var errors = new List<RuleViolation>();
        if (paidOn < EarliestPayoutOn)
        {
            errors.Add(new("PaidOn", $"The notice period runs to {EarliestPayoutOn:yyyy-MM-dd}; the payment cannot be dated {paidOn:yyyy-MM-dd}."));
        }

        if (paidOn > today)
        {
            errors.Add(new("PaidOn", $"The payment date ({paidOn:yyyy-MM-dd}) is in the future."));
        }

        var full = checked(Shares * nominalPence);
        if (amountPence <= 0 || amountPence > full)
        {
            errors.Add(new("Amount", $"The amount paid must be more than £0.00 and at most the shares' nominal value, {new Money(full).Format()} (shares are repaid at par at most)."));
        }

        if (string.IsNullOrWhiteSpace(method) || method.Length > 40)
        {
            errors.Add(new("Method", "Say how it was paid (at most 40 characters)."));
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        Status = WithdrawalStatus.Paid;
        PaidOn = paidOn;
        PaidPence = amountPence;
        PaymentMethod = method.Trim();
        PaymentReference = string.IsNullOrWhiteSpace(reference) ? null : Trim(reference);
        _steps.Add(WithdrawalStep.Create(nowUtc, by, $"Paid {new Money(amountPence).Format()} on {paidOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} by {PaymentMethod.ToLowerInvariant()}."));
    }

    public void RecordLedgerEntry(long entryId) => LedgerEntryId = entryId;

    public void Cancel(string reason, DateTime nowUtc, string by)
    {
        RequireOpen("cancel it");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Reason", "Give a reason for cancelling.");
        }

        Status = WithdrawalStatus.Cancelled;
        _steps.Add(WithdrawalStep.Create(nowUtc, by, $"Cancelled: {Trim(reason)}."));
    }

    private void RequireOpen(string what)
    {
        if (!IsOpen)
        {
            throw new DomainException($"This withdrawal is {Status.ToString().ToLowerInvariant()}: it is no longer possible to {what}.");
        }
    }

    private static string Trim(string s) => s.Trim().Length <= TextMax ? s.Trim() : s.Trim()[..TextMax];

    internal static string Count(long n) => n == 1 ? "1 share" : $"{n.ToString("#,##0", CultureInfo.InvariantCulture)} shares";
}

/// <summary>One dated step of a withdrawal, shown to the member and the registrar.</summary>
public sealed class WithdrawalStep
{
    private WithdrawalStep()
    {
    }

    public long Id { get; private set; }
    public long WithdrawalRequestId { get; private set; }
    public DateTime At { get; private set; }
    public string By { get; private set; } = "";
    public string What { get; private set; } = "";

    internal static WithdrawalStep Create(DateTime at, string by, string what) =>
        new() { At = at, By = by.Length <= 256 ? by : by[..256], What = what.Length <= 400 ? what : what[..400] };
}
