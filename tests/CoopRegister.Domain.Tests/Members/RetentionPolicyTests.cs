using CoopRegister.Domain.Members;
using CoopRegister.Domain.Society;

namespace CoopRegister.Domain.Tests.Members;

public sealed class RetentionPolicyTests
{
    private static readonly SocietyDetails Valid = new()
    {
        RegisteredName = "People's Press Printing Society Limited",
        RegistrationNumber = "12750R",
        RegisteredOffice = "52 Beachy Road, London E3 2NS",
    };

    [Fact]
    public void A_former_member_is_due_when_they_ceased_before_today_minus_the_period()
    {
        var today = new DateOnly(2026, 11, 26);

        Assert.Equal(new DateOnly(2024, 11, 25), RetentionPolicy.LastDueCessation(today, 24));
        Assert.True(RetentionPolicy.IsDue(new DateOnly(2024, 11, 25), null, today, 24));
        Assert.False(RetentionPolicy.IsDue(new DateOnly(2024, 11, 26), null, today, 24));
        Assert.False(RetentionPolicy.IsDue(null, null, today, 24));
        Assert.False(RetentionPolicy.IsDue(new DateOnly(2010, 1, 1), new DateOnly(2025, 1, 1), today, 24));
    }

    [Fact]
    public void Month_ends_count_whole_months()
    {
        // 31 March less one month is 28 February (29 in a leap year): a member who ceased on 27 February is due.
        Assert.Equal(new DateOnly(2026, 2, 27), RetentionPolicy.LastDueCessation(new DateOnly(2026, 3, 31), 1));
        Assert.Equal(new DateOnly(2024, 2, 28), RetentionPolicy.LastDueCessation(new DateOnly(2024, 3, 31), 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(121)]
    public void The_retention_period_outside_1_to_120_months_is_refused_naming_rule_59(int months)
    {
        var v = Assert.Single((Valid with { RetentionMonths = months }).Validate());

        Assert.Equal(nameof(SocietyDetails.RetentionMonths), v.Field);
        Assert.Contains("between 1 and 120 months", v.Message, StringComparison.Ordinal);
        Assert.Contains("domain rule 59", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_is_two_years_and_the_limits_are_accepted()
    {
        Assert.Equal(24, Valid.RetentionMonths);
        Assert.Empty((Valid with { RetentionMonths = 1 }).Validate());
        Assert.Empty((Valid with { RetentionMonths = 120 }).Validate());
    }
}
