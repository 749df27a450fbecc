using System.Globalization;
using CoopRegister.Domain;
using CoopRegister.Domain.Society;

namespace CoopRegister.Features.Society;

/// <summary>
/// The society settings form as people type it: amounts in pounds, numbers as text. <see cref="ToDetails"/> reads it
/// into <see cref="SocietyDetails"/> and reports any field that is not a number, naming it.
/// </summary>
public sealed class SocietyForm
{
    public string RegisteredName { get; set; } = "";
    public string RegistrationNumber { get; set; } = "";
    public string RegisteredOffice { get; set; } = "";
    public Jurisdiction Jurisdiction { get; set; } = Jurisdiction.GreatBritain;
    public bool ExemptFromLimited { get; set; }
    public string ShareNominalValuePounds { get; set; } = "1.00";
    public string MinimumHoldingShares { get; set; } = "1";
    public string MaximumHoldingPounds { get; set; } = "100000.00";
    public string MinimumAge { get; set; } = "16";
    public string WithdrawalNoticeDays { get; set; } = "90";
    public bool SharesWithdrawable { get; set; } = true;
    public bool SharesTransferable { get; set; }
    public string ProxyCapPerHolder { get; set; } = "5";
    public QuorumKind QuorumKind { get; set; } = QuorumKind.LesserOf;
    public string QuorumMembers { get; set; } = "10";
    public string QuorumPercent { get; set; } = "10";
    public string NoticeClearDays { get; set; } = "14";
    public string ConfirmationMinimumDays { get; set; } = "14";
    public string ConfirmationMaximumMonths { get; set; } = "1";
    public string GoneAwayYears { get; set; } = "2";
    public string RetentionMonths { get; set; } = "24";
    public int YearEndMonth { get; set; } = 12;
    public string YearEndDay { get; set; } = "31";
    public string BankAccountName { get; set; } = "";
    public string BankSortCode { get; set; } = "";
    public string BankAccountNumber { get; set; } = "";

    public static SocietyForm From(SocietyDetails d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new SocietyForm
        {
            RegisteredName = d.RegisteredName,
            RegistrationNumber = d.RegistrationNumber,
            RegisteredOffice = d.RegisteredOffice,
            Jurisdiction = d.Jurisdiction,
            ExemptFromLimited = d.ExemptFromLimited,
            ShareNominalValuePounds = d.ShareNominalValue.ToPoundsString(),
            MinimumHoldingShares = Text(d.MinimumHoldingShares),
            MaximumHoldingPounds = d.MaximumHolding.ToPoundsString(),
            MinimumAge = d.MinimumAge is { } age ? Text(age) : "",
            WithdrawalNoticeDays = Text(d.WithdrawalNoticeDays),
            SharesWithdrawable = d.SharesWithdrawable,
            SharesTransferable = d.SharesTransferable,
            ProxyCapPerHolder = Text(d.ProxyCapPerHolder),
            QuorumKind = d.QuorumKind,
            QuorumMembers = Text(d.QuorumMembers),
            QuorumPercent = Text(d.QuorumPercent),
            NoticeClearDays = Text(d.NoticeClearDays),
            ConfirmationMinimumDays = Text(d.ConfirmationMinimumDays),
            ConfirmationMaximumMonths = Text(d.ConfirmationMaximumMonths),
            GoneAwayYears = Text(d.GoneAwayYears),
            RetentionMonths = Text(d.RetentionMonths),
            YearEndMonth = d.YearEndMonth,
            YearEndDay = Text(d.YearEndDay),
            BankAccountName = d.BankAccountName,
            BankSortCode = d.BankSortCode,
            BankAccountNumber = d.BankAccountNumber,
        };
    }

    /// <summary>The details typed, or the fields that are not numbers; the statute's rules are checked by the domain.</summary>
    public SocietyDetails ToDetails()
    {
        var errors = new List<RuleViolation>();
        long Pounds(string text, string field, string label)
        {
            if (Money.TryParsePounds(text, out var m))
            {
                return m.Pence;
            }

            errors.Add(new RuleViolation(field, $"{label}: '{text}' is not an amount in pounds (for example 1.00)."));
            return 0;
        }

        int Whole(string text, string field, string label)
        {
            if (int.TryParse(text.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }

            errors.Add(new RuleViolation(field, $"{label}: '{text}' is not a whole number."));
            return 0;
        }

        var details = new SocietyDetails
        {
            RegisteredName = RegisteredName,
            RegistrationNumber = RegistrationNumber,
            RegisteredOffice = RegisteredOffice,
            Jurisdiction = Jurisdiction,
            ExemptFromLimited = ExemptFromLimited,
            ShareNominalValuePence = Pounds(ShareNominalValuePounds, nameof(SocietyDetails.ShareNominalValuePence), "Share nominal value"),
            MinimumHoldingShares = Whole(MinimumHoldingShares, nameof(SocietyDetails.MinimumHoldingShares), "Minimum holding"),
            MaximumHoldingPence = Pounds(MaximumHoldingPounds, nameof(SocietyDetails.MaximumHoldingPence), "Maximum holding"),
            MinimumAge = string.IsNullOrWhiteSpace(MinimumAge) ? null : Whole(MinimumAge, nameof(SocietyDetails.MinimumAge), "Minimum age"),
            WithdrawalNoticeDays = Whole(WithdrawalNoticeDays, nameof(SocietyDetails.WithdrawalNoticeDays), "Withdrawal notice"),
            SharesWithdrawable = SharesWithdrawable,
            SharesTransferable = SharesTransferable,
            ProxyCapPerHolder = Whole(ProxyCapPerHolder, nameof(SocietyDetails.ProxyCapPerHolder), "Proxy cap"),
            QuorumKind = QuorumKind,
            QuorumMembers = QuorumKind == QuorumKind.Percentage ? 1 : Whole(QuorumMembers, nameof(SocietyDetails.QuorumMembers), "Quorum (members)"),
            QuorumPercent = QuorumKind == QuorumKind.FixedNumber ? 1 : Whole(QuorumPercent, nameof(SocietyDetails.QuorumPercent), "Quorum (percentage)"),
            NoticeClearDays = Whole(NoticeClearDays, nameof(SocietyDetails.NoticeClearDays), "Notice period"),
            ConfirmationMinimumDays = Whole(ConfirmationMinimumDays, nameof(SocietyDetails.ConfirmationMinimumDays), "Confirming meeting, earliest (days)"),
            ConfirmationMaximumMonths = Whole(ConfirmationMaximumMonths, nameof(SocietyDetails.ConfirmationMaximumMonths), "Confirming meeting, latest (months)"),
            GoneAwayYears = Whole(GoneAwayYears, nameof(SocietyDetails.GoneAwayYears), "Lost contact after (years)"),
            RetentionMonths = Whole(RetentionMonths, nameof(SocietyDetails.RetentionMonths), "Keep former members' non-statutory data for (months)"),
            YearEndMonth = YearEndMonth,
            YearEndDay = Whole(YearEndDay, nameof(SocietyDetails.YearEndDay), "Year end (day)"),
            BankAccountName = BankAccountName,
            BankSortCode = BankSortCode,
            BankAccountNumber = BankAccountNumber,
        };
        errors.AddRange(details.Validate().Where(v => !errors.Any(e => e.Field == v.Field)));
        return errors.Count > 0 ? throw new DomainException(errors) : details;
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
