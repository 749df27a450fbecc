using System.Globalization;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;

namespace CoopRegister.Domain.Applications;

/// <summary>
/// An application to buy shares, from a reader who wants to join or from a member topping up. Its life: submitted →
/// payment recorded (possibly in parts) → allotted by the committee, or refused / cancelled. Every step is dated and
/// named in <see cref="Events"/>, which the applicant sees through the link in their confirmation e-mail.
/// Allotment happens once: the status moves under a concurrency token, so two registrars cannot both allot it.
/// </summary>
public sealed class ShareApplication
{
    public const int ReferenceLength = 9;
    public const int ReasonMax = 300;
    public const int TokenHashLength = 64;

    private readonly List<ApplicationPayment> _payments = [];
    private readonly List<ApplicationEvent> _events = [];

    private ShareApplication()
    {
    }

    public long Id { get; private set; }

    /// <summary>The applicant's reference, also the bank-transfer payment reference, e.g. "SH-K7M2PQ".</summary>
    public string Reference { get; private set; } = "";

    /// <summary>SHA-256 of the secret in the applicant's status link; the secret itself is only ever in the e-mail.</summary>
    public string StatusTokenHash { get; private set; } = "";

    public PersonDetails Applicant { get; private set; } = new();
    public bool MarketingConsent { get; private set; }
    public int ShareClassId { get; private set; }
    public long SharesRequested { get; private set; }
    public long NominalValuePence { get; private set; }
    public long AmountPence { get; private set; }
    public PaymentMethod PaymentMethod { get; private set; }

    /// <summary>The monthly amount of a standing order; null for other methods.</summary>
    public long? InstalmentPence { get; private set; }

    public DateTime DeclarationsAcceptedAt { get; private set; }

    /// <summary>The member the shares go to: set for a top-up, or when the registrar matches the applicant to a member.</summary>
    public long? MemberId { get; private set; }

    public MatchDecision MatchDecision { get; private set; }
    public ApplicationStatus Status { get; private set; }
    public long PaidPence { get; private set; }
    public long AllottedShares { get; private set; }
    public DateOnly? LastAllotmentDate { get; private set; }
    public string? ClosedReason { get; private set; }
    public DateTime SubmittedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<ApplicationPayment> Payments => _payments;
    public IReadOnlyList<ApplicationEvent> Events => _events;

    public Money Amount => new(AmountPence);
    public Money Paid => new(PaidPence);
    public Money Outstanding => new(Math.Max(0, AmountPence - PaidPence));
    public long AllottedPence => checked(AllottedShares * NominalValuePence);
    public bool IsTopUp => MemberId is not null && MatchDecision != MatchDecision.NewMember;

    /// <summary>
    /// Shares that may be allotted now: all of them once the whole amount is paid, or, for a standing order, as many as
    /// the instalments received pay for in full.
    /// </summary>
    public long AllottableShares
    {
        get
        {
            if (!Status.IsOpen())
            {
                return 0;
            }

            var remaining = SharesRequested - AllottedShares;
            if (PaymentMethod != PaymentMethod.StandingOrder)
            {
                return PaidPence >= AmountPence ? remaining : 0;
            }

            return Math.Min(remaining, (PaidPence - AllottedPence) / NominalValuePence);
        }
    }

    /// <summary>A new application. Checks the applicant's details, the declarations and the holding rules.</summary>
    public static ShareApplication Submit(
        string reference,
        string statusTokenHash,
        PersonDetails applicant,
        bool marketingConsent,
        ShareClass shareClass,
        long shares,
        PaymentMethod method,
        long? instalmentPence,
        bool declarationsAccepted,
        Member? existingMember,
        long existingHolding,
        SocietyDetails society,
        DateOnly today,
        DateTime nowUtc,
        string by)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        ArgumentNullException.ThrowIfNull(shareClass);
        ArgumentNullException.ThrowIfNull(society);
        var details = existingMember?.Details ?? applicant.Normalised();
        var errors = new List<RuleViolation>();
        if (existingMember is null)
        {
            errors.AddRange(details.Validate(society, today));
        }
        else if (existingMember.DateCeased is not null)
        {
            errors.Add(new(null, $"Member {existingMember.MemberNumber} ceased on {existingMember.DateCeased:yyyy-MM-dd}; a former member applies afresh."));
        }

