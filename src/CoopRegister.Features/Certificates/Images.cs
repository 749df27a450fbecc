using System.Collections.Concurrent;
using System.Security.Cryptography;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CoopRegister.Features.Certificates;

/// <summary>
/// The logo and facsimile signatures an administrator uploads (PNG or JPEG).
/// A bulk issue prints the same three images on every certificate. Drawn as images, PDFsharp decodes and
/// re-compresses them for every document: with a 1500 × 500 scan that was most of the time of a certificate.
/// Instead each distinct image is placed once on a one-page PDF of its own size, and each certificate imports that
/// page as a form: the compressed image is copied, never encoded again. The one-page PDFs are shared by all threads
/// (they are only read); the form objects that read them are kept per thread, because a form is not safe for
/// concurrent use.
/// </summary>
internal static class Images
{
    private const int MaxKept = 32;

    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> Pages = new(StringComparer.Ordinal);
    private static readonly ThreadLocal<Dictionary<string, XPdfForm>> Forms = new(() => new(StringComparer.Ordinal));

    public static bool IsPngOrJpeg(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])
        || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);

    /// <summary>The image as a form to draw, at the image's own size in points (a society has a handful; at most 32 are kept).</summary>
    public static XPdfForm Get(byte[] bytes)
    {
        var key = Convert.ToHexString(SHA256.HashData(bytes));
        var forms = Forms.Value!;
        if (forms.TryGetValue(key, out var form))
        {
            return form;
        }

        if (Pages.Count >= MaxKept && !Pages.ContainsKey(key))
        {
            Pages.Clear();
        }

        if (forms.Count >= MaxKept)
        {
            forms.Clear();
        }

        var page = Pages.GetOrAdd(key, _ => new Lazy<byte[]>(() => OnePage(bytes), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        form = XPdfForm.FromStream(new MemoryStream(page, writable: false));
        forms[key] = form;
        return form;
    }

    private static byte[] OnePage(byte[] bytes)
    {
        XImage image;
        try
        {
            image = XImage.FromStream(new MemoryStream(bytes, writable: false));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ArgumentException("An image for the document is not a PNG or JPEG file that can be read.", nameof(bytes), ex);
        }

        using (image)
        {
            var document = new PdfDocument();
            document.Options.UseFlateDecoderForJpegImages = PdfUseFlateDecoderForJpegImages.Never;
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(image.PointWidth);
            page.Height = XUnit.FromPoint(image.PointHeight);
            using (var graphics = XGraphics.FromPdfPage(page))
            {
                graphics.DrawImage(image, 0, 0, image.PointWidth, image.PointHeight);
            }

            using var output = new MemoryStream();
            document.Save(output, false);
            return output.ToArray();
        }
    }
}
