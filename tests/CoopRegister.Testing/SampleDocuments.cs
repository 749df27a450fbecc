using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using CoopRegister.Features.Certificates;

namespace CoopRegister.Testing;

/// <summary>
/// Certificates, statements and images for tests and benchmarks: realistic members (the scripts a UK society's
/// register holds), a scribbled facsimile signature and a logo, written as PNG here so nothing needs an image library.
/// </summary>
public static class SampleDocuments
{
    public const string VerificationUrl = "https://register.example.coop/verify/C-000123";

    /// <summary>Members' names as a register holds them: English, Irish, Welsh, Polish, Yoruba, Greek, Czech, and organisations.</summary>
    public static readonly IReadOnlyList<string> MemberNames =
    [
        "Zoë Ó Briain", "Łukasz Żółkiewski", "Siân Llewellyn-Jones", "Ŵyn ap Huw", "Ngozi Ọkọnkwọ", "Σοφία Παπαδοπούλου",
        "Tomáš Šťastný", "Margaret Thompson", "Oluwaseun Adébáyọ̀", "Seán Mac Giolla Phádraig", "Dafydd Ifans", "Björn Ångström",
        "Ruth Chambers", "Hackney Tenants' Housing Co-operative Limited", "Kwame Mensah", "Ioana Ștefănescu", "Małgorzata Wiśniewska",
        "Aoife Ní Dhomhnaill", "Rhiannon Ŷr Efail", "Jean-François Lefèvre",
    ];

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
        VerificationUrl = VerificationUrl,
    };

    /// <summary>
    /// <paramref name="count"/> different certificates, as a bulk issue produces them: numbered in order, names and
    /// holdings varied, with the officers' facsimile signatures and the society's logo when <paramref name="withImages"/>.
    /// </summary>
    public static IEnumerable<CertificateDocument> Certificates(int count, bool withImages = true)
    {
        var chair = new CertificateSignatory("Ruth Chambers", "Chair", withImages ? SignaturePng(seed: 1) : null);
        var secretary = new CertificateSignatory("Gwilym Ŵyn Evans", "Secretary", withImages ? SignaturePng(seed: 2) : null);
        var logo = withImages ? LogoPng() : null;
        var template = Certificate() with { FirstSignatory = chair, SecondSignatory = secretary, Logo = logo };
        for (var i = 0; i < count; i++)
        {
            var number = (i + 1).ToString("000000", CultureInfo.InvariantCulture);
            var shares = 1 + ((i * 37) % 500);
            yield return template with
            {
                CertificateNumber = "C-" + number,
                MemberName = MemberNames[i % MemberNames.Count],
                MemberNumber = "M-" + (10_000 + i).ToString(CultureInfo.InvariantCulture),
                NumberOfShares = shares,
                AmountPaidPence = shares * 100L,
                IssuedOn = new DateOnly(2026, 1, 1).AddDays(i % 365),
                IsDuplicate = i % 50 == 49,
                VerificationUrl = "https://register.example.coop/verify/C-" + number,
            };
        }
    }

    /// <summary>
    /// A statement for the year 1 April 2025 to 31 March 2026: 40 shares of £1 at the start, then
    /// <paramref name="movements"/> alternating purchases of 10 shares and withdrawals of 5, and interest when asked.
    /// </summary>
    public static StatementDocument Statement(int movements = 6, bool withInterest = true, string memberName = "Ngozi Ọkọnkwọ")
    {
        var start = new DateOnly(2025, 4, 1);
        var lines = Enumerable.Range(0, movements).Select(i => i % 2 == 0
            ? new StatementMovement(start.AddDays(1 + (i * 300 / Math.Max(1, movements))), "Purchase of shares", 10, 1_000)
            : new StatementMovement(start.AddDays(1 + (i * 300 / Math.Max(1, movements))), "Withdrawal", -5, -500)).ToList();
        return new StatementDocument
        {
            SocietyRegisteredName = "The People's Press Printing Society Limited",
            RegistrationNumber = "12750R",
            RegisteredOffice = "William Rust House\n52 Beachy Road\nLondon\nE3 2NS",
            MemberName = memberName,
            MemberNumber = "M-4711",
            MemberAddress = "Flat 2\n17 Ducie Street\nManchester\nM1 2JW",
            YearStart = start,
            YearEnd = new DateOnly(2026, 3, 31),
            StatementDate = new DateOnly(2026, 4, 30),
            OpeningShares = 40,
            OpeningValuePence = 4_000,
            Movements = lines,
            Interest = withInterest
                ? [new StatementInterest(new DateOnly(2026, 3, 31), "Interest at 2% on shares for 2025–26", 123, 0)]
                : [],
        };
    }

    /// <summary>A grey PNG of a signature-like scribble (300 × 90 pixels by default).</summary>
    public static byte[] SignaturePng(int width = 300, int height = 90, int seed = 1)
    {
        var random = new Random(seed);
        var pixels = Blank(width, height);
        var y = height / 2.0;
        for (var x = 10; x < width - 10; x++)
        {
            y = Math.Clamp(y + ((random.NextDouble() - 0.5) * 6) + (Math.Sin(x / 9.0) * 2), 8, height - 8);
            for (var dy = -2; dy <= 2; dy++)
            {
                pixels[(int)y + dy, x] = 20;
            }
        }

        return Png(pixels);
    }

    /// <summary>A grey PNG of a simple round logo (160 × 160 pixels).</summary>
    public static byte[] LogoPng()
    {
        const int Size = 160;
        var pixels = Blank(Size, Size);
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var r = Math.Sqrt(Math.Pow(x - (Size / 2.0), 2) + Math.Pow(y - (Size / 2.0), 2));
                if (r is > 60 and < 75 || (r < 40 && Math.Abs(x - y) < 12))
                {
                    pixels[y, x] = 40;
                }
            }
        }

        return Png(pixels);
    }

    private static byte[,] Blank(int width, int height)
    {
        var pixels = new byte[height, width];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[y, x] = 255;
            }
        }

        return pixels;
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
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
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
