using CoopRegister.Features.Certificates;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CoopRegister.Features.Meetings;

/// <summary>One line of the printed marked register.</summary>
/// <param name="MemberNumber">The member's number in the register.</param>
/// <param name="Name">The member's name as the register holds it, in any script.</param>
/// <param name="Status">Already marked: "Voted online", "Attended here", "Attended at Glasgow"; empty when unmarked.</param>
internal sealed record MarkedRegisterLine(long MemberNumber, string Name, string Status);

/// <summary>What heads every page of a section's marked register.</summary>
internal sealed record MarkedRegisterHeading(
    string SocietyName, string MeetingTitle, string Section, string SectionWhenAndWhere, string Order, string RollHash, DateOnly Printed, long Rows);

/// <summary>
/// The printed marked register for one section (issue: "printed as a marked register for each section"): a fixed
/// number of rows a page, so the page count is known from the row count before the first row is read and every page
/// can say "page n of m" while the rows stream in from the database. Each row has a box for the teller's mark; a
/// member already marked (voted online, attended) says so instead, so that no one is issued a second paper
/// (domain rule 53: one member, one vote, at one section).
/// </summary>
internal static class MarkedRegisterPdf
{
    public const int RowsPerPage = 40;

    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Left = 40;
    private const double Right = PageWidth - 40;
    private const double Width = Right - Left;
    private const double TableTop = 112;
    private const double RowHeight = 16.5;

    private static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(28, 52, 94));
    private static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(90, 90, 90));
    private static readonly XBrush Shade = new XSolidBrush(XColor.FromArgb(238, 241, 246));
    private static readonly XPen Rule = new(XColor.FromArgb(28, 52, 94), 0.75);
    private static readonly XPen Hairline = new(XColor.FromArgb(200, 200, 200), 0.4);
    private static readonly XPen BoxPen = new(XColors.Black, 0.6);

    private static readonly (string Title, double Width, TextAlign Align)[] Columns =
    [
        ("Member no.", 70, TextAlign.Right),
        ("Name", 250, TextAlign.Left),
        ("Already marked", 135, TextAlign.Left),
        ("Teller's mark", Width - 455, TextAlign.Centre),
    ];

    public static int PageCount(long rows) => (int)Math.Max(1, (rows + RowsPerPage - 1) / RowsPerPage);

    /// <summary>
    /// Draws the lines, which must number <see cref="MarkedRegisterHeading.Rows"/>, a page at a time. Only one page of
    /// lines is held; PDFsharp keeps each finished page's compressed content until it saves the file.
    /// </summary>
    public static async Task RenderAsync(MarkedRegisterHeading heading, IAsyncEnumerable<MarkedRegisterLine> lines, Stream output, CancellationToken cancellationToken)
    {
        PdfFonts.EnsureRegistered();
        using var identity = new PdfIdentity();
        identity.Add("marked-register");
        identity.Add(heading.SocietyName);
        identity.Add(heading.MeetingTitle);
        identity.Add(heading.Section);
        identity.Add(heading.SectionWhenAndWhere);
        identity.Add(heading.Order);
        identity.Add(heading.RollHash);
        identity.Add(heading.Rows);

        var document = new PdfDocument();
        document.Options.CompressContentStreams = true;
        document.Info.Title = PdfText.Normalise($"Marked register: {heading.MeetingTitle}, {heading.Section}");
        document.Info.Author = PdfText.Normalise(heading.SocietyName);
        var pages = PageCount(heading.Rows);
        var page = new List<MarkedRegisterLine>(RowsPerPage);
        var drawn = 0;
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            identity.Add(line.MemberNumber);
            identity.Add(line.Name);
            identity.Add(line.Status);
            page.Add(line);
            if (page.Count == RowsPerPage)
            {
                DrawPage(document, heading, page, ++drawn, pages);
                page.Clear();
            }
        }

        if (page.Count > 0 || drawn == 0)
        {
            DrawPage(document, heading, page, ++drawn, pages);
        }

        if (drawn != pages)
        {
            throw new InvalidOperationException($"The roll changed while it was printed: {drawn} pages were drawn for {pages} expected.");
        }

        identity.Stamp(document, heading.Printed);
        using var buffer = new MemoryStream(64 * 1024);
        identity.Save(document, buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    private static void DrawPage(PdfDocument document, MarkedRegisterHeading h, List<MarkedRegisterLine> lines, int number, int pages)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        using var g = XGraphics.FromPdfPage(page);
        Fit(g, h.SocietyName, PdfTypeface.SerifBold, 12, new XRect(Left, 30, Width - 120, 18), TextAlign.Left, Ink);
        Fit(g, "Marked register", PdfTypeface.SerifBold, 12, new XRect(Right - 120, 30, 120, 18), TextAlign.Right, Ink);
        Fit(g, $"{h.MeetingTitle} · {h.Section}", PdfTypeface.SerifBold, 10, new XRect(Left, 50, Width, 15), TextAlign.Left, XBrushes.Black);
        Fit(g, h.SectionWhenAndWhere, PdfTypeface.Serif, 9, new XRect(Left, 65, Width, 13), TextAlign.Left, XBrushes.Black);
        Fit(g, $"{DocumentText.Count(h.Rows)} members on the roll, {h.Order} · roll SHA-256 {h.RollHash}", PdfTypeface.Sans, 7, new XRect(Left, 79, Width, 12), TextAlign.Left, Grey);
        g.DrawLine(Rule, Left, 94, Right, 94);

        var top = TableTop - RowHeight - 2;
        g.DrawRectangle(Shade, Left, top, Width, RowHeight);
        var x = Left;
        foreach (var c in Columns)
        {
            Fit(g, c.Title, PdfTypeface.SerifBold, 8.5, new XRect(x + 3, top, c.Width - 6, RowHeight), c.Align, XBrushes.Black);
            x += c.Width;
        }

        var y = TableTop;
        foreach (var line in lines)
        {
            x = Left;
            string[] cells = [line.MemberNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), line.Name, line.Status];
            for (var i = 0; i < cells.Length; i++)
            {
                Fit(g, cells[i], i == 2 ? PdfTypeface.SansBold : PdfTypeface.Serif, 9, new XRect(x + 3, y, Columns[i].Width - 6, RowHeight), Columns[i].Align, XBrushes.Black);
                x += Columns[i].Width;
            }

            if (line.Status.Length == 0)
            {
                // An empty box only where a teller may still mark: a member already marked gets no second paper.
                g.DrawRectangle(BoxPen, x + ((Columns[3].Width - 12) / 2), y + 2.5, 12, 12);
            }

            g.DrawLine(Hairline, Left, y + RowHeight, Right, y + RowHeight);
            y += RowHeight;
        }

        if (lines.Count == 0)
        {
            Fit(g, "No members on the roll.", PdfTypeface.Serif, 9, new XRect(Left, y, Width, RowHeight), TextAlign.Left, Grey);
        }

        Fit(g, $"{h.SocietyName} · marked register, {h.Section} · printed {DocumentText.Date(h.Printed)} · page {number} of {pages}", PdfTypeface.Serif, 8,
            new XRect(Left, PageHeight - 40, Width, 12), TextAlign.Centre, Grey);
    }

    private static void Fit(XGraphics g, string text, PdfTypeface face, double size, XRect box, TextAlign align, XBrush brush) =>
        PdfText.DrawFitted(g, PdfFontSet.Production, text, face, size, box, align, brush);
}
