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

    /// <summary>
    /// Fills the dark modules, top-left at (<paramref name="left"/>, <paramref name="top"/>): each horizontal run is one
    /// rectangle, and a run repeated in the rows below grows downwards instead. Coordinates are whole modules under
    /// a scaling transform, which keeps the content stream short.
    /// </summary>
    public static void Draw(XGraphics graphics, bool[,] matrix, double left, double top, double module)
    {
        var size = matrix.GetLength(0);
        var done = new bool[size, size];
        var rectangles = new List<XRect>();
        for (var y = 0; y < size; y++)
        {
            var x = 0;
            while (x < size)
            {
                if (!matrix[y, x] || done[y, x])
                {
                    x++;
                    continue;
                }

                var start = x;
                while (x < size && matrix[y, x] && !done[y, x])
                {
                    x++;
                }

                var bottom = y + 1;
                while (bottom < size && RunIsDark(matrix, done, bottom, start, x))
                {
                    bottom++;
                }

                for (var row = y; row < bottom; row++)
                {
                    for (var column = start; column < x; column++)
                    {
                        done[row, column] = true;
                    }
                }

                rectangles.Add(new XRect(start, y, x - start, bottom - y));
            }
        }

        var state = graphics.Save();
        graphics.TranslateTransform(left, top);
        graphics.ScaleTransform(module);
        graphics.DrawRectangles(XBrushes.Black, [.. rectangles]);
        graphics.Restore(state);
    }

    private static bool RunIsDark(bool[,] matrix, bool[,] done, int row, int from, int to)
    {
        for (var x = from; x < to; x++)
        {
            if (!matrix[row, x] || done[row, x])
            {
                return false;
            }
        }

        return true;
    }
}
