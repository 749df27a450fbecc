using CoopRegister.Features.Certificates;

namespace CoopRegister.Features.Tests.Certificates;

public sealed class CertificateGlyphTests
{
    [Theory]
    [InlineData("Zoë Ó Briain")]
    [InlineData("Łukasz Żółkiewski")]
    [InlineData("Siân Llewellyn-Jones")]
    [InlineData("Ŵyn ap Huw")]
    [InlineData("Ngozi Ọkọnkwọ")]
    [InlineData("Σοφία Παπαδοπούλου")]
    [InlineData("Tomáš Šťastný")]
    [InlineData("Ёлка Αθηνά Έλλη")]
    public void A_certificate_prints_the_same_picture_as_with_the_complete_unmodified_fonts(string name)
    {
        Poppler.SkipUnlessInstalled();
        var certificate = Samples.Certificate(name);

        var normal = Render(certificate, PdfFontSet.Production);
        var reference = Render(certificate, PdfFontSet.UnmodifiedComplete);

        var differences = Poppler.Rasterise(normal)[0].Differences(Poppler.Rasterise(reference)[0]);
        Assert.Equal(0, differences);
        Assert.True(normal.Length < 100_000, $"The normal certificate is {normal.Length} bytes: its fonts should be subsets.");
        Assert.True(reference.Length > 500_000, $"The reference is {reference.Length} bytes: its fonts should be complete.");
    }

    private static byte[] Render(CertificateDocument certificate, PdfFontSet fonts)
    {
        using var output = new MemoryStream();
        CertificatePdf.Render(certificate, output, fonts);
        return output.ToArray();
    }
}
