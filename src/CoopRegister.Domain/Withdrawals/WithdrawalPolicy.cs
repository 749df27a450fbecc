namespace CoopRegister.Domain.Withdrawals;

/// <summary>
/// A board-wide suspension of withdrawals (domain rules 21–22: the rules give the board power to suspend): while one is in
/// force the queue is held (no payment is made) and members giving notice are told why. Notices may still be given.
/// </summary>
public sealed class WithdrawalSuspension
{
    private WithdrawalSuspension()
    {
    }

    public long Id { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly? To { get; private set; }
    public string Reason { get; private set; } = "";
    public string Minutes { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    public bool CoversDate(DateOnly date) => From <= date && (To is null || date <= To);

    public static WithdrawalSuspension Declare(DateOnly from, DateOnly? to, string reason, string minutes, DateTime nowUtc)
    {
        var errors = new List<RuleViolation>();
        if (to is { } t && t < from)
        {
            errors.Add(new("To", $"The suspension cannot end ({t:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})."));
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 300)
        {
            errors.Add(new("Reason", "Give the reason members will be shown (at most 300 characters)."));
        }

        if (string.IsNullOrWhiteSpace(minutes) || minutes.Length > 100)
        {
            errors.Add(new("Minutes", "Give the reference of the board minutes (at most 100 characters)."));
        }

        return errors.Count > 0
            ? throw new DomainException(errors)
            : new WithdrawalSuspension { From = from, To = to, Reason = reason.Trim(), Minutes = minutes.Trim(), CreatedAt = nowUtc };
    }

    /// <summary>Ends an open-ended suspension on a date.</summary>
    public void End(DateOnly on)
    {
        if (on < From)
        {
            throw new DomainException("To", $"The suspension cannot end before it starts ({From:yyyy-MM-dd}).");
        }

        To = on;
    }
}

/// <summary>
/// The money the board sets aside for withdrawals in a period (FCA FG15/12: withdrawals only out of what the society can
/// afford; domain rule 23). The queue shows the running total of approved and paid withdrawals against it.
/// </summary>
public sealed class WithdrawalBudget
{
    private WithdrawalBudget()
    {
    }

    public long Id { get; private set; }
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public long AmountPence { get; private set; }
    public string Minutes { get; private set; } = "";

    public static WithdrawalBudget Set(DateOnly start, DateOnly end, long amountPence, string minutes)
    {
        var errors = new List<RuleViolation>();
        if (end < start)
        {
            errors.Add(new("PeriodEnd", "The period cannot end before it starts."));
        }

        if (amountPence < 0)
        {
            errors.Add(new("Amount", "The budget cannot be negative."));
        }

        if (string.IsNullOrWhiteSpace(minutes) || minutes.Length > 100)
        {
            errors.Add(new("Minutes", "Give the reference of the board minutes (at most 100 characters)."));
        }

        return errors.Count > 0 ? throw new DomainException(errors) : new WithdrawalBudget { PeriodStart = start, PeriodEnd = end, AmountPence = amountPence, Minutes = minutes.Trim() };
    }

    public bool Covers(DateOnly date) => PeriodStart <= date && date <= PeriodEnd;
}
