using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CoopRegister.Features.Tests.Certificates;

/// <summary>
/// Rasterises PDFs with poppler's pdftoppm, the way a printer driver would see them. Tests that need it skip,
/// visibly, on a machine without poppler-utils.
/// </summary>
internal static class Poppler
{
    private static readonly Lazy<string?> PdfToPpm = new(() => Find("pdftoppm"));

    public static void SkipUnlessInstalled() =>
        Assert.SkipWhen(PdfToPpm.Value is null, "pdftoppm is not installed (apt-get install poppler-utils); the picture comparison cannot run.");

    /// <summary>One 8-bit grey image per page, at <paramref name="dpi"/>.</summary>
    public static IReadOnlyList<GreyImage> Rasterise(byte[] pdf, int dpi = 72)
    {
        SkipUnlessInstalled();
        var folder = Path.Combine(Path.GetTempPath(), "coopregister-pdf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "in.pdf");
            File.WriteAllBytes(input, pdf);
            var start = new ProcessStartInfo(PdfToPpm.Value!)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-gray", "-r", dpi.ToString(CultureInfo.InvariantCulture), input, Path.Combine(folder, "page") })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "pdftoppm failed: " + errors);
            return [.. Directory.GetFiles(folder, "page-*.pgm").Order(StringComparer.Ordinal).Select(f => GreyImage.ReadPgm(File.ReadAllBytes(f)))];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string? Find(string tool)
    {
        var paths = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return paths.Append("/usr/bin").Select(p => Path.Combine(p, tool)).FirstOrDefault(File.Exists);
    }
}

/// <summary>A rasterised page: width × height grey levels (0 black, 255 white).</summary>
internal sealed record GreyImage(int Width, int Height, byte[] Pixels)
{
    public byte this[int x, int y] => Pixels[(y * Width) + x];

    public static GreyImage ReadPgm(byte[] file)
    {
        var fields = new List<string>();
        var position = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)file[position]))
            {
                position++;
            }

            var start = position;
            while (!char.IsWhiteSpace((char)file[position]))
            {
                position++;
            }

            fields.Add(Encoding.ASCII.GetString(file, start, position - start));
        }

        Assert.Equal("P5", fields[0]);
        var width = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var height = int.Parse(fields[2], CultureInfo.InvariantCulture);
        return new GreyImage(width, height, file[(position + 1)..]);
    }

    /// <summary>The largest difference in grey level between any pixel and its counterpart in <paramref name="other"/>.</summary>
    public int MaxDifference(GreyImage other)
    {
        Assert.Equal((Width, Height), (other.Width, other.Height));
        var max = 0;
        for (var i = 0; i < Pixels.Length; i++)
        {
            max = Math.Max(max, Math.Abs(Pixels[i] - other.Pixels[i]));
        }

        return max;
    }

    /// <summary>How many pixels differ from <paramref name="other"/> (the same size is asserted).</summary>
    public int Differences(GreyImage other)
    {
        Assert.Equal((Width, Height), (other.Width, other.Height));
        var count = 0;
        for (var i = 0; i < Pixels.Length; i++)
        {
            if (Pixels[i] != other.Pixels[i])
            {
                count++;
            }
        }

        return count;
    }
}
