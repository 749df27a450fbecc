using System.Globalization;
using System.Text;
using PdfSharp.Drawing;

namespace CoopRegister.Features.Certificates;

/// <summary>A stretch of text drawn in one face.</summary>
internal readonly record struct TextRun(PdfTypeface Face, string Text);

/// <summary>Where a line of text sits in its box.</summary>
internal enum TextAlign
{
    Left,
    Centre,
    Right,
}

/// <summary>
/// Sets text the way every CoopRegister PDF does. Names are text, never markup: nothing is escaped or interpreted.
/// PDFsharp draws glyphs one after another without shaping or bidirectional reordering, so:
/// <list type="bullet">
/// <item>text is normalised to NFC first, so that "Zoe" plus a combining diaeresis prints as the single letter ë;</item>
/// <item>a letter the chosen face lacks is set in the sans-serif face of the same weight, which covers more scripts;</item>
/// <item>a character neither face has, a control or invisible formatting character, a character beyond the Basic
/// Multilingual Plane (emoji), and letters of right-to-left scripts (which would print reversed and unjoined) print
/// as U+FFFD "�", so the page never shows something other than what is recorded and nothing hidden can ride along.
/// <see cref="Unprintable"/> lists them for a warning.</item>
/// </list>
/// Text that is too wide is shrunk (and, where allowed, wrapped) to fit its box rather than run over the border.
/// </summary>
internal static class PdfText
{
    public const double Leading = 1.2;
    private const double MinimumSize = 1;
    private static readonly Rune Replacement = new('\uFFFD');

