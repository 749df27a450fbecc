using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using CoopRegister.Features.Certificates;

namespace CoopRegister.Features.Tests.Certificates;

/// <summary>Certificates, statements and images for the tests.</summary>
internal static class Samples
{
    public const string Url = "https://register.example.coop/verify/C-000123";

    public static CertificateDocument Certificate(string memberName = "Zoë Ó Briain") => new()
    {
        SocietyRegisteredName = "The People's Press Printing Society Limited",
        RegistrationNumber = "12750R",
        RegisteredOffice = "William Rust House\n52 Beachy Road\nLondon\nE3 2NS",
        CertificateNumber = "C-000123",
        MemberName = memberName,
        MemberNumber = "M-4711",
        ShareClassName = "Ordinary",
        NumberOfShares = 250,
        NominalValuePerSharePence = 100,
        AmountPaidPence = 25_000,
        Withdrawable = true,
        Transferable = false,
        IssuedOn = new DateOnly(2026, 11, 26),
        FirstSignatory = new CertificateSignatory("Ruth Chambers", "Chair"),
        SecondSignatory = new CertificateSignatory("Gwilym Ŵyn Evans", "Secretary"),
        VerificationUrl = Url,
    };

    /// <summary>A grey PNG of a signature-like scribble, written by hand so that the tests need no image library.</summary>
    public static byte[] SignaturePng(int width = 300, int height = 90, int seed = 1)
    {
        var random = new Random(seed);
        var pixels = new byte[height, width];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[y, x] = 255;
            }
        }

        var py = height / 2.0;
        for (var x = 10; x < width - 10; x++)
        {
            py = Math.Clamp(py + ((random.NextDouble() - 0.5) * 6) + (Math.Sin(x / 9.0) * 2), 8, height - 8);
            for (var dy = -2; dy <= 2; dy++)
            {
                pixels[(int)py + dy, x] = 20;
            }
        }

        return Png(pixels);
    }

    private static byte[] Png(byte[,] grey)
    {
        var height = grey.GetLength(0);
        var width = grey.GetLength(1);
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                raw.WriteByte(grey[y, x]);
            }
        }

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw.ToArray());
        }

        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 0;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typed));
        png.Write(length);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
