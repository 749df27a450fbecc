namespace CoopRegister.Domain.Society;

/// <summary>
/// Everything an administrator sets about the society: its registered identity and the numbers its registered
/// rules fix. Every society-specific number is a setting (design/product.md); the statute's limits are enforced by
/// <see cref="Validate"/>.
/// </summary>
public sealed record SocietyDetails
{
    public string RegisteredName { get; init; } = "";
    public string RegistrationNumber { get; init; } = "";
    public string RegisteredOffice { get; init; } = "";
    public Jurisdiction Jurisdiction { get; init; } = Jurisdiction.GreatBritain;

    /// <summary>Act s.10–11: the name ends "Limited" unless the society is exempt.</summary>
    public bool ExemptFromLimited { get; init; }

    public long ShareNominalValuePence { get; init; } = 100;
    public int MinimumHoldingShares { get; init; } = 1;
    public long MaximumHoldingPence { get; init; } = StatutoryLimits.WithdrawableCapGreatBritain.Pence;

    /// <summary>Null when the rules set no minimum age (the 2014 Act allows under-18s unless the rules say otherwise).</summary>
    public int? MinimumAge { get; init; } = 16;

    public int WithdrawalNoticeDays { get; init; } = 90;
    public bool SharesWithdrawable { get; init; } = true;
    public bool SharesTransferable { get; init; }

    /// <summary>How many members one proxy may act for; 0 when the rules allow no proxies.</summary>
    public int ProxyCapPerHolder { get; init; } = 5;

    public QuorumKind QuorumKind { get; init; } = QuorumKind.LesserOf;
    public int QuorumMembers { get; init; } = 10;
    public int QuorumPercent { get; init; } = 10;

    /// <summary>Notice of a general meeting in clear days: neither the day of notice nor the day of the meeting counts.</summary>
    public int NoticeClearDays { get; init; } = 14;

    /// <summary>
    /// The earliest day of the second general meeting confirming an Act s.111 or s.113 special resolution, in days after
    /// the first (domain rule 42 believes the interval is 14 days to one month; its source text was cut off: verify).
    /// </summary>
    public int ConfirmationMinimumDays { get; init; } = Meetings.ConfirmationWindow.DefaultMinimumDays;

    /// <summary>The latest day of that confirming meeting, in calendar months after the first.</summary>
    public int ConfirmationMaximumMonths { get; init; } = Meetings.ConfirmationWindow.DefaultMaximumMonths;

    /// <summary>How many years without contact put a member on the "gone away" list (domain rule 34: often two).</summary>
    public int GoneAwayYears { get; init; } = 2;

    /// <summary>
    /// How long, in whole months after a member ceases, the society keeps the former member's non-statutory data (phone,
    /// e-mail, date of birth, marketing flags, portal login) before it is minimised (domain rule 59; UK GDPR storage
    /// limitation, rule 56). The statutory register entry itself is kept: rule 59 finds no deletion period for societies.
    /// </summary>
    public int RetentionMonths { get; init; } = DefaultRetentionMonths;

    /// <summary>The last day of the society's financial year (annual statements and returns run to it).</summary>
    public int YearEndMonth { get; init; } = 12;

    public int YearEndDay { get; init; } = 31;

    /// <summary>Where members send money for shares by bank transfer; shown on the join page.</summary>
    public string BankAccountName { get; init; } = "";
    public string BankSortCode { get; init; } = "";
    public string BankAccountNumber { get; init; } = "";

    public const int NameMax = 200;
    public const int NumberMax = 20;
    public const int OfficeMax = 500;
    public const int BankNameMax = 100;

    /// <summary>Two years: time for a late payout, a query about the last dividend or a disputed cessation (rule 59: "soon after cessation once any payout is settled").</summary>
    public const int DefaultRetentionMonths = 24;

    /// <summary>Ten years, the longest a former member's register entry is expected to be kept at all (rule 59); non-statutory data must go well before.</summary>
    public const int MaximumRetentionMonths = 120;

    public Money ShareNominalValue => new(ShareNominalValuePence);
    public Money MaximumHolding => new(MaximumHoldingPence);
    public Money MinimumHolding => ShareNominalValue * MinimumHoldingShares;

