using PdfSharp.Drawing;
using QRCoder;

namespace CoopRegister.Features.Certificates;

/// <summary>
/// A QR code drawn as vector squares rather than a bitmap: it stays sharp at any print resolution, costs a few
/// hundred bytes, and is the same bytes every time. Error correction level M survives a fold or a coffee ring
/// on a framed certificate without making the code much denser than level L.
/// </summary>
internal static class QrCode
{
    /// <summary>Dark modules, row by row, including the four-module quiet zone the standard requires around the code.</summary>
    public static bool[,] Matrix(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var rows = data.ModuleMatrix;
        var size = rows.Count;
        var matrix = new bool[size, size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                matrix[y, x] = rows[y][x];
            }
        }

        return matrix;
    }

    /// <summary>Fills each horizontal run of dark modules as one rectangle, top-left at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public static void Draw(XGraphics graphics, bool[,] matrix, double left, double top, double module)
    {
        var size = matrix.GetLength(0);
        var rectangles = new List<XRect>();
        for (var y = 0; y < size; y++)
        {
            var x = 0;
            while (x < size)
            {
                if (!matrix[y, x])
                {
                    x++;
                    continue;
                }

                var start = x;
                while (x < size && matrix[y, x])
                {
                    x++;
                }

                rectangles.Add(new XRect(left + (start * module), top + (y * module), (x - start) * module, module));
            }
        }

        graphics.DrawRectangles(XBrushes.Black, [.. rectangles]);
    }
}
