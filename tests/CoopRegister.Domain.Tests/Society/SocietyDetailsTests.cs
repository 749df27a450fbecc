using CoopRegister.Domain.Society;

namespace CoopRegister.Domain.Tests.Society;

public sealed class SocietyDetailsTests
{
    private static readonly SocietyDetails Valid = new()
    {
        RegisteredName = "People's Press Printing Society Limited",
        RegistrationNumber = "12750R",
        RegisteredOffice = "52 Beachy Road, London E3 2NS",
    };

    private static RuleViolation Single(SocietyDetails d, string field)
    {
        var errors = d.Validate();
        var v = Assert.Single(errors);
        Assert.Equal(field, v.Field);
        return v;
    }

    [Fact]
    public void Sensible_details_pass() => Assert.Empty(Valid.Validate());

    [Fact]
    public void The_individual_cap_on_withdrawable_shares_is_100000_pounds_in_Great_Britain()
    {
        Assert.Empty((Valid with { MaximumHoldingPence = 100_000_00 }).Validate());
        var v = Single(Valid with { MaximumHoldingPence = 100_000_01 }, nameof(SocietyDetails.MaximumHoldingPence));
        Assert.Contains("Act s.24", v.Message, StringComparison.Ordinal);
        Assert.Contains("£100,000.01", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Northern_Ireland_keeps_the_20000_pound_cap()
    {
        var v = Single(Valid with { Jurisdiction = Jurisdiction.NorthernIreland, MaximumHoldingPence = 20_000_01 }, nameof(SocietyDetails.MaximumHoldingPence));
        Assert.Contains("£20,000", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transferable_shares_that_are_not_withdrawable_have_no_statutory_cap()
    {
        Assert.Empty((Valid with { SharesWithdrawable = false, SharesTransferable = true, MaximumHoldingPence = 500_000_00 }).Validate());
    }

    [Fact]
    public void The_effective_cap_for_an_individual_never_exceeds_the_statute()
    {
        Assert.Equal(Money.FromPounds(20_000), (Valid with { MaximumHoldingPence = 20_000_00 }).EffectiveIndividualCap);
        Assert.Equal(Money.FromPounds(100_000), (Valid with { MaximumHoldingPence = 100_000_00 }).EffectiveIndividualCap);
    }

    [Theory]
    [InlineData("People's Press Printing Society")]
    [InlineData("Limited Editions Co-operative")]
    public void The_registered_name_must_end_with_Limited(string name)
    {
        var v = Single(Valid with { RegisteredName = name }, nameof(SocietyDetails.RegisteredName));
        Assert.Contains("Act s.10", v.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cwmni Cydweithredol Cyfyngedig")]
    [InlineData("Reader Co-op Ltd")]
    [InlineData("Reader Co-op Ltd.")]
    public void Ltd_and_the_Welsh_forms_are_accepted(string name) => Assert.Empty((Valid with { RegisteredName = name }).Validate());

    [Fact]
    public void An_exempt_society_need_not_say_Limited() =>
        Assert.Empty((Valid with { RegisteredName = "Greenfield Community Benefit Society", ExemptFromLimited = true }).Validate());

    [Fact]
    public void A_maximum_below_the_minimum_holding_is_refused()
    {
        var v = Single(Valid with { ShareNominalValuePence = 100, MinimumHoldingShares = 300, MaximumHoldingPence = 200_00 }, nameof(SocietyDetails.MaximumHoldingPence));
        Assert.Contains("below the minimum", v.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(SocietyDetails.MinimumHoldingShares))]
    [InlineData(nameof(SocietyDetails.ShareNominalValuePence))]
    [InlineData(nameof(SocietyDetails.NoticeClearDays))]
    [InlineData(nameof(SocietyDetails.WithdrawalNoticeDays))]
    [InlineData(nameof(SocietyDetails.ProxyCapPerHolder))]
    public void Out_of_range_numbers_are_refused_naming_the_field(string field)
    {
        var bad = field switch
        {
            nameof(SocietyDetails.MinimumHoldingShares) => Valid with { MinimumHoldingShares = 0 },
            nameof(SocietyDetails.ShareNominalValuePence) => Valid with { ShareNominalValuePence = 0 },
            nameof(SocietyDetails.NoticeClearDays) => Valid with { NoticeClearDays = -1 },
            nameof(SocietyDetails.WithdrawalNoticeDays) => Valid with { WithdrawalNoticeDays = 99_999 },
            _ => Valid with { ProxyCapPerHolder = -2 },
        };
        Assert.Contains(bad.Validate(), v => v.Field == field);
    }

    [Fact]
    public void Bank_details_are_checked_and_the_sort_code_is_written_with_dashes()
    {
        Assert.Contains((Valid with { BankSortCode = "12-34" }).Validate(), v => v.Field == nameof(SocietyDetails.BankSortCode));
        Assert.Contains((Valid with { BankAccountNumber = "1234" }).Validate(), v => v.Field == nameof(SocietyDetails.BankAccountNumber));
        Assert.Equal("12-34-56", (Valid with { BankSortCode = "123456" }).Normalised().BankSortCode);
    }

    [Fact]
    public void Saving_invalid_details_on_the_society_throws_and_leaves_it_unchanged()
    {
        var society = RegisteredSociety.Create(Valid, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var ex = Assert.Throws<DomainException>(() => society.Update(Valid with { RegisteredName = "" }, DateTime.UtcNow));
        Assert.Equal(nameof(SocietyDetails.RegisteredName), Assert.Single(ex.Violations).Field);
        Assert.Equal(Valid.RegisteredName, society.Details.RegisteredName);
    }
}