    /// <summary>The holding cap that applies to a member who is not a registered society.</summary>
    public Money EffectiveIndividualCap =>
        SharesWithdrawable && MaximumHolding > StatutoryLimits.WithdrawableCap(Jurisdiction)
            ? StatutoryLimits.WithdrawableCap(Jurisdiction)
            : MaximumHolding;

    /// <summary>The financial year that contains <paramref name="date"/>, as its first and last days.</summary>
    public (DateOnly Start, DateOnly End) FinancialYearContaining(DateOnly date)
    {
        var endThisYear = new DateOnly(date.Year, YearEndMonth, YearEndDay);
        var end = date <= endThisYear ? endThisYear : endThisYear.AddYears(1);
        return (end.AddYears(-1).AddDays(1), end);
    }

    /// <summary>Every rule these details break; empty when they may be saved.</summary>
    public IReadOnlyList<RuleViolation> Validate()
    {
        var errors = new List<RuleViolation>();
        void Fail(string field, string message) => errors.Add(new RuleViolation(field, message));

        var name = RegisteredName.Trim();
        if (name.Length == 0)
        {
            Fail(nameof(RegisteredName), "Registered name is required: it must appear on every certificate and notice (Act s.10).");
        }
        else if (name.Length > NameMax)
        {
            Fail(nameof(RegisteredName), $"Registered name may be at most {NameMax} characters; it has {name.Length}.");
        }
        else if (!ExemptFromLimited && !EndsWithLimited(name))
        {
            Fail(nameof(RegisteredName), "Registered name must end with \"Limited\" (or \"Ltd\") unless the society is exempt (Act s.10–11).");
        }

        var number = RegistrationNumber.Trim();
        if (number.Length == 0)
        {
            Fail(nameof(RegistrationNumber), "Registration number is required (the FCA's number, for example 12750R).");
        }
        else if (number.Length > NumberMax || !number.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '/'))
        {
            Fail(nameof(RegistrationNumber), $"Registration number may hold only letters, digits, spaces, '-' and '/', at most {NumberMax} characters.");
        }

        var office = RegisteredOffice.Trim();
        if (office.Length == 0)
        {
            Fail(nameof(RegisteredOffice), "Registered office is required: the register is kept there (Act s.30).");
        }
        else if (office.Length > OfficeMax)
        {
            Fail(nameof(RegisteredOffice), $"Registered office may be at most {OfficeMax} characters; it has {office.Length}.");
        }

        var cap = StatutoryLimits.WithdrawableCap(Jurisdiction);
        if (ShareNominalValuePence < 1)
        {
            Fail(nameof(ShareNominalValuePence), "Share nominal value must be at least 1p.");
        }
        else if (ShareNominalValuePence > cap.Pence)
        {
            Fail(nameof(ShareNominalValuePence), $"Share nominal value may be at most {cap.Format(true)}; it is {ShareNominalValue.Format()}.");
        }

        if (MinimumHoldingShares < 1)
        {
            Fail(nameof(MinimumHoldingShares), "Minimum holding must be at least 1 share: a member holds at least one share.");
        }
        else if (MinimumHoldingShares > 1_000_000)
        {
            Fail(nameof(MinimumHoldingShares), "Minimum holding may be at most 1,000,000 shares.");
        }

        if (MaximumHoldingPence < 1)
        {
            Fail(nameof(MaximumHoldingPence), "Maximum holding must be more than £0.");
        }
        else if (SharesWithdrawable && MaximumHoldingPence > cap.Pence)
        {
            Fail(nameof(MaximumHoldingPence),
                $"Maximum holding of withdrawable shares may be at most {cap.Format(true)} for an individual ({StatutoryLimits.WithdrawableCapCitation(Jurisdiction)}); it is {MaximumHolding.Format()}.");
        }
        else if (ShareNominalValuePence >= 1 && MinimumHoldingShares >= 1 && MaximumHoldingPence < MinimumHolding.Pence)
        {
            Fail(nameof(MaximumHoldingPence), $"Maximum holding ({MaximumHolding.Format()}) is below the minimum holding ({MinimumHolding.Format()}).");
        }

        if (MinimumAge is < 0 or > 25)
        {
            Fail(nameof(MinimumAge), "Minimum age must be between 0 and 25 years, or left empty when the rules set none.");
        }

        if (WithdrawalNoticeDays is < 0 or > 3660)
        {
            Fail(nameof(WithdrawalNoticeDays), "Withdrawal notice must be between 0 and 3,660 days (ten years).");
        }

