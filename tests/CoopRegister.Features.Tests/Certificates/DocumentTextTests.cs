using CoopRegister.Features.Certificates;

namespace CoopRegister.Features.Tests.Certificates;

public sealed class DocumentTextTests
{
    [Theory]
    [InlineData(0, "£0.00")]
    [InlineData(5, "£0.05")]
    [InlineData(123_456, "£1,234.56")]
    [InlineData(10_000_000_000, "£100,000,000.00")]
    [InlineData(-500, "-£5.00")]
    public void Money_reads_the_same_on_every_server(long pence, string expected)
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(expected, DocumentText.Pounds(pence));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Dates_are_written_out_day_month_year_in_English()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
            Assert.Equal("26 November 2026", DocumentText.Date(new DateOnly(2026, 11, 26)));
            Assert.Equal("1 April 2025", DocumentText.Date(new DateOnly(2025, 4, 1)));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_multi_line_address_reads_as_one_line()
    {
        Assert.Equal("William Rust House, 52 Beachy Road, London, E3 2NS", DocumentText.OneLine("William Rust House,\r\n 52 Beachy Road\n\nLondon\rE3 2NS "));
        Assert.Equal("1,250", DocumentText.Count(1_250));
    }
}
