using CoopRegister.Features.Certificates;
using CoopRegister.Testing;
using UglyToad.PdfPig;

namespace CoopRegister.Features.Tests.Certificates;

public sealed class StatementPdfTests
{
    [Fact]
    public void A_statement_is_A4_portrait_with_the_society_at_the_top_and_the_member_below()
    {
        using var document = PdfDocument.Open(StatementPdf.Render(SampleDocuments.Statement(4)));
        var page = document.GetPage(1);

        Assert.Equal(595.28, page.Width, 1.0);
        Assert.Equal(841.89, page.Height, 1.0);
        var society = page.GetWords().First(w => w.Text == "People's");
        var member = page.GetWords().First(w => w.Text == "Ọkọnkwọ");
        Assert.True(society.BoundingBox.Bottom > member.BoundingBox.Top, "The society's name comes above the member's.");
        string[] expected =
        [
            "The People's Press Printing Society Limited", "Registration number 12750R",
            "Registered office: William Rust House, 52 Beachy Road, London, E3 2NS",
            "Ngozi Ọkọnkwọ", "Member number M-4711", "17 Ducie Street", "M1 2JW",
            "Annual statement", "Year 1 April 2025 to 31 March 2026", "Statement date 30 April 2026",
        ];
        Assert.All(expected, e => Assert.Contains(e, page.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void The_holding_at_the_start_and_end_of_the_year_and_the_totals_follow_from_the_movements()
    {
        var statement = SampleDocuments.Statement(4);

        var text = PdfInspection.Text(StatementPdf.Render(statement));

        Assert.Equal(50, statement.ClosingShares);
        Assert.Equal(5_000, statement.ClosingValuePence);
        Assert.Contains("Holding at 1 April 202540 shares£40.00", text, StringComparison.Ordinal);
        Assert.Contains("Holding at 31 March 202650 shares£50.00", text, StringComparison.Ordinal);
        Assert.Contains("Total movements+10£10.00", text, StringComparison.Ordinal);
        Assert.Contains("31 March 2026Holding at end of year50£50.00", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Movements_are_listed_by_date_with_a_running_balance()
    {
        var statement = SampleDocuments.Statement(0, withInterest: false) with
        {
            Movements =
            [
                new StatementMovement(new DateOnly(2025, 9, 1), "Withdrawal", -15, -1_500),
                new StatementMovement(new DateOnly(2025, 5, 1), "Purchase of shares", 100, 10_000),
            ],
        };

        var text = PdfInspection.Text(StatementPdf.Render(statement));

        var purchase = text.IndexOf("1 May 2025Purchase of shares+100£100.00140£140.00", StringComparison.Ordinal);
        var withdrawal = text.IndexOf("1 September 2025Withdrawal-15-£15.00125£125.00", StringComparison.Ordinal);
        Assert.True(purchase >= 0 && withdrawal > purchase, text);
        Assert.Contains("Total movements+85£85.00", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_statement_runs_on_to_more_pages_that_repeat_the_table_heading_and_number_themselves()
    {
        var statement = SampleDocuments.Statement(120);

        using var document = PdfDocument.Open(StatementPdf.Render(statement));

        Assert.True(document.NumberOfPages >= 3);
        var pages = document.GetPages().ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"page {i + 1} of {pages.Count}", pages[i].Text, StringComparison.Ordinal);
            Assert.Contains("DateDescriptionSharesAmountShares heldValue held", pages[i].Text, StringComparison.Ordinal);
            Assert.All(pages[i].Letters, l => Assert.InRange(l.BoundingBox.Bottom, 20, pages[i].Height - 20));
        }

        Assert.Contains("continued", pages[1].Text, StringComparison.Ordinal);
        var all = string.Concat(pages.Select(p => p.Text));
        Assert.Equal(120, CountOf(all, "Purchase of shares") + CountOf(all, "Withdrawal"));
        Assert.Contains($"Holding at end of year{statement.ClosingShares}", all, StringComparison.Ordinal);
        Assert.Equal(340, statement.ClosingShares);
    }

    [Fact]
    public void Interest_is_shown_gross_with_any_tax_deducted_and_totalled()
    {
        var statement = SampleDocuments.Statement(2) with
        {
            Interest =
            [
                new StatementInterest(new DateOnly(2025, 9, 30), "Interest at 2% for the half year", 1_000, 200),
                new StatementInterest(new DateOnly(2026, 3, 31), "Interest at 2% for the half year", 1_050, 210),
            ],
        };

        var text = PdfInspection.Text(StatementPdf.Render(statement));

        Assert.Contains("DateDescriptionGrossTax deductedNet paid", text, StringComparison.Ordinal);
        Assert.Contains("30 September 2025Interest at 2% for the half year£10.00£2.00£8.00", text, StringComparison.Ordinal);
        Assert.Contains("Total interest£20.50£4.10£16.40", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_interest_the_statement_has_no_interest_table()
    {
        var text = PdfInspection.Text(StatementPdf.Render(SampleDocuments.Statement(2, withInterest: false)));

        Assert.DoesNotContain("Total interest", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tax deducted", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_year_without_movements_says_so()
    {
        var text = PdfInspection.Text(StatementPdf.Render(SampleDocuments.Statement(0, withInterest: false)));

        Assert.Contains("No movements in the year", text, StringComparison.Ordinal);
        Assert.Contains("Holding at 31 March 202640 shares£40.00", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Statements_in_bulk_share_one_PDF_each_starting_on_its_own_numbered_page()
    {
        var statements = new[]
        {
            SampleDocuments.Statement(3, memberName: "Zoë Ó Briain") with { MemberNumber = "M-1" },
            SampleDocuments.Statement(50, memberName: "Łukasz Żółkiewski") with { MemberNumber = "M-2" },
            SampleDocuments.Statement(3, memberName: "Σοφία Παπαδοπούλου") with { MemberNumber = "M-3" },
        };
        using var output = new MemoryStream();

        StatementPdf.Render(statements, output);

        using var document = PdfDocument.Open(output.ToArray());
        var pages = document.GetPages().Select(p => p.Text).ToList();
        Assert.Contains("Zoë Ó Briain", pages[0], StringComparison.Ordinal);
        Assert.Contains("member M-1 · page 1 of 1", pages[0], StringComparison.Ordinal);
        Assert.Contains("Łukasz Żółkiewski", pages[1], StringComparison.Ordinal);
        Assert.Contains("member M-2 · page 1 of 2", pages[1], StringComparison.Ordinal);
        Assert.Contains("member M-2 · page 2 of 2", pages[2], StringComparison.Ordinal);
        Assert.Contains("Σοφία Παπαδοπούλου", pages[3], StringComparison.Ordinal);
        Assert.Contains("member M-3 · page 1 of 1", pages[3], StringComparison.Ordinal);
        Assert.Equal(4, pages.Count);
    }

    [Fact]
    public void The_same_statement_renders_to_the_same_bytes()
    {
        var statement = SampleDocuments.Statement(30);

        Assert.Equal(StatementPdf.Render(statement), StatementPdf.Render(statement with { }));
    }

    [Fact]
    public void A_line_outside_the_year_or_a_holding_below_nothing_is_refused()
    {
        var statement = SampleDocuments.Statement(2);

        var outside = Assert.Throws<ArgumentException>(() => StatementPdf.Render(statement with
        {
            Movements = [new StatementMovement(new DateOnly(2026, 4, 1), "Purchase of shares", 1, 100)],
        }));
        Assert.Contains("1 April 2026", outside.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => StatementPdf.Render(statement with
        {
            Movements = [new StatementMovement(new DateOnly(2025, 6, 1), "Withdrawal", -41, -4_100)],
        }));
        Assert.Throws<ArgumentException>(() => StatementPdf.Render(statement with { MemberName = "" }));
        Assert.Throws<ArgumentException>(() => StatementPdf.Render([], new MemoryStream()));
    }

    [Fact]
    public void A_long_description_is_fitted_into_its_column()
    {
        var description = "Transfer in from the estate of the late " + new string('x', 200);
        var statement = SampleDocuments.Statement(0, withInterest: false) with
        {
            Movements = [new StatementMovement(new DateOnly(2025, 6, 1), description, 10, 1_000)],
        };

        using var document = PdfDocument.Open(StatementPdf.Render(statement));
        var page = document.GetPage(1);

        Assert.Contains(PdfInspection.WithoutSpaces(description), PdfInspection.WithoutSpaces(page.Text), StringComparison.Ordinal);
        var amount = page.GetWords().First(w => w.Text.StartsWith("+10", StringComparison.Ordinal));
        Assert.All(page.Letters.Where(l => l.Value == "x"), l => Assert.True(l.BoundingBox.Right < amount.BoundingBox.Left));
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
