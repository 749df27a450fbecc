using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;

namespace CoopRegister.Features.Tests.Certificates;

/// <summary>What the tests read back from a PDF: its text (PdfPig) and a few facts from its object dictionaries.</summary>
internal static partial class PdfInspection
{
    public static string Text(byte[] pdf, int page = 1)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPage(page).Text;
    }

    public static string WithoutSpaces(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>The uncompressed length of every embedded font program (PDF's /Length1), in the order they appear.</summary>
    public static IReadOnlyList<int> FontProgramLengths(byte[] pdf) =>
        [.. Length1().Matches(Encoding.Latin1.GetString(pdf)).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>How many image objects the file holds (directly on the page or inside a form).</summary>
    public static int ImageObjects(byte[] pdf) => ImageSubtype().Matches(Encoding.Latin1.GetString(pdf)).Count;

    public static string Latin1(byte[] pdf) => Encoding.Latin1.GetString(pdf);

    [GeneratedRegex(@"/Length1 (\d+)")]
    private static partial Regex Length1();

    [GeneratedRegex(@"/Subtype\s*/Image\b")]
    private static partial Regex ImageSubtype();
}
