using CoopRegister.Domain;
using CoopRegister.Features.Imports;

namespace CoopRegister.Features.Tests.Imports;

/// <summary>The parts of an import that need no database: dates, column maps, map files.</summary>
public sealed class ImportParsingTests
{
    [Theory]
    [InlineData("2019-04-03", ImportDateFormat.Iso, 2019, 4, 3)]
    [InlineData("2019/4/3", ImportDateFormat.Iso, 2019, 4, 3)]
    [InlineData("2019-04-03T00:00:00", ImportDateFormat.Iso, 2019, 4, 3)]
    [InlineData("03/04/2019", ImportDateFormat.DayMonthYear, 2019, 4, 3)]
    [InlineData("3.4.2019", ImportDateFormat.DayMonthYear, 2019, 4, 3)]
    [InlineData("03/04/2019 00:00", ImportDateFormat.DayMonthYear, 2019, 4, 3)]
    [InlineData("04/03/2019", ImportDateFormat.MonthDayYear, 2019, 4, 3)]
    [InlineData("3 Apr 2019", ImportDateFormat.DayMonthNameYear, 2019, 4, 3)]
    [InlineData("03-Apr-2019", ImportDateFormat.DayMonthNameYear, 2019, 4, 3)]
    [InlineData("3rd April 2019", ImportDateFormat.DayMonthNameYear, 2019, 4, 3)]
    [InlineData("1 Sept 2023", ImportDateFormat.DayMonthNameYear, 2023, 9, 1)]
    public void Dates_read_in_the_chosen_format(string text, ImportDateFormat format, int year, int month, int day)
    {
        Assert.True(ImportDates.TryParse(text, format, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("03/04/2019", ImportDateFormat.Iso)]
    [InlineData("2019-04-03", ImportDateFormat.DayMonthYear)]
    [InlineData("13/04/2019", ImportDateFormat.MonthDayYear)]
    [InlineData("31/02/2019", ImportDateFormat.DayMonthYear)]
    [InlineData("03/04/19", ImportDateFormat.DayMonthYear)]
    [InlineData("3 Smarch 2019", ImportDateFormat.DayMonthNameYear)]
    [InlineData("", ImportDateFormat.Iso)]
    public void Dates_not_in_the_chosen_format_are_refused_never_guessed(string text, ImportDateFormat format) =>
        Assert.False(ImportDates.TryParse(text, format, out _));

    [Fact]
    public void The_suggested_format_is_the_one_every_date_fits_and_none_when_day_and_month_could_swap()
    {
        var tally = new ImportDates.Tally();
        foreach (var d in new[] { "03/04/2019", "11/12/2020", "01/02/2003" })
        {
            tally.Add(d);
        }

        var ambiguous = tally.Suggest();
        Assert.Null(ambiguous.Suggested);
        Assert.True(ambiguous.Ambiguous);
        Assert.Contains("03/04/2019", ambiguous.Describe(), StringComparison.Ordinal);

        tally.Add("25/12/2020");
        Assert.Equal(ImportDateFormat.DayMonthYear, tally.Suggest().Suggested);
        Assert.True(ImportDates.HasTwoDigitYear("03/04/19"));
    }

    [Fact]
    public void Every_field_is_listed_in_the_order_of_its_enum_with_a_unique_key()
    {
        Assert.Equal(Enum.GetValues<RegisterField>(), ImportFields.Register.Select(f => f.Field));
        Assert.Equal(Enum.GetValues<HistoryField>(), ImportFields.History.Select(f => f.Field));
        Assert.Equal(ImportFields.Register.Count, ImportFields.Register.Select(f => f.Key).Distinct().Count());
    }

    [Fact]
    public void Our_own_export_headers_map_to_every_field_they_hold()
    {
        var headers = ImportFiles.Header.Split(',');
        var map = ColumnMap<RegisterField>.Suggest(headers);
        Assert.Equal(16, map.Columns.Count);
        Assert.Equal("E-mail for notices", map[RegisterField.Email]);
        Assert.Equal("Amount paid (£)", map[RegisterField.AmountPaid]);
        Assert.Empty(map.Check(headers, "register file"));

        var ledger = new[] { "Entry", "Effective date", "Member number", "Name", "Share class", "Event", "Shares", "Amount paid (£)", "Reference", "Reverses entry", "Note", "Recorded at (UTC)", "Recorded by" };
        var history = ColumnMap<HistoryField>.Suggest(ledger);
        Assert.Equal("Effective date", history[HistoryField.Date]);
        Assert.Equal("Event", history[HistoryField.Event]);
        Assert.Empty(history.Check(ledger, "history file"));
    }

    [Fact]
    public void A_map_file_names_columns_by_field_key_or_label_and_its_history_lines_by_prefix()
    {
        var headers = new[] { "Ref", "Who", "Where", "PC", "Holding", "Since" };
        var text = """
            # CoopRegister import map
            member-number = Ref
            Name = Who
            address = Where
            postcode = PC
            shares = Holding
            date-entered = Since
            email =
            history.date = Effective
            """;
        var map = ColumnMap<RegisterField>.ParseMapFile(text, ColumnMap<RegisterField>.Suggest(headers));
        Assert.Equal("Ref", map[RegisterField.MemberNumber]);
        Assert.Equal("Who", map[RegisterField.Name]);
        Assert.Null(map[RegisterField.Email]);
        Assert.Empty(map.Check(headers, "register file"));
        Assert.Equal("Effective", ColumnMap<HistoryField>.ParseMapFile(text, ColumnMap<HistoryField>.Empty, "history.")[HistoryField.Date]);

        var bad = Assert.Throws<DomainException>(() => ColumnMap<RegisterField>.ParseMapFile("membership = Ref\nno equals sign here", ColumnMap<RegisterField>.Empty));
        Assert.Contains("Map file line 1: 'membership' is not a field", bad.Message, StringComparison.Ordinal);
        Assert.Contains("Map file line 2: write field = column header", bad.Message, StringComparison.Ordinal);

        var missing = map.With(RegisterField.Postcode, "Post code").With(RegisterField.Address, null).Check(headers, "register file");
        Assert.Contains(missing, v => v.Message.Contains("has no column 'Post code'", StringComparison.Ordinal));
        Assert.Contains(missing, v => v.Message.StartsWith("Address: choose the column", StringComparison.Ordinal));
    }
}
