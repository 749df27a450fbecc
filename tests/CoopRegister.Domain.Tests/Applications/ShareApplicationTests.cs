using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;

namespace CoopRegister.Domain.Tests.Applications;

public sealed class ShareApplicationTests
{
    private static readonly SocietyDetails Society = new()
    {
        RegisteredName = "A Limited", RegistrationNumber = "1R", RegisteredOffice = "Here",
        ShareNominalValuePence = 100, MinimumHoldingShares = 10, MaximumHoldingPence = 100_000_00, MinimumAge = null,
    };

    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    private static readonly PersonDetails Reader = new() { Name = "Zoë Ó Briain", Address = "1 Road", Postcode = "E3 2NS" };

    private static ShareApplication Submit(long shares, PaymentMethod method = PaymentMethod.BankTransfer, long? instalment = null) =>
        ShareApplication.Submit("SH-AAAAAA", new string('0', 64), Reader, false, ShareClass.Ordinary(Society), shares, method, instalment, true, null, 0, Society, Today, Now, "the applicant");

    [Fact]
    public void A_paid_application_allots_everything_once()
    {
        var a = Submit(50);
        a.RecordPayment(20_00, Today, PaymentMethod.BankTransfer, null, Today, Now, "reg");
        Assert.Equal(ApplicationStatus.PartPaid, a.Status);
        Assert.Equal(0, a.AllottableShares);
        a.RecordPayment(30_00, Today, PaymentMethod.BankTransfer, null, Today, Now, "reg");
        Assert.Equal(ApplicationStatus.Paid, a.Status);

        Assert.Equal(50, a.Allot(Today, Today, Now, "reg"));
        Assert.Equal(ApplicationStatus.Allotted, a.Status);
        Assert.Throws<DomainException>(() => a.Allot(Today, Today, Now, "reg"));
        Assert.Equal(["Application for 50 shares (£50.00) received; payment by bank transfer.", "Payment of £20.00 received on 26 November 2026 by bank transfer; £20.00 of £50.00 paid.",
            "Payment of £30.00 received on 26 November 2026 by bank transfer; £50.00 of £50.00 paid.", "50 shares allotted on 26 November 2026."], a.Events.Select(e => e.What));
    }

    [Fact]
    public void Instalments_allot_once_the_minimum_holding_is_paid_in_full()
    {
        var a = Submit(30, PaymentMethod.StandingOrder, 4_00);
        a.RecordPayment(4_00, Today, PaymentMethod.StandingOrder, null, Today, Now, "reg");
        a.RecordPayment(4_00, Today, PaymentMethod.StandingOrder, null, Today, Now, "reg");
        Assert.Equal(ApplicationStatus.PartPaid, a.Status);
        Assert.Throws<DomainException>(() => a.Allot(Today, Today, Now, "reg"));
        a.RecordPayment(4_00, Today, PaymentMethod.StandingOrder, null, Today, Now, "reg");
        Assert.Equal(12, a.Allot(Today, Today, Now, "reg"));
        Assert.Equal(ApplicationStatus.PartAllotted, a.Status);
    }

    [Fact]
    public void A_standing_order_must_be_at_least_one_share_a_month_and_not_more_than_the_whole()
    {
        Assert.Contains("at least the value of one share", Assert.Throws<DomainException>(() => Submit(30, PaymentMethod.StandingOrder, 50)).Message, StringComparison.Ordinal);
        Assert.Contains("more than the whole purchase", Assert.Throws<DomainException>(() => Submit(30, PaymentMethod.StandingOrder, 40_00)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allotment_cannot_be_dated_in_the_future_or_before_the_money_arrived()
    {
        var a = Submit(20);
        a.RecordPayment(20_00, Today, PaymentMethod.Cheque, null, Today, Now, "reg");
        Assert.Throws<DomainException>(() => a.Allot(Today.AddDays(1), Today, Now, "reg"));
        Assert.Throws<DomainException>(() => a.Allot(Today.AddDays(-1), Today, Now, "reg"));
    }

    [Fact]
    public void A_refusal_needs_a_reason_says_the_money_is_to_be_returned_and_closes_the_application()
    {
        var a = Submit(20);
        a.RecordPayment(20_00, Today, PaymentMethod.Cheque, null, Today, Now, "reg");
        Assert.Throws<DomainException>(() => a.Refuse(" ", Now, "reg"));
        a.Refuse("Not eligible under rule 5", Now, "reg");
        Assert.Equal(ApplicationStatus.Refused, a.Status);
        Assert.Contains("£20.00 received is to be returned", a.Events[^1].What, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => a.RecordPayment(1, Today, PaymentMethod.Cash, null, Today, Now, "reg"));
    }

    [Fact]
    public void Without_the_declarations_nothing_is_accepted()
    {
        var ex = Assert.Throws<DomainException>(() => ShareApplication.Submit("SH-AAAAAA", new string('0', 64), Reader, false, ShareClass.Ordinary(Society), 20,
            PaymentMethod.BankTransfer, null, false, null, 0, Society, Today, Now, "x"));
        Assert.Equal("Declarations", Assert.Single(ex.Violations).Field);
    }

    [Fact]
    public void A_new_applicant_below_the_minimum_holding_is_refused_with_the_figures()
    {
        var v = Assert.Single(Assert.Throws<DomainException>(() => Submit(9)).Violations);
        Assert.Contains("Membership needs at least 10 shares (£10)", v.Message, StringComparison.Ordinal);
    }
}