        if (!declarationsAccepted)
        {
            errors.Add(new("Declarations", "Please confirm the declarations: that you have read the society's rules and the facts you give are true."));
        }

        if (!shareClass.Active)
        {
            errors.Add(new("ShareClass", $"{shareClass.Name} are not on offer."));
        }

        if (shares > 100_000_000)
        {
            errors.Add(new("Shares", "The number of shares is too large."));
        }
        else
        {
            errors.AddRange(HoldingRules.CheckAddition(details.Kind, shareClass, society, existingHolding, shares, becomingMember: existingMember is null));
        }

        var amount = shares > 0 && shares <= 100_000_000 ? checked(shares * shareClass.NominalValuePence) : 0;
        if (method == PaymentMethod.StandingOrder)
        {
            if (instalmentPence is not { } inst || inst < shareClass.NominalValuePence)
            {
                errors.Add(new("Instalment", $"A monthly standing order must be at least the value of one share ({shareClass.NominalValue.Format()})."));
            }
            else if (inst > amount && amount > 0)
            {
                errors.Add(new("Instalment", $"The monthly amount ({new Money(inst).Format()}) is more than the whole purchase ({new Money(amount).Format()}): pay by bank transfer instead."));
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        var application = new ShareApplication
        {
            Reference = reference,
            StatusTokenHash = statusTokenHash,
            Applicant = details,
            MarketingConsent = marketingConsent,
            ShareClassId = shareClass.Id,
            SharesRequested = shares,
            NominalValuePence = shareClass.NominalValuePence,
            AmountPence = amount,
            PaymentMethod = method,
            InstalmentPence = method == PaymentMethod.StandingOrder ? instalmentPence : null,
            DeclarationsAcceptedAt = nowUtc,
            MinimumFirstAllotmentShares = existingMember is null && shareClass.ConfersMembership ? Math.Max(1, shareClass.MinimumHoldingShares) : 1,
            MemberId = existingMember?.Id,
            MatchDecision = existingMember is null ? MatchDecision.Undecided : MatchDecision.TopUpExisting,
            Status = ApplicationStatus.Submitted,
            SubmittedAt = nowUtc,
            UpdatedAt = nowUtc,
        };
        var what = existingMember is null
            ? $"Application for {Shares(shares)} ({application.Amount.Format()}) received; payment by {method.Describe().ToLowerInvariant()}."
            : $"Member {existingMember.MemberNumber} applied for {Shares(shares)} more ({application.Amount.Format()}); payment by {method.Describe().ToLowerInvariant()}.";
        application._events.Add(ApplicationEvent.Create(nowUtc, by, what));
        return application;
    }

    /// <summary>Money received. Refuses more than is still owed: an overpayment is a refund, not a share purchase.</summary>
    public ApplicationPayment RecordPayment(long amountPence, DateOnly receivedOn, PaymentMethod method, string? reference, DateOnly today, DateTime nowUtc, string by)
    {
        RequireOpen("record a payment");
        var errors = new List<RuleViolation>();
        if (amountPence <= 0)
        {
            errors.Add(new("Amount", "The amount received must be more than £0.00."));
        }
        else if (PaidPence + amountPence > AmountPence)
        {
            errors.Add(new("Amount", $"The application is for {Amount.Format()} and {Paid.Format()} is recorded already; at most {Outstanding.Format()} more can be recorded (an overpayment is refunded, not recorded)."));
        }

        if (receivedOn > today)
        {
            errors.Add(new("ReceivedOn", $"The date received ({receivedOn:yyyy-MM-dd}) is in the future."));
        }
        else if (receivedOn < DateOnly.FromDateTime(SubmittedAt).AddYears(-1))
        {
            errors.Add(new("ReceivedOn", $"The date received ({receivedOn:yyyy-MM-dd}) is more than a year before the application."));
        }

        if (reference is { Length: > ApplicationPayment.ReferenceMax })
        {
            errors.Add(new("Reference", $"The payment reference may be at most {ApplicationPayment.ReferenceMax} characters."));
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        var payment = ApplicationPayment.Create(amountPence, receivedOn, method, reference, nowUtc, by);
        _payments.Add(payment);
        PaidPence += amountPence;
        Status = AllottedShares > 0 ? ApplicationStatus.PartAllotted
            : AllottableShares > 0 && AllottableShares >= MinimumFirstAllotmentShares ? ApplicationStatus.Paid
            : ApplicationStatus.PartPaid;
        _events.Add(ApplicationEvent.Create(nowUtc, by,
            $"Payment of {new Money(amountPence).Format()} received on {receivedOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} by {method.Describe().ToLowerInvariant()}; {Paid.Format()} of {Amount.Format()} paid."));
        UpdatedAt = nowUtc;
        return payment;
    }

    /// <summary>
    /// The fewest shares the first allotment may be: the class's minimum holding for a new member (membership rights
    /// start when it is fully paid, domain rule 19); one share for a top-up.
    /// </summary>
    public long MinimumFirstAllotmentShares { get; private set; } = 1;

    /// <summary>The registrar's decision about a likely match with an existing member.</summary>
    public void DecideMatch(MatchDecision decision, Member? member, long memberHolding, ShareClass shareClass, SocietyDetails society, DateTime nowUtc, string by)
    {
        ArgumentNullException.ThrowIfNull(shareClass);
        RequireOpen("change who the shares go to");
        if (AllottedShares > 0)
        {
            throw new DomainException("Shares have already been allotted on this application; who they go to cannot change.");
        }

        switch (decision)
        {
            case MatchDecision.TopUpExisting:
                if (member is null || member.DateCeased is not null)
                {
                    throw new DomainException("Member", "Choose a current member to top up.");
                }

                var errors = HoldingRules.CheckAddition(member.Details.Kind, shareClass, society, memberHolding, SharesRequested, becomingMember: false);
                if (errors.Count > 0)
                {
                    throw new DomainException(errors);
                }

                MemberId = member.Id;
                MinimumFirstAllotmentShares = 1;
                _events.Add(ApplicationEvent.Create(nowUtc, by, $"Matched to existing member {member.MemberNumber}: the shares will be a top-up."));
                break;
            case MatchDecision.NewMember:
                var minimum = HoldingRules.CheckAddition(Applicant.Kind, shareClass, society, 0, SharesRequested, becomingMember: true);
                if (minimum.Count > 0)
                {
                    throw new DomainException(minimum);
                }

                MemberId = null;
                MinimumFirstAllotmentShares = shareClass.ConfersMembership ? Math.Max(1, shareClass.MinimumHoldingShares) : 1;
                _events.Add(ApplicationEvent.Create(nowUtc, by, "Confirmed as a new member."));
                break;
            default:
                throw new DomainException("Decision", "Choose top-up of an existing member or a new member.");
        }

        MatchDecision = decision;
        UpdatedAt = nowUtc;
    }

    /// <summary>
    /// Allots what is paid for, on the committee's allotment date, and returns the number of shares. The caller creates the
    /// member (for a new member) and the ledger entry in the same transaction.
    /// </summary>
    public long Allot(DateOnly allotmentDate, DateOnly today, DateTime nowUtc, string by)
    {
        RequireOpen("allot");
        var shares = AllottableShares;
        if (shares <= 0)
        {
            throw new DomainException($"Application {Reference} has nothing to allot: {Paid.Format()} of {Amount.Format()} is paid and {Shares(AllottedShares)} are allotted already.");
        }

        if (AllottedShares == 0 && shares < MinimumFirstAllotmentShares)
        {
            throw new DomainException($"Application {Reference}: membership starts when the minimum holding of {Shares(MinimumFirstAllotmentShares)} is fully paid; {Shares(shares)} are paid for so far.");
        }

        if (allotmentDate > today)
        {
            throw new DomainException("AllotmentDate", $"The allotment date ({allotmentDate:yyyy-MM-dd}) is in the future.");
        }

        var lastPayment = _payments.Count == 0 ? (DateOnly?)null : _payments.Max(p => p.ReceivedOn);
        if (lastPayment is { } lp && allotmentDate < lp && PaymentMethod != PaymentMethod.StandingOrder)
        {
            throw new DomainException("AllotmentDate", $"Application {Reference}: shares cannot be allotted ({allotmentDate:yyyy-MM-dd}) before the money for them was received ({lp:yyyy-MM-dd}).");
        }

        if (LastAllotmentDate is { } last && allotmentDate < last)
        {
            throw new DomainException("AllotmentDate", $"Application {Reference}: this allotment ({allotmentDate:yyyy-MM-dd}) would be dated before the previous one ({last:yyyy-MM-dd}).");
        }

        AllottedShares += shares;
        LastAllotmentDate = allotmentDate;
        Status = AllottedShares >= SharesRequested ? ApplicationStatus.Allotted : ApplicationStatus.PartAllotted;
        _events.Add(ApplicationEvent.Create(nowUtc, by,
            $"{Shares(shares)} allotted on {allotmentDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}{(Status == ApplicationStatus.Allotted ? "" : $"; {Shares(SharesRequested - AllottedShares)} to follow as instalments arrive")}."));
        UpdatedAt = nowUtc;
        return shares;
    }

    /// <summary>Records which member the shares went to (the service admits a new member on first allotment).</summary>
    public void AttachMember(Member member, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(member);
        MemberId = member.Id;
        UpdatedAt = nowUtc;
    }

    public void Refuse(string reason, DateTime nowUtc, string by)
    {
        Close(ApplicationStatus.Refused, reason, nowUtc, by, "Refused by the committee");
    }

    public void Cancel(string reason, DateTime nowUtc, string by)
    {
        Close(ApplicationStatus.Cancelled, reason, nowUtc, by, "Cancelled");
    }

    private void Close(ApplicationStatus status, string reason, DateTime nowUtc, string by, string verb)
    {
        RequireOpen(status == ApplicationStatus.Refused ? "refuse" : "cancel");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Reason", "Give a reason: the applicant is told it.");
        }

        if (reason.Length > ReasonMax)
        {
            throw new DomainException("Reason", $"The reason may be at most {ReasonMax} characters.");
        }

        if (status == ApplicationStatus.Refused && AllottedShares > 0)
        {
            throw new DomainException($"{Shares(AllottedShares)} have already been allotted on {Reference}; cancel the remaining instalments instead of refusing.");
        }

        Status = status;
        ClosedReason = reason.Trim();
        var refund = PaidPence - AllottedPence;
        _events.Add(ApplicationEvent.Create(nowUtc, by,
            $"{verb}: {ClosedReason}.{(refund > 0 ? $" {new Money(refund).Format()} received is to be returned." : "")}"));
        UpdatedAt = nowUtc;
    }

    private void RequireOpen(string what)
    {
        if (!Status.IsOpen())
        {
            throw new DomainException($"Application {Reference} is {Status.Describe().ToLowerInvariant()}: it is no longer possible to {what}.");
        }
    }

    internal static string Shares(long n) => n == 1 ? "1 share" : $"{n.ToString("#,##0", CultureInfo.InvariantCulture)} shares";
}
