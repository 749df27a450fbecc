using CoopRegister.Domain.Voting.Counting;

namespace CoopRegister.Domain.Tests.Voting;

public sealed class Fixed5Tests
{
    [Theory]
    [InlineData(138100000, "1381.00000")]
    [InlineData(1, "0.00001")]
    [InlineData(0, "0.00000")]
    [InlineData(-150, "-0.00150")]
    [InlineData(long.MinValue, "-92233720368547.75808")]
    public void Votes_print_with_exactly_five_decimal_places_whatever_the_culture(long units, string text)
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal(text, Fixed5.FromUnits(units).ToString());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("1381", 138100000)]
    [InlineData("1381.5", 138150000)]
    [InlineData("0.00001", 1)]
    [InlineData("-2.25", -225000)]
    public void Decimal_text_reads_back_exactly(string text, long units)
    {
        Assert.Equal(units, Fixed5.Parse(text).Units);
    }

    [Theory]
    [InlineData("1.000001")]
    [InlineData("1,5")]
    [InlineData("1.")]
    [InlineData("")]
    [InlineData("1e5")]
    public void More_than_five_places_or_anything_not_a_plain_decimal_is_refused_not_rounded(string text)
    {
        Assert.False(Fixed5.TryParse(text, out _));
    }

    [Fact]
    public void A_transfer_value_ignores_the_remainder_rather_than_rounding()
    {
        // 2/3 = 0.666666...: to five places, remainder ignored, 0.66666.
        var value = Fixed5.MultiplyDivideTruncating(Fixed5.FromWhole(2), Fixed5.One, Fixed5.FromWhole(3));

        Assert.Equal("0.66666", value.ToString());
    }

    [Fact]
    public void A_transfer_value_is_exact_even_when_the_product_needs_more_than_64_bits()
    {
        // A surplus of 300 billion votes on a paper worth 0.99999, over 900 billion votes: 3 x 10^21 units before dividing.
        var value = Fixed5.MultiplyDivideTruncating(Fixed5.FromWhole(300_000_000_000), Fixed5.Parse("0.99999"), Fixed5.FromWhole(900_000_000_000));

        Assert.Equal("0.33333", value.ToString());
    }

    [Fact]
    public void Arithmetic_that_would_overflow_throws_instead_of_wrapping()
    {
        Assert.Throws<OverflowException>(() => Fixed5.FromUnits(long.MaxValue) + Fixed5.FromUnits(1));
    }
}
