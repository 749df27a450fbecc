using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CoopRegister.Features.Certificates;

/// <summary>
/// Renders members' annual statements (domain rule 63) on A4 portrait: the society's identity at the top (Act s.10),
/// the member, the holding at the start and end of the society's year, a table of dated movements with a running
/// balance and totals, and interest with any tax deducted (rule 28). Long statements run on to further pages, which
/// repeat the table's heading and say "Page 2 of 3".
/// Stateless and thread-safe; the same statement always gives the same bytes.
/// </summary>
public static class StatementPdf
{
    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Left = 50;
    private const double Right = PageWidth - 50;
    private const double Width = Right - Left;
    private const double FirstTableTop = 290;
    private const double NextTableTop = 96;
    private const double Bottom = 780;
    private const double RowHeight = 16;

    private static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(28, 52, 94));
    private static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(90, 90, 90));
    private static readonly XBrush Shade = new XSolidBrush(XColor.FromArgb(238, 241, 246));
    private static readonly XPen Rule = new(XColor.FromArgb(28, 52, 94), 0.75);
    private static readonly XPen Hairline = new(XColor.FromArgb(200, 200, 200), 0.4);

    private static readonly Column[] MovementColumns =
    [
        new("Date", 92, TextAlign.Left),
        new("Description", 149, TextAlign.Left),
        new("Shares", 45, TextAlign.Right),
        new("Amount", 70, TextAlign.Right),
        new("Shares held", 60, TextAlign.Right),
        new("Value held", 79, TextAlign.Right),
    ];

    private static readonly Column[] InterestColumns =
    [
        new("Date", 92, TextAlign.Left),
        new("Description", 178, TextAlign.Left),
        new("Gross", 75, TextAlign.Right),
        new("Tax deducted", 75, TextAlign.Right),
        new("Net paid", 75, TextAlign.Right),
    ];

    /// <summary>The statement as PDF bytes.</summary>
    public static byte[] Render(StatementDocument statement)
    {
        using var output = new MemoryStream(32 * 1024);
        Render([statement], output);
        return output.ToArray();
    }

    /// <summary>Writes the statement as PDF to <paramref name="output"/>, which is left open.</summary>
    public static void Render(StatementDocument statement, Stream output) => Render([statement], output);

    /// <summary>
    /// Writes many statements into one PDF for a print run, each starting on a new page and numbered on its own.
    /// The PDF is built in memory, so a very large run is best split into batches of a few hundred.
    /// </summary>
    public static void Render(IEnumerable<StatementDocument> statements, Stream output)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(output);
        var list = statements.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("There is no statement to render.", nameof(statements));
        }

        list.ForEach(Validate);
        PdfFonts.EnsureRegistered();
        using var identity = new PdfIdentity();
        identity.Add("statements");
        list.ForEach(s => Identify(identity, s));

        var document = new PdfDocument();
        document.Options.CompressContentStreams = true;
        document.Info.Title = PdfText.Normalise(list.Count == 1
            ? $"Annual statement for {list[0].MemberName}, member number {list[0].MemberNumber}"
            : $"Annual statements ({list.Count})");
        document.Info.Author = PdfText.Normalise(list[0].SocietyRegisteredName);
        foreach (var statement in list)
        {
            Draw(document, statement);
        }

        identity.Stamp(document, list[0].StatementDate);
        identity.Save(document, output);
    }

    private static void Validate(StatementDocument s)
    {
        ArgumentNullException.ThrowIfNull(s);
        foreach (var (value, name) in new[]
        {
            (s.SocietyRegisteredName, nameof(s.SocietyRegisteredName)), (s.RegistrationNumber, nameof(s.RegistrationNumber)),
            (s.RegisteredOffice, nameof(s.RegisteredOffice)), (s.MemberName, nameof(s.MemberName)), (s.MemberNumber, nameof(s.MemberNumber)),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"{name} must be printed on the statement and is empty.", name);
            }
        }

        if (s.YearEnd < s.YearStart)
        {
            throw new ArgumentException($"The year ends ({DocumentText.Date(s.YearEnd)}) before it starts ({DocumentText.Date(s.YearStart)}).", nameof(s.YearEnd));
        }

        ArgumentNullException.ThrowIfNull(s.Movements, nameof(s.Movements));
        ArgumentNullException.ThrowIfNull(s.Interest, nameof(s.Interest));
        foreach (var date in s.Movements.Select(m => m?.Date).Concat(s.Interest.Select(i => i?.Date)))
        {
            if (date is not { } d)
            {
                throw new ArgumentException("A statement line is missing.", nameof(s.Movements));
            }

            if (d < s.YearStart || d > s.YearEnd)
            {
                throw new ArgumentException(
                    $"A line dated {DocumentText.Date(d)} falls outside the year {DocumentText.Date(s.YearStart)} to {DocumentText.Date(s.YearEnd)}.",
                    nameof(s.Movements));
            }
        }

        if (s.OpeningShares < 0 || s.ClosingShares < 0)
        {
            throw new ArgumentException("A holding cannot be fewer than no shares; the movements do not add up.", nameof(s.Movements));
        }
    }

    private static void Identify(PdfIdentity identity, StatementDocument s)
    {
        identity.Add(s.SocietyRegisteredName);
        identity.Add(s.RegistrationNumber);
        identity.Add(s.RegisteredOffice);
        identity.Add(s.MemberName);
        identity.Add(s.MemberNumber);
        identity.Add(s.MemberAddress);
        identity.Add(s.YearStart.DayNumber);
        identity.Add(s.YearEnd.DayNumber);
        identity.Add(s.StatementDate.DayNumber);
        identity.Add(s.OpeningShares);
        identity.Add(s.OpeningValuePence);
        identity.Add(s.Movements.Count);
        foreach (var m in s.Movements)
        {
            identity.Add(m.Date.DayNumber);
            identity.Add(m.Description);
            identity.Add(m.Shares);
            identity.Add(m.AmountPence);
        }

        identity.Add(s.Interest.Count);
        foreach (var i in s.Interest)
        {
            identity.Add(i.Date.DayNumber);
            identity.Add(i.Description);
            identity.Add(i.GrossPence);
            identity.Add(i.TaxDeductedPence);
        }
    }

    /// <summary>Lays the statement's rows out on pages, then draws each page with its heading and "Page n of m".</summary>
    private static void Draw(PdfDocument document, StatementDocument s)
    {
        var pages = Paginate(Rows(s));
        for (var number = 1; number <= pages.Count; number++)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            using var graphics = XGraphics.FromPdfPage(page);
            if (number == 1)
            {
                DrawFirstHeading(graphics, s);
            }
            else
            {
                DrawNextHeading(graphics, s);
            }

            foreach (var (row, top) in pages[number - 1])
            {
                row.Draw(graphics, top);
            }

            var footer = $"{s.SocietyRegisteredName} · annual statement for member {s.MemberNumber} · page {number} of {pages.Count}";
            PdfText.DrawFitted(graphics, PdfFontSet.Production, footer, PdfTypeface.Serif, 8, new XRect(Left, Bottom + 20, Width, 12), TextAlign.Centre, Grey);
        }
    }

    private static void DrawFirstHeading(XGraphics g, StatementDocument s)
    {
        Fit(g, s.SocietyRegisteredName, PdfTypeface.SerifBold, 15, new XRect(Left, 44, Width, 22), TextAlign.Left, Ink);
        Fit(g, $"Registration number {s.RegistrationNumber} · Registered office: {DocumentText.OneLine(s.RegisteredOffice)}", PdfTypeface.Serif, 8.5,
            new XRect(Left, 66, Width, 24), TextAlign.Left, Grey, maxLines: 2);
        g.DrawLine(Rule, Left, 94, Right, 94);

        Fit(g, s.MemberName, PdfTypeface.SerifBold, 12, new XRect(Left, 106, 280, 30), TextAlign.Left, XBrushes.Black, maxLines: 2);
        Fit(g, $"Member number {s.MemberNumber}", PdfTypeface.Serif, 10, new XRect(Left, 136, 280, 14), TextAlign.Left, XBrushes.Black);
        var address = (s.MemberAddress ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(6).ToList();
        for (var i = 0; i < address.Count; i++)
        {
            Fit(g, address[i], PdfTypeface.Serif, 10, new XRect(Left, 152 + (i * 13), 280, 13), TextAlign.Left, XBrushes.Black);
        }

        Fit(g, "Annual statement", PdfTypeface.SerifBold, 16, new XRect(Right - 200, 106, 200, 22), TextAlign.Right, Ink);
        Fit(g, $"Year {DocumentText.Date(s.YearStart)} to {DocumentText.Date(s.YearEnd)}", PdfTypeface.Serif, 10, new XRect(Right - 220, 128, 220, 14), TextAlign.Right, XBrushes.Black);
        Fit(g, $"Statement date {DocumentText.Date(s.StatementDate)}", PdfTypeface.Serif, 10, new XRect(Right - 220, 142, 220, 14), TextAlign.Right, XBrushes.Black);

        var box = new XRect(Left, 232, Width, 40);
        g.DrawRectangle(Hairline, Shade, box);
        SummaryLine(g, $"Holding at {DocumentText.Date(s.YearStart)}", s.OpeningShares, s.OpeningValuePence, box.Y + 4);
        SummaryLine(g, $"Holding at {DocumentText.Date(s.YearEnd)}", s.ClosingShares, s.ClosingValuePence, box.Y + 20);
    }

    private static void SummaryLine(XGraphics g, string label, long shares, long pence, double top)
    {
        Fit(g, label, PdfTypeface.SerifBold, 10.5, new XRect(Left + 8, top, 260, 16), TextAlign.Left, XBrushes.Black);
        Fit(g, $"{DocumentText.Count(shares)} {(shares == 1 ? "share" : "shares")}", PdfTypeface.Serif, 10.5, new XRect(Left + 270, top, 110, 16), TextAlign.Right, XBrushes.Black);
        Fit(g, DocumentText.Pounds(pence), PdfTypeface.SerifBold, 10.5, new XRect(Right - 110, top, 102, 16), TextAlign.Right, XBrushes.Black);
    }

    private static void DrawNextHeading(XGraphics g, StatementDocument s)
    {
        Fit(g, s.SocietyRegisteredName, PdfTypeface.SerifBold, 11, new XRect(Left, 44, Width, 16), TextAlign.Left, Ink);
        Fit(g, $"Annual statement, {DocumentText.Date(s.YearStart)} to {DocumentText.Date(s.YearEnd)}, for {s.MemberName} (member number {s.MemberNumber}), continued",
            PdfTypeface.Serif, 9, new XRect(Left, 60, Width, 14), TextAlign.Left, Grey);
        g.DrawLine(Rule, Left, 80, Right, 80);
    }

    /// <summary>Every row of the statement below the first page's heading, in order.</summary>
    private static List<Row> Rows(StatementDocument s)
    {
        var rows = new List<Row>();
        var movementsHeader = HeaderRow(MovementColumns);
        rows.Add(Heading("Movements in the year"));
        rows.Add(movementsHeader with { KeepWithNext = 1 });

        var shares = s.OpeningShares;
        var value = s.OpeningValuePence;
        rows.Add(CellRow([DocumentText.Date(s.YearStart), "Holding at start of year", "", "", DocumentText.Count(shares), DocumentText.Pounds(value)],
            MovementColumns, bold: false, movementsHeader));
        var ordered = s.Movements.Select((m, i) => (m, i)).OrderBy(x => x.m.Date).ThenBy(x => x.i).Select(x => x.m).ToList();
        if (ordered.Count == 0)
        {
            rows.Add(CellRow(["", "No movements in the year", "", "", "", ""], MovementColumns, bold: false, movementsHeader));
        }

        foreach (var m in ordered)
        {
            shares += m.Shares;
            value += m.AmountPence;
            rows.Add(CellRow(
                [DocumentText.Date(m.Date), m.Description, Signed(m.Shares), DocumentText.Pounds(m.AmountPence), DocumentText.Count(shares), DocumentText.Pounds(value)],
                MovementColumns, bold: false, movementsHeader));
        }

        rows.Add(CellRow(
            ["", "Total movements", Signed(ordered.Sum(m => m.Shares)), DocumentText.Pounds(ordered.Sum(m => m.AmountPence)), "", ""],
            MovementColumns, bold: true, movementsHeader, ruleAbove: true));
        rows.Add(CellRow(
            [DocumentText.Date(s.YearEnd), "Holding at end of year", "", "", DocumentText.Count(s.ClosingShares), DocumentText.Pounds(s.ClosingValuePence)],
            MovementColumns, bold: true, movementsHeader));

        if (s.Interest.Count > 0)
        {
            var interestHeader = HeaderRow(InterestColumns);
            rows.Add(Heading("Interest") with { KeepWithNext = 2 });
            rows.Add(interestHeader with { KeepWithNext = 1 });
            foreach (var i in s.Interest.Select((x, n) => (x, n)).OrderBy(x => x.x.Date).ThenBy(x => x.n).Select(x => x.x))
            {
                rows.Add(CellRow(
                    [DocumentText.Date(i.Date), i.Description, DocumentText.Pounds(i.GrossPence), DocumentText.Pounds(i.TaxDeductedPence), DocumentText.Pounds(i.NetPence)],
                    InterestColumns, bold: false, interestHeader));
            }

            rows.Add(CellRow(
                ["", "Total interest", DocumentText.Pounds(s.Interest.Sum(i => i.GrossPence)), DocumentText.Pounds(s.Interest.Sum(i => i.TaxDeductedPence)),
                    DocumentText.Pounds(s.Interest.Sum(i => i.NetPence))],
                InterestColumns, bold: true, interestHeader, ruleAbove: true));
            rows.Add(Note("Gross interest is taxable savings income; keep this statement with your tax records."));
        }

        return rows;
    }

    private static string Signed(long shares) => shares > 0 ? "+" + DocumentText.Count(shares) : DocumentText.Count(shares);

    /// <summary>Places rows on pages; a row that starts a new page in a table brings the table's heading with it.</summary>
    private static List<List<(Row Row, double Top)>> Paginate(List<Row> rows)
    {
        var pages = new List<List<(Row, double)>> { new() };
        var y = FirstTableTop;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var needed = row.Height + rows.Skip(i + 1).Take(row.KeepWithNext).Sum(r => r.Height);
            if (y + needed > Bottom && pages[^1].Count > 0)
            {
                pages.Add([]);
                y = NextTableTop;
                if (row.RepeatedHeader is { } header && !ReferenceEquals(header, row))
                {
                    pages[^1].Add((header, y));
                    y += header.Height;
                }
            }

            pages[^1].Add((row, y));
            y += row.Height;
        }

        return pages;
    }

    private static Row Heading(string text) =>
        new(24, (g, top) => Fit(g, text, PdfTypeface.SerifBold, 11.5, new XRect(Left, top + 6, Width, 16), TextAlign.Left, Ink), KeepWithNext: 2);

    private static Row Note(string text) =>
        new(22, (g, top) => Fit(g, text, PdfTypeface.Serif, 8.5, new XRect(Left, top + 6, Width, 14), TextAlign.Left, Grey));

    private static Row HeaderRow(Column[] columns) =>
        new(RowHeight + 2, (g, top) =>
        {
            g.DrawRectangle(Shade, Left, top, Width, RowHeight + 2);
            var x = Left;
            foreach (var c in columns)
            {
                Fit(g, c.Title, PdfTypeface.SerifBold, 8.5, new XRect(x + 3, top + 1, c.Width - 6, RowHeight), c.Align, XBrushes.Black);
                x += c.Width;
            }
        });

    private static Row CellRow(string[] cells, Column[] columns, bool bold, Row header, bool ruleAbove = false) =>
        new(RowHeight, (g, top) =>
        {
            if (ruleAbove)
            {
                g.DrawLine(Rule, Left, top, Right, top);
            }

            var x = Left;
            for (var i = 0; i < columns.Length; i++)
            {
                if (cells[i].Length > 0)
                {
                    Fit(g, cells[i], bold ? PdfTypeface.SerifBold : PdfTypeface.Serif, 9, new XRect(x + 3, top, columns[i].Width - 6, RowHeight),
                        columns[i].Align, XBrushes.Black, maxLines: i == 1 ? 2 : 1);
                }

                x += columns[i].Width;
            }

            g.DrawLine(Hairline, Left, top + RowHeight, Right, top + RowHeight);
        })
        {
            RepeatedHeader = header,
        };

    private static void Fit(XGraphics g, string text, PdfTypeface face, double size, XRect box, TextAlign align, XBrush brush, int maxLines = 1) =>
        PdfText.DrawFitted(g, PdfFontSet.Production, text, face, size, box, align, brush, maxLines);

    private sealed record Column(string Title, double Width, TextAlign Align);

    /// <summary>One row of the layout: its height, how to draw it at a given top, and what must stay on its page.</summary>
    private sealed record Row(double Height, Action<XGraphics, double> Draw, int KeepWithNext = 0)
    {
        public Row? RepeatedHeader { get; init; }
    }
}
