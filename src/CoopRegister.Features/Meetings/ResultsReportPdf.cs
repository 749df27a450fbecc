using System.Globalization;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Certificates;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CoopRegister.Features.Meetings;

/// <summary>
/// The declared results of a general meeting as a PDF for publication (A4 portrait; design/voting.md "Declaration"):
/// the society (Act s.10), the meeting, its sections, the eligibility rule, the members entitled, who voted by which
/// channel, the turnout and the roll's SHA-256, then each motion with its threshold, counts, percentages and the
/// result, the reconciliation note if the tellers' figures did not agree, and who declared and when. A report made
/// before the declaration is marked DRAFT on every page. The same results always give the same bytes.
/// </summary>
internal static class ResultsReportPdf
{
    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Left = 50;
    private const double Right = PageWidth - 50;
    private const double Width = Right - Left;
    private const double Top = 44;
    private const double Bottom = 780;

    private static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(28, 52, 94));
    private static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(90, 90, 90));
    private static readonly XBrush Shade = new XSolidBrush(XColor.FromArgb(238, 241, 246));
    private static readonly XBrush Carried = new XSolidBrush(XColor.FromArgb(25, 110, 60));
    private static readonly XBrush Lost = new XSolidBrush(XColor.FromArgb(170, 30, 40));
    private static readonly XBrush DraftInk = new XSolidBrush(XColor.FromArgb(200, 40, 40));
    private static readonly XPen Rule = new(XColor.FromArgb(28, 52, 94), 0.75);
    private static readonly XPen Hairline = new(XColor.FromArgb(200, 200, 200), 0.4);

    public static byte[] Render(string societyName, string registrationNumber, MeetingResults r)
    {
        PdfFonts.EnsureRegistered();
        var draft = r.Status != MeetingStatus.Declared;
        using var identity = new PdfIdentity();
        identity.Add("meeting-results");
        identity.Add(societyName);
        identity.Add(registrationNumber);
        identity.Add(System.Text.Json.JsonSerializer.Serialize(r));

        var document = new PdfDocument();
        document.Options.CompressContentStreams = true;
        document.Info.Title = PdfText.Normalise($"{(draft ? "DRAFT " : "")}Results: {r.Title}");
        document.Info.Author = PdfText.Normalise(societyName);
        var layout = new Layout(document);

        layout.Text(societyName, PdfTypeface.SerifBold, 15, 22, Ink);
        layout.Text($"Registration number {registrationNumber}", PdfTypeface.Serif, 9, 14, Grey);
        layout.RuleLine();
        layout.Text($"{(draft ? "DRAFT — " : "")}Results: {r.Title}", PdfTypeface.SerifBold, 14, 22, draft ? DraftInk : Ink, maxLines: 2);
        layout.Text($"{r.Kind.Describe()}. " + string.Join("; ", r.Sections.Select(s => $"{s.Name}, {DocumentText.Date(s.Date)}{(s.Place.Length > 0 ? ", " + s.Place : "")}")) + ".",
            PdfTypeface.Serif, 10, 28, XBrushes.Black, maxLines: 2);
        layout.Text(draft
                ? "DRAFT: the count before the returning officer's declaration. Not for publication."
                : $"Declared by the returning officer, {r.DeclaredBy}, on {Utc(r.DeclaredAt)}.",
            PdfTypeface.SerifBold, 10, 16, draft ? DraftInk : XBrushes.Black);
        layout.Gap(6);

        layout.Pair("Eligibility", r.Eligibility);
        layout.Pair("Members entitled to vote", DocumentText.Count(r.Eligible));
        layout.Pair("Members who voted", $"{DocumentText.Count(r.Voted)} (turnout {r.Turnout})");
        layout.Pair("Ballots by channel", $"{DocumentText.Count(r.OnlineBallots)} online; {DocumentText.Count(r.PaperBallots)} on paper at the meeting");
        layout.Pair("Spoilt papers", $"{DocumentText.Count(r.SpoiltPapers)} (not counted)");
        if (r.ReconciliationDifferences is not null)
        {
            layout.Pair("Reconciliation", $"The tellers' figures did not reconcile ({r.ReconciliationDifferences}). Their explanation, signed off by a second teller: {r.ReconciliationNote}", lines: 4);
        }

        layout.Pair("Voter roll SHA-256", r.RollHash, face: PdfTypeface.Sans, size: 7.5);
        layout.Gap(8);

        foreach (var m in r.Motions)
        {
            Motion(layout, m);
        }

        layout.Finish(number => $"{societyName} · {(draft ? "DRAFT " : "")}results of {r.Title} · page {number} of {layout.Pages}", draft);
        identity.Stamp(document, r.DeclaredAt is { } at ? DateOnly.FromDateTime(at) : r.Sections.Select(s => s.Date).DefaultIfEmpty(new DateOnly(2000, 1, 1)).Max());
        using var output = new MemoryStream(32 * 1024);
        identity.Save(document, output);
        return output.ToArray();
    }

    private static void Motion(Layout layout, MotionView m)
    {
        // Keep a motion's block together on one page: 150 points is its height with a two-line title and text.
        layout.Need(150);
        var res = m.Result;
        layout.Shaded($"Motion {m.Number}: {m.Title}", res is null ? "NOT COUNTED" : res.Carried ? "CARRIED" : "NOT CARRIED", res?.Carried == true ? Carried : Lost);
        layout.Text(m.Text, PdfTypeface.Serif, 9, 24, XBrushes.Black, maxLines: 2);
        layout.Text($"Threshold: {m.Threshold.Describe()}", PdfTypeface.Serif, 8.5, 13, Grey);
        if (res is null)
        {
            layout.Gap(8);
            return;
        }

        if (res.DecidedBy == MotionMethod.ShowOfHands)
        {
            layout.Text(res.Counted ? "Decided by show of hands: the sections' counts added together." : "Decided by show of hands: the chair's declaration, without a count.",
                PdfTypeface.Serif, 8.5, 13, XBrushes.Black);
            if (!res.Counted)
            {
                layout.Gap(10);
                return;
            }
        }

        var abstainNote = m.Threshold.AbstentionsCount ? "counted as votes cast" : "not votes cast";
        var byBallot = res.DecidedBy == MotionMethod.Ballot;
        layout.Row("For", DocumentText.Count(res.For), res.ForPercent, byBallot ? $"{DocumentText.Count(res.PaperFor)} on paper" : "hands");
        layout.Row("Against", DocumentText.Count(res.Against), res.AgainstPercent, byBallot ? $"{DocumentText.Count(res.PaperAgainst)} on paper" : "hands");
        layout.Row("Abstain", DocumentText.Count(res.Abstain), abstainNote, byBallot ? $"{DocumentText.Count(res.PaperAbstain)} on paper" : "hands");
        layout.Row("Votes cast", DocumentText.Count(res.VotesCast), "", "");
        if (m.Threshold.Kind == ThresholdKind.ConversionS113)
        {
            layout.Text($"Turnout test (Act s.113: at least half the eligible members voting): {(res.TurnoutMet ? "met" : "not met")}.", PdfTypeface.Serif, 8.5, 13, XBrushes.Black);
        }

        layout.Gap(10);
    }

    private static string Utc(DateTime? at) =>
        at is { } t ? t.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture) : "";

    /// <summary>A top-down cursor over A4 pages that starts a new page when the next block would cross the bottom margin.</summary>
    private sealed class Layout(PdfDocument document) : PdfPageFlow(document, PageWidth, PageHeight, Top, Bottom)
    {
        public void Text(string text, PdfTypeface face, double size, double height, XBrush brush, int maxLines = 1)
        {
            Need(height);
            Fit(G, text, face, size, new XRect(Left, Y, Width, height), TextAlign.Left, brush, maxLines);
            Y += height;
        }

        public void RuleLine()
        {
            Need(8);
            G.DrawLine(Rule, Left, Y + 3, Right, Y + 3);
            Y += 8;
        }

        public void Pair(string label, string value, int lines = 1, PdfTypeface face = PdfTypeface.Serif, double size = 9.5)
        {
            var height = 15.0 * lines;
            Need(height);
            Fit(G, label, PdfTypeface.SerifBold, 9.5, new XRect(Left, Y, 150, 15), TextAlign.Left, XBrushes.Black);
            Fit(G, value, face, size, new XRect(Left + 155, Y, Width - 155, height), TextAlign.Left, XBrushes.Black, lines);
            Y += height;
        }

        public void Shaded(string title, string badge, XBrush badgeBrush)
        {
            Need(22);
            G.DrawRectangle(Shade, Left, Y, Width, 20);
            Fit(G, title, PdfTypeface.SerifBold, 11, new XRect(Left + 6, Y + 2, Width - 130, 16), TextAlign.Left, Ink);
            Fit(G, badge, PdfTypeface.SansBold, 10.5, new XRect(Right - 122, Y + 2, 116, 16), TextAlign.Right, badgeBrush);
            Y += 24;
        }

        public void Row(string label, string count, string percent, string note)
        {
            Need(15);
            Fit(G, label, PdfTypeface.SerifBold, 9.5, new XRect(Left + 6, Y, 90, 15), TextAlign.Left, XBrushes.Black);
            Fit(G, count, PdfTypeface.Serif, 9.5, new XRect(Left + 100, Y, 80, 15), TextAlign.Right, XBrushes.Black);
            Fit(G, percent, PdfTypeface.Serif, 9.5, new XRect(Left + 195, Y, 130, 15), TextAlign.Left, XBrushes.Black);
            Fit(G, note, PdfTypeface.Serif, 8.5, new XRect(Left + 330, Y, Width - 330, 15), TextAlign.Left, Grey);
            G.DrawLine(Hairline, Left, Y + 15, Right, Y + 15);
            Y += 15;
        }

        /// <summary>Draws each page's footer once the page count is known, and the DRAFT mark on every page of a draft.</summary>
        public void Finish(Func<int, string> footer, bool draft)
        {
            StampPages((g, page) =>
            {
                Fit(g, footer(page), PdfTypeface.Serif, 8, new XRect(Left, Bottom + 20, Width, 12), TextAlign.Centre, Grey);
                if (draft)
                {
                    Fit(g, "DRAFT", PdfTypeface.SansBold, 16, new XRect(Right - 100, 14, 100, 22), TextAlign.Right, DraftInk);
                }
            });
        }
    }

    private static void Fit(XGraphics g, string text, PdfTypeface face, double size, XRect box, TextAlign align, XBrush brush, int maxLines = 1) =>
        PdfText.DrawFitted(g, PdfFontSet.Production, text, face, size, box, align, brush, maxLines);
}