        if (ProxyCapPerHolder is < 0 or > 10_000)
        {
            Fail(nameof(ProxyCapPerHolder), "Proxy cap must be between 0 (no proxies) and 10,000 members per proxy.");
        }

        if (QuorumKind != QuorumKind.Percentage && QuorumMembers is < 1 or > 1_000_000)
        {
            Fail(nameof(QuorumMembers), "Quorum must be at least 1 member and at most 1,000,000.");
        }

        if (QuorumKind != QuorumKind.FixedNumber && QuorumPercent is < 1 or > 100)
        {
            Fail(nameof(QuorumPercent), "Quorum percentage must be between 1 and 100.");
        }

        if (NoticeClearDays is < 0 or > 365)
        {
            Fail(nameof(NoticeClearDays), "Notice period must be between 0 and 365 clear days.");
        }

        if (ConfirmationMinimumDays is < 0 or > 365)
        {
            Fail(nameof(ConfirmationMinimumDays), "The confirming meeting's earliest day must be 0 to 365 days after the first meeting.");
        }

        if (ConfirmationMaximumMonths is < 1 or > 24 || ConfirmationMinimumDays > 28 * ConfirmationMaximumMonths)
        {
            Fail(nameof(ConfirmationMaximumMonths), "The confirming meeting's latest day must be 1 to 24 months after the first meeting, and after its earliest day.");
        }

        if (GoneAwayYears is < 1 or > 50)
        {
            Fail(nameof(GoneAwayYears), "The lost-contact period must be between 1 and 50 years.");
        }

        if (RetentionMonths is < 1 or > MaximumRetentionMonths)
        {
            Fail(nameof(RetentionMonths),
                $"Retention of former members' non-statutory data must be between 1 and {MaximumRetentionMonths} months (ten years) after they cease (domain rule 59: minimise it soon after cessation once any payout is settled; the statutory register entry is kept regardless); it is {RetentionMonths}.");
        }

        if (YearEndMonth is < 1 or > 12 || YearEndDay < 1 || YearEndDay > DateTime.DaysInMonth(2001, Math.Clamp(YearEndMonth, 1, 12)))
        {
            Fail(nameof(YearEndDay), "The financial year must end on a real day of a month (29 February is not allowed: it is not in every year).");
        }

        if (BankAccountName.Trim().Length > BankNameMax)
        {
            Fail(nameof(BankAccountName), $"Bank account name may be at most {BankNameMax} characters.");
        }

        var sortCode = BankSortCode.Trim();
        if (sortCode.Length > 0 && !IsSortCode(sortCode))
        {
            Fail(nameof(BankSortCode), "Sort code must be six digits, written 12-34-56 or 123456.");
        }

        var account = BankAccountNumber.Trim();
        if (account.Length > 0 && (account.Length != 8 || !account.All(char.IsAsciiDigit)))
        {
            Fail(nameof(BankAccountNumber), "Bank account number must be eight digits.");
        }

        return errors;
    }

    /// <summary>The same details with whitespace trimmed and the sort code written 12-34-56.</summary>
    public SocietyDetails Normalised()
    {
        var digits = new string(BankSortCode.Where(char.IsAsciiDigit).ToArray());
        return this with
        {
            RegisteredName = RegisteredName.Trim(),
            RegistrationNumber = RegistrationNumber.Trim().ToUpperInvariant(),
            RegisteredOffice = RegisteredOffice.Trim().ReplaceLineEndings("\n"),
            BankAccountName = BankAccountName.Trim(),
            BankSortCode = digits.Length == 6 ? $"{digits[..2]}-{digits[2..4]}-{digits[4..]}" : BankSortCode.Trim(),
            BankAccountNumber = BankAccountNumber.Trim(),
        };
    }

    private static bool EndsWithLimited(string name)
    {
        var lower = name.TrimEnd('.').ToLowerInvariant();
        return lower.EndsWith(" limited", StringComparison.Ordinal) || lower.EndsWith(" ltd", StringComparison.Ordinal)
            || lower.EndsWith(" cyfyngedig", StringComparison.Ordinal) || lower.EndsWith(" cyf", StringComparison.Ordinal);
    }

    private static bool IsSortCode(string s)
    {
        var digits = s.Where(char.IsAsciiDigit).Count();
        return digits == 6 && s.All(c => char.IsAsciiDigit(c) || c is '-' or ' ');
    }
}
