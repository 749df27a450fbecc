using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;

namespace CoopRegister.Domain.Tests.Shares;

public sealed class HoldingRulesTests
{
    private static readonly SocietyDetails Society = new()
    {
        RegisteredName = "A Limited", RegistrationNumber = "1R", RegisteredOffice = "Here",
        ShareNominalValuePence = 100, MinimumHoldingShares = 5, MaximumHoldingPence = 100_000_00,
    };

    private static readonly ShareClass Ordinary = ShareClass.Ordinary(Society);

    [Fact]
    public void Exactly_the_cap_is_allowed_and_one_penny_more_is_refused_with_the_figures()
    {
        Assert.Empty(HoldingRules.CheckAddition(MemberKind.Individual, Ordinary, Society, 99_990, 10, becomingMember: false));
        var v = Assert.Single(HoldingRules.CheckAddition(MemberKind.Individual, Ordinary, Society, 99_990, 11, becomingMember: false));
        Assert.Equal("Holding would be £100,001.00; the cap on withdrawable shares for an individual is £100,000 (Act s.24). At most 10 more shares may be added.", v.Message);
    }

    [Fact]
    public void A_registered_society_is_held_only_to_the_rules_own_maximum()
    {
        var generous = Society with { SharesWithdrawable = false, MaximumHoldingPence = 500_000_00 };
        var nonWithdrawable = ShareClass.Ordinary(generous);
        Assert.Empty(HoldingRules.CheckAddition(MemberKind.RegisteredSociety, nonWithdrawable, generous, 0, 400_000, becomingMember: true));
        Assert.Equal(new Money(100_000_00), HoldingRules.CapFor(MemberKind.Corporate, Ordinary, Society));
        Assert.Equal(new Money(100_000_00), HoldingRules.CapFor(MemberKind.RegisteredSociety, Ordinary, Society));
    }

    [Fact]
    public void A_rules_maximum_below_the_statute_is_the_limit_and_is_named_as_the_rules()
    {
        var strict = Society with { MaximumHoldingPence = 20_000_00 };
        var v = Assert.Single(HoldingRules.CheckAddition(MemberKind.Individual, ShareClass.Ordinary(strict), strict, 0, 20_001, becomingMember: true));
        Assert.Contains("maximum holding of ordinary shares under the society's rules is £20,000", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_member_must_reach_the_minimum_holding_but_a_top_up_need_not()
    {
        var v = Assert.Single(HoldingRules.CheckAddition(MemberKind.Individual, Ordinary, Society, 0, 4, becomingMember: true));
        Assert.Contains("Membership needs at least 5 shares (£5)", v.Message, StringComparison.Ordinal);
        Assert.Empty(HoldingRules.CheckAddition(MemberKind.Individual, Ordinary, Society, 5, 1, becomingMember: false));
    }

    [Fact]
    public void Northern_Irish_individuals_are_capped_at_20000_pounds()
    {
        var ni = Society with { Jurisdiction = Jurisdiction.NorthernIreland, MaximumHoldingPence = 20_000_00 };
        Assert.Single(HoldingRules.CheckAddition(MemberKind.Individual, ShareClass.Ordinary(ni), ni, 0, 20_001, becomingMember: true));
    }

    [Fact]
    public void Zero_or_negative_additions_are_refused() =>
        Assert.Contains("at least 1", Assert.Single(HoldingRules.CheckAddition(MemberKind.Individual, Ordinary, Society, 10, 0, false)).Message, StringComparison.Ordinal);
}
