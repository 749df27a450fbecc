namespace CoopRegister.Domain.Tests;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(0, "£0.00")]
    [InlineData(5, "£0.05")]
    [InlineData(100, "£1.00")]
    [InlineData(123_456_78, "£123,456.78")]
    [InlineData(-250, "-£2.50")]
    public void Amounts_are_written_in_pounds_and_pence_whatever_the_machine_culture(long pence, string expected)
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(expected, new Money(pence).Format());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Whole_pounds_can_be_written_without_pence() => Assert.Equal("£20,000", Money.FromPounds(20_000).Format(omitZeroPence: true));

    [Theory]
    [InlineData("12", 1200)]
    [InlineData("12.5", 1250)]
    [InlineData("12.50", 1250)]
    [InlineData("£1,200.00", 120000)]
    [InlineData(" 0.01 ", 1)]
    public void Typed_pounds_are_read_exactly(string text, long pence)
    {
        Assert.True(Money.TryParsePounds(text, out var money));
        Assert.Equal(pence, money.Pence);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12.345")]
    [InlineData("-5")]
    [InlineData("1e3")]
    [InlineData("12.")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    public void Anything_that_is_not_a_plain_amount_is_refused(string text) => Assert.False(Money.TryParsePounds(text, out _));

    [Fact]
    public void Files_get_pounds_with_two_decimals_and_no_grouping() => Assert.Equal("1234567.05", new Money(123456705).ToPoundsString());
}
