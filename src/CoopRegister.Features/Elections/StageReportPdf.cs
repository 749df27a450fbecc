using CoopRegister.Domain.Voting.Counting;
using CoopRegister.Features.Certificates;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static System.FormattableString;

namespace CoopRegister.Features.Elections;

/// <summary>
/// The stage-by-stage report of a count as a PDF for publication (voting.md: anyone must be able to follow and check
/// the count): the title, the counting rules, the seats, the valid and rejected papers, the quota, who was elected in
/// order, how each tie was broken and the lots used, what each stage did, then the table of every candidate's votes at
/// every stage with the non-transferable papers, the residual and the total. A4 landscape; a count with many stages
/// is split into blocks of stage columns, and one with many candidates into blocks of rows, each block repeating its
/// headings, so that 30 candidates over 40 stages stay at a readable size. A count that has not been declared can be
/// marked DRAFT on every page. The same result, date and options always give the same bytes.
/// Only formatting happens here: every figure and sentence comes from the count (<see cref="CountReport"/>).
/// </summary>
public static class StageReportPdf
{
    private const double PageWidth = 841.89;
    private const double PageHeight = 595.28;
    private const double Left = 36;
    private const double Right = PageWidth - 36;
    private const double Width = Right - Left;
    private const double Top = 36;
    private const double Bottom = PageHeight - 40;
    private const double NameColumn = 160;
    private const double RowHeight = 11.5;
    private const double HeaderHeight = 44;
    private const double CellSize = 7.5;

