using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CoopRegister.Features.Certificates;

/// <summary>
/// A top-down cursor over pages of one size, shared by the long reports (the meeting's results, an election's stage by
/// stage report): it starts a new page when the next block would cross the bottom margin, and once the page count is
/// known lets the report stamp every page (its "page i of n" footer, the DRAFT mark). Each report adds its own blocks.
/// </summary>
internal abstract class PdfPageFlow(PdfDocument document, double pageWidth, double pageHeight, double top, double bottom)
{
    private readonly List<PdfPage> _pages = [];
    private XGraphics? _graphics;

    /// <summary>Where the next block starts on the current page (meaningless until the first block opens a page).</summary>
    protected double Y { get; set; }

    public int Pages => _pages.Count;

    /// <summary>The current page's graphics, opening the first page on first use.</summary>
    protected XGraphics G
    {
        get
        {
            if (_graphics is null)
            {
                NewPage();
            }

            return _graphics!;
        }
    }

    /// <summary>Starts a new page unless <paramref name="height"/> more fits above the bottom margin.</summary>
    public void Need(double height)
    {
        if (_graphics is null || Y + height > bottom)
        {
            NewPage();
        }
    }

    public void Gap(double height) => Y += height;

    /// <summary>Closes the current page and draws on every page again, numbered from 1, once the page count is known.</summary>
    protected void StampPages(Action<XGraphics, int> stamp)
    {
        _graphics?.Dispose();
        _graphics = null;
        for (var i = 0; i < _pages.Count; i++)
        {
            using var g = XGraphics.FromPdfPage(_pages[i], XGraphicsPdfPageOptions.Append);
            stamp(g, i + 1);
        }
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(pageWidth);
        page.Height = XUnit.FromPoint(pageHeight);
        _pages.Add(page);
        _graphics = XGraphics.FromPdfPage(page);
        Y = top;
    }
}
