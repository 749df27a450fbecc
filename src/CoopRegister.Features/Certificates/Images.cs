using PdfSharp.Drawing;

namespace CoopRegister.Features.Certificates;

/// <summary>The logo and facsimile signatures an administrator uploads: PNG or JPEG, as PDFsharp reads them.</summary>
internal static class Images
{
    public static bool IsPngOrJpeg(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])
        || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);

    public static XImage Open(byte[] bytes)
    {
        try
        {
            return XImage.FromStream(new MemoryStream(bytes, writable: false));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ArgumentException("An image for the document is not a PNG or JPEG file that can be read.", nameof(bytes), ex);
        }
    }
}