    private static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(28, 52, 94));
    private static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(90, 90, 90));
    private static readonly XBrush Shade = new XSolidBrush(XColor.FromArgb(238, 241, 246));
    private static readonly XBrush DraftInk = new XSolidBrush(XColor.FromArgb(200, 40, 40));
    private static readonly XBrush Watermark = new XSolidBrush(XColor.FromArgb(40, 200, 40, 40));
    private static readonly XPen Rule = new(XColor.FromArgb(28, 52, 94), 0.75);
    private static readonly XPen Hairline = new(XColor.FromArgb(190, 190, 190), 0.4);

    /// <summary>
    /// Renders the report. <paramref name="date"/> is the date the report is made for (printed, and the PDF's creation
    /// date); <paramref name="draft"/> marks every page DRAFT; <paramref name="society"/>, when given, heads the first page.
    /// </summary>
    public static byte[] Render(CountResult result, DateOnly date, bool draft, string? society = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        PdfFonts.EnsureRegistered();
        var title = result.Title.Trim().Length == 0 ? "Election count" : result.Title.Trim();
        using var identity = new PdfIdentity();
        identity.Add("stage-report");
        identity.Add(society);
        identity.Add(date.DayNumber);
        identity.Add(draft);
        identity.Add(CountReport.ToText(result));

        var document = new PdfDocument();
        document.Options.CompressContentStreams = true;
        document.Info.Title = PdfText.Normalise($"{(draft ? "DRAFT " : "")}Stage-by-stage report: {title}");
        if (society is not null)
        {
            document.Info.Author = PdfText.Normalise(society);
        }

        var layout = new Layout(document);
        if (!string.IsNullOrWhiteSpace(society))
        {
            layout.Text(society, PdfTypeface.SerifBold, 13, 19, Ink);
        }

        layout.Text($"{(draft ? "DRAFT — " : "")}Stage-by-stage report: {title}", PdfTypeface.SerifBold, 15, 22, draft ? DraftInk : Ink, maxLines: 2);
        layout.Text(draft
                ? $"DRAFT: the count before the returning officer's declaration. Not for publication. Report made {DocumentText.Date(date)}."
                : $"Report made {DocumentText.Date(date)}.",
            PdfTypeface.Serif, 9.5, 15, draft ? DraftInk : Grey);
        layout.RuleLine();
        Summary(layout, result);
        Stages(layout, result);
        Table(layout, result);

        layout.Finish(number => $"{title} · {(draft ? "DRAFT " : "")}stage-by-stage report · page {number} of {layout.Pages}", draft);
        identity.Stamp(document, date);
        using var output = new MemoryStream(64 * 1024);
        identity.Save(document, output);
        return output.ToArray();
    }

    private static void Summary(Layout layout, CountResult result)
    {
        layout.Pair("Method", CountReport.DescribeMethod(result.Method));
        layout.Pair("Seats", Invariant($"{result.Seats}"));
        layout.Pair("Valid papers", DocumentText.Count(result.ValidPapers));
        layout.Pair("Rejected papers", result.Rejected.Count == 0
            ? "none"
            : string.Join("; ", result.Rejected.Select(r => $"{DocumentText.Count(r.Papers)} ({r.Reason})")), lines: 2);
        layout.Pair("Quota", result.Quota is { } quota ? quota.ToString() : "none (plurality: the candidates with most votes are elected)");
        if (result.LotRequired is not null)
        {
            layout.Pair("Outcome", CountReport.DescribeLotRequest(result), lines: 3, brush: DraftInk);
        }

        layout.Gap(4);
        layout.Heading(result.Outcome == CountOutcome.Complete ? "Elected, in order" : "Elected so far, in order");
        if (result.Elected.Count == 0)
        {
            layout.Text("Nobody.", PdfTypeface.Serif, 9.5, 14, XBrushes.Black);
        }

        for (var i = 0; i < result.Elected.Count; i++)
        {
            layout.Text(Invariant($"{i + 1}. {result.NameOf(result.Elected[i])}"), PdfTypeface.SerifBold, 10, 14, XBrushes.Black);
        }

        if (result.TieBreaks.Count > 0 || result.LotsUsed.Count > 0 || result.UnusedLots.Count > 0)
        {
            layout.Gap(4);
            layout.Heading("Ties and lots");
            foreach (var tie in result.TieBreaks)
            {
                layout.Text(Invariant($"Stage {tie.Stage}: {CountReport.DescribeTie(result, tie)}"), PdfTypeface.Serif, 9, 13, XBrushes.Black, maxLines: 2);
            }

            foreach (var lot in result.LotsUsed)
            {
                layout.Text(Invariant($"Lot used at stage {lot.Stage} between {string.Join(", ", lot.Tied.Select(result.NameOf))}: it fell on {result.NameOf(lot.Drawn)}."),
                    PdfTypeface.Serif, 9, 13, XBrushes.Black, maxLines: 2);
            }

            foreach (var lot in result.UnusedLots)
            {
                layout.Text(Invariant($"Lot not used (no such tie in this count): stage {lot.Stage}, drawn {result.NameOf(lot.Drawn)}."),
                    PdfTypeface.Serif, 9, 13, Grey, maxLines: 2);
            }
        }
    }

    private static void Stages(Layout layout, CountResult result)
    {
        layout.Gap(4);
        layout.Heading("The stages");
        foreach (var stage in result.Stages)
        {
            layout.Text(Invariant($"Stage {stage.Number}: {CountReport.DescribeAction(result, stage)}."), PdfTypeface.Serif, 9, 13, XBrushes.Black, maxLines: 2);

            // Who was elected goes on lines of its own, so that a long list is not shrunk into the action's line.
            if (stage.ElectedWithQuota.Count > 0)
            {
                layout.Text($"      Elected with the quota: {string.Join(", ", stage.ElectedWithQuota.Select(result.NameOf))}.", PdfTypeface.Serif, 9, 13, XBrushes.Black, maxLines: 3);
            }

            if (stage.ElectedAsRemaining.Count > 0)
            {
                layout.Text($"      Elected as the continuing candidates fill the remaining seats (r.52): {string.Join(", ", stage.ElectedAsRemaining.Select(result.NameOf))}.",
                    PdfTypeface.Serif, 9, 13, XBrushes.Black, maxLines: 3);
            }
        }
    }

    /// <summary>
    /// The votes table, in blocks of as many stage columns as fit the page width and as many candidate rows as fit the
    /// page height; each block repeats the names and the stage headings.
    /// </summary>
    private static void Table(Layout layout, CountResult result)
    {
        var isStv = result.Method == CountMethod.ScottishStv;
        var rows = new List<Row>();
        for (var c = 0; c < result.Candidates.Count; c++)
        {
            rows.Add(new Row(Invariant($"{c + 1}. {result.NameOf(c)}"), c, null));
        }

        if (isStv)
        {
            rows.Add(new Row("Non-transferable", null, s => s.NonTransferable.ToString()));
            rows.Add(new Row("Residual (rounding)", null, s => s.Residual.ToString()));
            rows.Add(new Row("Total", null, s => s.Total.ToString()));
        }

        // The widest figure decides the column width; everything is shrunk to fit its cell in any case.
        var widest = result.Stages.SelectMany(s => s.Votes.Select(v => v.ToString().Length).Append(s.Total.ToString().Length)).DefaultIfEmpty(7).Max();
        var column = Math.Max(52, ((widest + 1) * CellSize * 0.64) + 8);
        var perBlock = Math.Max(1, (int)((Width - NameColumn) / column));
        var rowsPerBlock = Math.Max(4, (int)((Bottom - Top - HeaderHeight - 60) / RowHeight));

        layout.Gap(6);

        // The heading, its key and the first block stay together on one page.
        layout.Need(18 + 13 + 16 + HeaderHeight + (Math.Min(rows.Count, rowsPerBlock) * RowHeight));
        layout.Heading("Votes at each stage");
        layout.Text("Bold: elected. * elected at this stage. A candidate excluded or withdrawn holds no votes; the cell says which.",
            PdfTypeface.Serif, 8.5, 13, Grey);
        for (var first = 0; first < result.Stages.Count; first += perBlock)
        {
            var stages = result.Stages.Skip(first).Take(perBlock).ToList();
            for (var top = 0; top < rows.Count; top += rowsPerBlock)
            {
                var block = rows.Skip(top).Take(rowsPerBlock).ToList();
                var caption = Invariant($"Stages {stages[0].Number}–{stages[^1].Number} of {result.Stages.Count}");
                if (rows.Count > rowsPerBlock)
                {
                    caption += Invariant($", rows {top + 1}–{top + block.Count} of {rows.Count}");
                }

                layout.Need(16 + HeaderHeight + (block.Count * RowHeight));
                layout.Text(caption, PdfTypeface.SansBold, 8.5, 16, Ink);
                layout.TableHeader(result, stages, column);
                for (var i = 0; i < block.Count; i++)
                {
                    layout.TableRow(result, block[i], stages, column, shaded: (top + i) % 2 == 1, ruleAbove: block[i].Candidate is null && (i == 0 || block[i - 1].Candidate is not null));
                }

                layout.Gap(10);
            }
        }
    }

    private static string Short(CountStage stage) => stage.Action switch
    {
        StageAction.FirstPreferences => "First preferences",
        StageAction.SurplusTransfer => "Surplus of",
        StageAction.Exclusion => "Exclusion of",
        _ => "Votes counted",
    };

    /// <summary>One row of the table: a candidate (by index) or a total computed from the stage.</summary>
    private sealed record Row(string Label, int? Candidate, Func<CountStage, string>? Figure);

    /// <summary>A top-down cursor over A4 landscape pages that starts a new page when the next block would cross the bottom margin.</summary>
    private sealed class Layout(PdfDocument document) : PdfPageFlow(document, PageWidth, PageHeight, Top, Bottom)
    {
        public void Text(string text, PdfTypeface face, double size, double height, XBrush brush, int maxLines = 1)
        {
            var total = height * Math.Min(maxLines, Lines(G, text, face, size, Width));
            Need(total);
            Fit(G, text, face, size, new XRect(Left, Y, Width, total), TextAlign.Left, brush, maxLines);
            Y += total;
        }

        public void Heading(string text)
        {
            Need(34);
            Fit(G, text, PdfTypeface.SerifBold, 11.5, new XRect(Left, Y, Width, 18), TextAlign.Left, Ink);
            Y += 18;
        }

        public void RuleLine()
        {
            Need(8);
            G.DrawLine(Rule, Left, Y + 3, Right, Y + 3);
            Y += 8;
        }

        public void Pair(string label, string value, int lines = 1, XBrush? brush = null)
        {
            var height = 14.0 * Math.Min(lines, Lines(G, value, PdfTypeface.Serif, 9.5, Width - 125));
            Need(height);
            Fit(G, label, PdfTypeface.SerifBold, 9.5, new XRect(Left, Y, 120, 14), TextAlign.Left, XBrushes.Black);
            Fit(G, value, PdfTypeface.Serif, 9.5, new XRect(Left + 125, Y, Width - 125, height), TextAlign.Left, brush ?? XBrushes.Black, lines);
            Y += height;
        }

        public void TableHeader(CountResult result, IReadOnlyList<CountStage> stages, double column)
        {
            var g = G;
            g.DrawRectangle(Shade, Left, Y, NameColumn + (stages.Count * column), HeaderHeight);
            Fit(g, "Candidate", PdfTypeface.SansBold, 8, new XRect(Left + 3, Y + HeaderHeight - 13, NameColumn - 6, 12), TextAlign.Left, XBrushes.Black);
            for (var i = 0; i < stages.Count; i++)
            {
                var x = Left + NameColumn + (i * column);
                var stage = stages[i];
                Fit(g, Invariant($"Stage {stage.Number}"), PdfTypeface.SansBold, 8, new XRect(x + 2, Y + 1, column - 4, 11), TextAlign.Right, XBrushes.Black);
                Fit(g, Short(stage), PdfTypeface.Sans, 6.5, new XRect(x + 2, Y + 12, column - 4, 10), TextAlign.Right, Grey);
                if (stage.Candidate is { } who)
                {
                    Fit(g, result.NameOf(who), PdfTypeface.Sans, 6.5, new XRect(x + 2, Y + 21, column - 4, 22), TextAlign.Right, Grey, maxLines: 2);
                }
            }

            Y += HeaderHeight;
        }

        public void TableRow(CountResult result, Row row, IReadOnlyList<CountStage> stages, double column, bool shaded, bool ruleAbove)
        {
            var g = G;
            var width = NameColumn + (stages.Count * column);
            if (shaded)
            {
                g.DrawRectangle(Shade, Left, Y, width, RowHeight);
            }

            if (ruleAbove)
            {
                g.DrawLine(Rule, Left, Y, Left + width, Y);
            }

            var finallyElected = row.Candidate is { } c && result.FinalStatuses[c] == CandidateStatus.Elected;
            Fit(g, row.Label, finallyElected || row.Candidate is null ? PdfTypeface.SansBold : PdfTypeface.Sans, CellSize,
                new XRect(Left + 3, Y, NameColumn - 6, RowHeight), TextAlign.Left, XBrushes.Black);
            for (var i = 0; i < stages.Count; i++)
            {
                var stage = stages[i];
                var box = new XRect(Left + NameColumn + (i * column) + 2, Y, column - 4, RowHeight);
                if (row.Candidate is not { } candidate)
                {
                    Fit(g, row.Figure!(stage), PdfTypeface.Sans, CellSize, box, TextAlign.Right, XBrushes.Black);
                    continue;
                }

                var status = stage.Statuses[candidate];
                if (status is CandidateStatus.Excluded or CandidateStatus.Withdrawn)
                {
                    Fit(g, CountReport.DescribeStatus(status), PdfTypeface.Sans, CellSize - 0.5, box, TextAlign.Right, Grey);
                    continue;
                }

                var justElected = stage.ElectedWithQuota.Contains(candidate) || stage.ElectedAsRemaining.Contains(candidate)
                    || (stage.Action == StageAction.Tally && status == CandidateStatus.Elected);
                var text = stage.Votes[candidate].ToString() + (justElected ? "*" : "");
                Fit(g, text, status == CandidateStatus.Elected ? PdfTypeface.SansBold : PdfTypeface.Sans, CellSize, box, TextAlign.Right, XBrushes.Black);
            }

            g.DrawLine(Hairline, Left, Y + RowHeight, Left + width, Y + RowHeight);
            Y += RowHeight;
        }

        /// <summary>Draws each page's footer once the page count is known, and the DRAFT watermark on every page of a draft.</summary>
        public void Finish(Func<int, string> footer, bool draft)
        {
            StampPages((g, page) =>
            {
                Fit(g, footer(page), PdfTypeface.Serif, 8, new XRect(Left, Bottom + 18, Width, 12), TextAlign.Centre, Grey);
                if (draft)
                {
                    Fit(g, "DRAFT", PdfTypeface.SansBold, 16, new XRect(Right - 100, 10, 100, 22), TextAlign.Right, DraftInk);
                    var state = g.Save();
                    g.RotateAtTransform(-30, new XPoint(PageWidth / 2, PageHeight / 2));
                    Fit(g, "DRAFT", PdfTypeface.SansBold, 150, new XRect(0, (PageHeight / 2) - 90, PageWidth, 180), TextAlign.Centre, Watermark);
                    g.Restore(state);
                }
            });
        }

        /// <summary>
        /// The lines <paramref name="text"/> takes in a box <paramref name="width"/> wide, to reserve its height: one
        /// when it fits, or when shrinking it to fit keeps three quarters of its size (what the text setter prefers to
        /// wrapping); otherwise as many as its width needs.
        /// </summary>
        private static int Lines(XGraphics g, string text, PdfTypeface face, double size, double width)
        {
            var measured = g.MeasureString(PdfText.Normalise(text), PdfFonts.Get(face, size)).Width;
            return measured <= width / 0.75 ? 1 : (int)Math.Ceiling(measured * 1.05 / width);
        }
    }

    private static void Fit(XGraphics g, string text, PdfTypeface face, double size, XRect box, TextAlign align, XBrush brush, int maxLines = 1) =>
        PdfText.DrawFitted(g, PdfFontSet.Production, text, face, size, box, align, brush, maxLines);
}
