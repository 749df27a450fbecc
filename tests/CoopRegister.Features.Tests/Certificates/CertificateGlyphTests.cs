using CoopRegister.Features.Certificates;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace CoopRegister.Features.Tests.Certificates;

/// <summary>
/// PDFsharp 6.2.4 subsets only one level of composite glyphs, so Ọ, ό, š (bold sans) or Ё could print without their
/// accents while the text layer stayed right. The fonts are flattened to one level at load
/// (<see cref="CompositeGlyphFlattener"/>). These tests compare the picture a printer gets with the picture made from
/// the complete, unmodified font files, and check the flattening itself.
/// </summary>
public sealed class CertificateGlyphTests
{
    private static readonly Dictionary<string, int> ShippedSizes = new(StringComparer.Ordinal)
    {
        ["DejaVuSerif.ttf"] = 380_660,
        ["DejaVuSerif-Bold.ttf"] = 356_668,
        ["DejaVuSans.ttf"] = 759_720,
        ["DejaVuSans-Bold.ttf"] = 708_920,
    };

    public static TheoryData<string> Names =>
    [
        "Zoë Ó Briain",
        "Łukasz Żółkiewski",
        "Siân Llewellyn-Jones",
        "Ŵyn ap Huw",
        "Ngozi Ọkọnkwọ",
        "Σοφία Παπαδοπούλου",
        "Tomáš Šťastný",
        "Ёлка Αθηνά Έλλη",
        "The Wolverhampton and District Community Energy and Housing Co-operative Society Limited",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_certificate_prints_exactly_as_with_the_complete_unmodified_fonts(string name)
    {
        Poppler.SkipUnlessInstalled();
        var certificate = Samples.Certificate(name);

        var normal = Render(certificate, PdfFontSet.Production);
        var reference = Render(certificate, PdfFontSet.UnmodifiedComplete);

        Assert.Equal(0, Poppler.Rasterise(normal)[0].Differences(Poppler.Rasterise(reference)[0]));
        Assert.All(PdfInspection.FontProgramLengths(normal), length => Assert.True(length < 60_000, $"A font of {length} bytes is not a subset."));
        Assert.All(PdfInspection.FontProgramLengths(reference), length => Assert.Contains(length, ShippedSizes.Values));
    }

    [Theory]
    [InlineData("Serif")]
    [InlineData("SerifBold")]
    [InlineData("Sans")]
    [InlineData("SansBold")]
    public void Every_Latin_Greek_and_Cyrillic_letter_of_a_face_prints_as_with_the_complete_unmodified_font(string typeface)
    {
        Poppler.SkipUnlessInstalled();
        var face = Enum.Parse<PdfTypeface>(typeface);
        var letters = LettersOf(face);
        Assert.True(letters.Count > 500, $"Only {letters.Count} letters found.");

        var normal = Sheet(letters, face, PdfFontSet.Production);
        var reference = Sheet(letters, face, PdfFontSet.UnmodifiedComplete);

        // FreeType rounds each level's component offset to 1/64 pixel, so after flattening an anti-aliased edge may
        // differ by a few grey levels (at most about 4 per level of nesting removed); a missing accent differs by
        // more than 128, as the last test below shows.
        var normalPages = Poppler.Rasterise(normal, 100);
        var referencePages = Poppler.Rasterise(reference, 100);
        Assert.Equal(referencePages.Count, normalPages.Count);
        for (var i = 0; i < normalPages.Count; i++)
        {
            Assert.InRange(normalPages[i].MaxDifference(referencePages[i]), 0, 16);
        }
    }

    [Theory]
    [InlineData("DejaVuSerif.ttf")]
    [InlineData("DejaVuSerif-Bold.ttf")]
    [InlineData("DejaVuSans.ttf")]
    [InlineData("DejaVuSans-Bold.ttf")]
    public void The_shipped_font_nests_composite_glyphs_and_the_flattened_font_does_not(string file)
    {
        var shipped = PdfFonts.LoadShipped(file);
        Assert.Equal(ShippedSizes[file], shipped.Length);
        var before = new CompositeGlyphFlattener.Font(shipped);
        var after = new CompositeGlyphFlattener.Font(CompositeGlyphFlattener.Flatten(shipped));

        Assert.Equal(before.GlyphCount, after.GlyphCount);
        Assert.Contains(Enumerable.Range(0, before.GlyphCount), g => before.Depth(g, 0) >= 2);
        Assert.All(Enumerable.Range(0, after.GlyphCount), g => Assert.True(after.Depth(g, 0) <= 1, $"Glyph {g} still nests."));
    }

    [Fact]
    public void The_flattened_font_keeps_every_simple_glyph_byte_for_byte()
    {
        var shipped = PdfFonts.LoadShipped("DejaVuSerif-Bold.ttf");
        var before = new CompositeGlyphFlattener.Font(shipped);
        var after = new CompositeGlyphFlattener.Font(CompositeGlyphFlattener.Flatten(shipped));

        for (var g = 0; g < before.GlyphCount; g++)
        {
            var old = before.Glyph(g);
            if (old.Length == 0 || CompositeGlyphFlattener.Font.IsComposite(old))
            {
                continue;
            }

            Assert.True(after.Glyph(g)[..old.Length].SequenceEqual(old), $"Simple glyph {g} changed.");
        }
    }

    [Fact]
    public void O_with_a_dot_below_nests_two_levels_in_the_shipped_serif_bold_and_one_after_flattening()
    {
        var font = PdfFonts.Get(PdfTypeface.SerifBold, 10, PdfFontSet.UnmodifiedComplete);
        var glyph = GlyphHelper.GlyphIndexFromCodePoint('Ọ', font);
        var shipped = new CompositeGlyphFlattener.Font(PdfFonts.LoadShipped("DejaVuSerif-Bold.ttf"));
        var flattened = new CompositeGlyphFlattener.Font(CompositeGlyphFlattener.Flatten(PdfFonts.LoadShipped("DejaVuSerif-Bold.ttf")));

        Assert.True(shipped.Depth(glyph, 0) >= 2);
        Assert.Equal(1, flattened.Depth(glyph, 0));
    }

    [Fact]
    public void The_picture_comparison_sees_a_missing_dot_below()
    {
        Poppler.SkipUnlessInstalled();
        var withDot = Poppler.Rasterise(Sheet(["Ọ"], PdfTypeface.SerifBold, PdfFontSet.Production), 100)[0];
        var withoutDot = Poppler.Rasterise(Sheet(["O"], PdfTypeface.SerifBold, PdfFontSet.Production), 100)[0];

        Assert.True(withDot.MaxDifference(withoutDot) > 128);
    }

    private static byte[] Render(CertificateDocument certificate, PdfFontSet fonts)
    {
        using var output = new MemoryStream();
        CertificatePdf.Render(certificate, output, fonts);
        return output.ToArray();
    }

    private static List<string> LettersOf(PdfTypeface face)
    {
        var ranges = new[] { (0x00C0, 0x024F), (0x0370, 0x03FF), (0x0400, 0x04FF), (0x1E00, 0x1EFF), (0x1F00, 0x1FFF) };
        return [.. ranges
            .SelectMany(r => Enumerable.Range(r.Item1, r.Item2 - r.Item1 + 1))
            .Select(c => new System.Text.Rune(c))
            .Where(r => System.Text.Rune.IsLetter(r) && PdfFonts.Covers(face, r))
            .Select(r => r.ToString())];
    }

    /// <summary>All the letters on A4 pages, 30 to a line, each page a fresh subset.</summary>
    private static byte[] Sheet(List<string> letters, PdfTypeface face, PdfFontSet fonts)
    {
        var document = new PdfDocument();
        foreach (var page in letters.Chunk(30 * 25))
        {
            var pdfPage = document.AddPage();
            using var graphics = XGraphics.FromPdfPage(pdfPage);
            var lines = page.Chunk(30).ToList();
            for (var i = 0; i < lines.Count; i++)
            {
                PdfText.DrawLine(graphics, fonts, string.Join(" ", lines[i]), face, 14, 30, 40 + (i * 30), TextAlign.Left, XBrushes.Black);
            }
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