    public static string Normalise(string text) =>
        text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);

    /// <summary>The characters of <paramref name="text"/> that print as "�", each once, in order of appearance.</summary>
    public static IReadOnlyList<string> Unprintable(string text, PdfTypeface face = PdfTypeface.SerifBold)
    {
        var found = new List<string>();
        foreach (var rune in Normalise(text).EnumerateRunes())
        {
            if (FaceFor(rune, face) is null && !found.Contains(rune.ToString()))
            {
                found.Add(rune.ToString());
            }
        }

        return found;
    }

    /// <summary>The text split into runs by the face each character is set in (after NFC and substitution).</summary>
    public static List<TextRun> Runs(string text, PdfTypeface face)
    {
        var runs = new List<TextRun>(1);
        var builder = new StringBuilder(text.Length);
        PdfTypeface? current = null;
        foreach (var original in Normalise(text).EnumerateRunes())
        {
            var rune = original;
            var chosen = FaceFor(rune, face);
            if (chosen is null)
            {
                rune = Replacement;
                chosen = face;
            }

            if (current is { } c && c != chosen.Value)
            {
                runs.Add(new TextRun(c, builder.ToString()));
                builder.Clear();
            }

            current = chosen;
            builder.Append((char)rune.Value);
        }

        if (current is { } last)
        {
            runs.Add(new TextRun(last, builder.ToString()));
        }

        return runs;
    }

    /// <summary>
    /// Draws <paramref name="text"/> inside <paramref name="box"/>, vertically centred: at <paramref name="size"/>
    /// when it fits, otherwise on up to <paramref name="maxLines"/> lines (broken at spaces where possible) at the
    /// largest size that fits the box. Returns the size used.
    /// </summary>
    public static double DrawFitted(
        XGraphics graphics, PdfFontSet set, string text, PdfTypeface face, double size, XRect box, TextAlign align, XBrush brush, int maxLines = 1)
    {
        var runs = Runs(text, face);
        if (runs.Count == 0)
        {
            return size;
        }

        var lines = new List<Measured> { Measure(runs, graphics, set, size) };
        var best = Fit(lines, size, box);
        for (var count = 2; count <= maxLines && best < size * 0.75; count++)
        {
            var split = Split(runs, count, graphics, set, size);
            if (split.Count < count)
            {
                break;
            }

            var measured = split.ConvertAll(line => Measure(line, graphics, set, size));
            var fitted = Fit(measured, size, box);
            if (fitted > best + 0.05)
            {
                best = fitted;
                lines = measured;
            }
        }

        DrawLines(graphics, set, lines, size, best, box, align, brush);
        return best;
    }

    /// <summary>Draws one line at a fixed size with its left, centre or right on <paramref name="x"/> and its baseline on <paramref name="baseline"/>.</summary>
    public static void DrawLine(XGraphics graphics, PdfFontSet set, string text, PdfTypeface face, double size, double x, double baseline, TextAlign align, XBrush brush)
    {
        var line = Measure(Runs(text, face), graphics, set, size);
        var left = align switch
        {
            TextAlign.Left => x,
            TextAlign.Centre => x - (line.Width / 2),
            _ => x - line.Width,
        };
        DrawRuns(graphics, set, line, 1, size, left, baseline, brush);
    }

    private static PdfTypeface? FaceFor(Rune rune, PdfTypeface face)
    {
        if (!IsPrintable(rune))
        {
            return null;
        }

        if (PdfFonts.Covers(face, rune))
        {
            return face;
        }

        var fallback = face switch
        {
            PdfTypeface.Serif => PdfTypeface.Sans,
            PdfTypeface.SerifBold => PdfTypeface.SansBold,
            _ => face,
        };
        return fallback != face && PdfFonts.Covers(fallback, rune) ? fallback : null;
    }

    private static bool IsPrintable(Rune rune)
    {
        if (rune.Value is >= 0x20 and < 0x7F)
        {
            return true;
        }

        if (!rune.IsBmp)
        {
            // PDFsharp 6.2.4 writes such characters into the text layer as a different character (U+1F600 becomes
            // U+1F60), and names need none of them: emoji and rarer scripts print as "�" instead.
            return false;
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.Surrogate:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.OtherNotAssigned:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
                return false;
            default:
                return !IsRightToLeft(rune.Value);
        }
    }

    /// <summary>Blocks of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their relatives).</summary>
    private static bool IsRightToLeft(int c) =>
        c is (>= 0x0590 and <= 0x08FF) or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFE)
            or (>= 0x10800 and <= 0x10FFF) or (>= 0x1E800 and <= 0x1EFFF);

    /// <summary>The runs of a line with their widths at <paramref name="size"/>; widths scale in proportion to the size.</summary>
    private static Measured Measure(List<TextRun> runs, XGraphics graphics, PdfFontSet set, double size)
    {
        var widths = new double[runs.Count];
        for (var i = 0; i < runs.Count; i++)
        {
            widths[i] = graphics.MeasureString(runs[i].Text, PdfFonts.Get(runs[i].Face, size, set)).Width;
        }

        return new Measured(runs, widths);
    }

    /// <summary>The largest size, at most <paramref name="size"/> (at which the lines were measured), at which every line fits the box's width and all lines its height.</summary>
    private static double Fit(List<Measured> lines, double size, XRect box)
    {
        var fitted = Math.Min(size, box.Height / (lines.Count * Leading));
        foreach (var line in lines)
        {
            if (line.Width > 0)
            {
                fitted = Math.Min(fitted, size * box.Width / line.Width);
            }
        }

        return Math.Max(MinimumSize, Math.Floor(fitted * 10) / 10);
    }

    /// <summary>
    /// Breaks the runs into <paramref name="count"/> lines of about equal width: at the spaces nearest the ideal
    /// points, or between letters when a line has no space (a 300-letter name without spaces still fits).
    /// </summary>
    private static List<List<TextRun>> Split(List<TextRun> runs, int count, XGraphics graphics, PdfFontSet set, double size)
    {
        var pieces = new List<(PdfTypeface Face, string Text, double Width)>();
        foreach (var run in runs)
        {
            var font = PdfFonts.Get(run.Face, size, set);
            var elements = StringInfo.GetTextElementEnumerator(run.Text);
            while (elements.MoveNext())
            {
                var element = elements.GetTextElement();
                pieces.Add((run.Face, element, graphics.MeasureString(element, font).Width));
            }
        }

        var total = pieces.Sum(p => p.Width);
        var spaces = Enumerable.Range(1, pieces.Count - 1).Where(i => pieces[i - 1].Text == " ").ToList();
        var candidates = spaces.Count >= count - 1 ? spaces : Enumerable.Range(1, pieces.Count - 1).ToList();
        var breaks = new List<int>();
        var start = 0;
        var consumed = 0.0;
        for (var line = 1; line < count; line++)
        {
            var target = total * line / count;
            var best = -1;
            var bestDistance = double.MaxValue;
            var running = consumed;
            for (var i = start; i < pieces.Count; i++)
            {
                if (i > start && candidates.BinarySearch(i) >= 0)
                {
                    var distance = Math.Abs(running - target);
                    if (distance < bestDistance)
                    {
                        bestDistance = distance;
                        best = i;
                    }
                }

                running += pieces[i].Width;
            }

            if (best < 0)
            {
                break;
            }

            breaks.Add(best);
            consumed += pieces.Skip(start).Take(best - start).Sum(p => p.Width);
            start = best;
        }

        breaks.Add(pieces.Count);
        var lines = new List<List<TextRun>>();
        start = 0;
        foreach (var end in breaks)
        {
            var line = new List<TextRun>();
            var builder = new StringBuilder();
            PdfTypeface? current = null;
            for (var i = start; i < end; i++)
            {
                var (face, text, _) = pieces[i];
                var trailingSpace = i == end - 1 && text == " " && end != pieces.Count;
                if (trailingSpace)
                {
                    continue;
                }

                if (current is { } c && c != face)
                {
                    line.Add(new TextRun(c, builder.ToString()));
                    builder.Clear();
                }

                current = face;
                builder.Append(text);
            }

            if (current is { } last)
            {
                line.Add(new TextRun(last, builder.ToString()));
            }

            lines.Add(line);
            start = end;
        }

        return lines;
    }

    private static void DrawLines(XGraphics graphics, PdfFontSet set, List<Measured> lines, double measuredAt, double size, XRect box, TextAlign align, XBrush brush)
    {
        var scale = size / measuredAt;
        var lineHeight = size * Leading;
        var top = box.Top + ((box.Height - (lineHeight * lines.Count)) / 2);
        for (var i = 0; i < lines.Count; i++)
        {
            var width = lines[i].Width * scale;
            var left = align switch
            {
                TextAlign.Left => box.Left,
                TextAlign.Centre => box.Left + ((box.Width - width) / 2),
                _ => box.Right - width,
            };
            var baseline = top + (i * lineHeight) + (lineHeight / 2) + (size * 0.35);
            DrawRuns(graphics, set, lines[i], scale, size, left, baseline, brush);
        }
    }

    private static void DrawRuns(XGraphics graphics, PdfFontSet set, Measured line, double scale, double size, double left, double baseline, XBrush brush)
    {
        for (var i = 0; i < line.Runs.Count; i++)
        {
            graphics.DrawString(line.Runs[i].Text, PdfFonts.Get(line.Runs[i].Face, size, set), brush, left, baseline);
            left += line.Widths[i] * scale;
        }
    }

    /// <summary>A line of runs and the width of each at the size it was measured at.</summary>
    private sealed record Measured(List<TextRun> Runs, double[] Widths)
    {
        public double Width => Widths.Sum();
    }
}
