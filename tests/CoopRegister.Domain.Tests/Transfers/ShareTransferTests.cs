using CoopRegister.Domain.Transfers;

namespace CoopRegister.Domain.Tests.Transfers;

public sealed class ShareTransferTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    private static ShareTransfer Register(long shares = 10, long held = 30, long paid = 3000, bool transferable = true, DateOnly? signed = null, DateOnly? consented = null,
        DateOnly? effective = null, string minutes = "Minute 4", long to = 2) =>
        ShareTransfer.Register(1, to, 1, transferable, shares, held, paid, signed ?? Today.AddDays(-2), consented ?? Today.AddDays(-1), minutes, effective ?? Today, Today, Now, "reg");

    [Fact]
    public void The_amount_paid_moves_with_the_shares_in_proportion_rounded_down_to_the_penny()
    {
        Assert.Equal(1000, Register().AmountPaidPence);
        Assert.Equal(333, Register(shares: 1, held: 3, paid: 1000).AmountPaidPence);
    }

    [Fact]
    public void Shares_of_a_class_that_is_not_transferable_are_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Register(transferable: false));
        Assert.Contains(ex.Violations, v => v.Field == "ShareClass");
    }

    [Fact]
    public void The_dates_must_run_form_then_consent_then_transfer_and_not_into_the_future()
    {
        Assert.Contains(Assert.Throws<DomainException>(() => Register(signed: Today, consented: Today.AddDays(-1))).Violations, v => v.Field == "ConsentedOn");
        Assert.Contains(Assert.Throws<DomainException>(() => Register(effective: Today.AddDays(-5))).Violations, v => v.Field == "EffectiveDate");
        Assert.Contains(Assert.Throws<DomainException>(() => Register(effective: Today.AddDays(1))).Violations, v => v.Field == "EffectiveDate");
    }

    [Fact]
    public void More_shares_than_held_none_at_all_no_minutes_and_a_transfer_to_oneself_are_refused()
    {
        Assert.Contains(Assert.Throws<DomainException>(() => Register(shares: 31)).Violations, v => v.Field == "Shares");
        Assert.Contains(Assert.Throws<DomainException>(() => Register(shares: 0)).Violations, v => v.Field == "Shares");
        Assert.Contains(Assert.Throws<DomainException>(() => Register(minutes: " ")).Violations, v => v.Field == "ConsentMinutes");
        Assert.Contains(Assert.Throws<DomainException>(() => Register(to: 1)).Violations, v => v.Field == "ToMember");
    }
}
