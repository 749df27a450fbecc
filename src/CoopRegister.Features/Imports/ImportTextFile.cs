using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CoopRegister.Domain;

namespace CoopRegister.Features.Imports;

/// <summary>How to read the bytes of an uploaded file as text. A byte-order mark always decides.</summary>
public enum ImportEncoding
{
    /// <summary>UTF-8 when every byte of the file is valid UTF-8, otherwise Windows-1252 (what Excel on Windows writes as "CSV").</summary>
    Auto,

    Utf8,

    /// <summary>Windows' Western European code page, in which £ is byte A3 and é is E9.</summary>
    Windows1252,
}

/// <summary>What a file's bytes turned out to be: its size, its encoding, and how that was decided.</summary>
public sealed record TextFileInfo(long Bytes, string EncodingName, string Decision, bool ByteOrderMark)
{
    /// <summary>The encoding the CSV reader is given: null for UTF-8 and for files with a byte-order mark (the reader honours it).</summary>
    internal Encoding? ReaderEncoding { get; init; }
}

/// <summary>
/// Checks that an uploaded file is text before anything reads it as CSV, and decides its encoding: a byte-order mark
/// decides; otherwise the whole file is checked as strict UTF-8 and, when it is not, read as Windows-1252 (or refused
/// when UTF-8 was chosen). A file that is not text at all (a NUL byte, or the signature of a workbook, a PDF, an
/// image, an archive or a program) is refused with what it looks like. The file is read in blocks, never whole.
/// </summary>
public static class ImportTextFile
{
    private const int BlockSize = 1 << 20;

    static ImportTextFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("The Windows-1252 code page is not available.");

    public static string Describe(ImportEncoding encoding) => encoding switch
    {
        ImportEncoding.Utf8 => "UTF-8",
        ImportEncoding.Windows1252 => "Windows-1252",
        _ => "Detect (UTF-8, else Windows-1252)",
    };

    public static ImportEncoding? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" or "detect" => ImportEncoding.Auto,
        "utf-8" or "utf8" => ImportEncoding.Utf8,
        "windows-1252" or "windows1252" or "cp1252" or "1252" or "ansi" => ImportEncoding.Windows1252,
        _ => null,
    };

    /// <summary>Checks the file and decides how to read it; refuses, with the reason, a file that is not text.</summary>
    public static async Task<TextFileInfo> CheckAsync(string path, ImportEncoding choice, string fileLabel, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var length = stream.Length;
        var buffer = new byte[BlockSize];
        var first = await ReadBlockAsync(stream, buffer, cancellationToken);
        var head = buffer.AsSpan(0, first);

        var bom = Bom(head);
        if (bom is { } utf && length <= utf.Length)
        {
            throw new DomainException("File", $"The {fileLabel} is empty: it holds nothing but a byte-order mark.");
        }

        if (bom is { Name: not "UTF-8" } other)
        {
            // UTF-16 and UTF-32 text is full of NUL bytes; the CSV reader decodes it by its byte-order mark.
            return new TextFileInfo(length, other.Name, $"The file starts with a {other.Name} byte-order mark.", true);
        }

        if (first == 0)
        {
            throw new DomainException("File", $"The {fileLabel} is empty.");
        }

        if (bom is null && Signature(head) is { } kind)
        {
            throw new DomainException("File", $"The {fileLabel} is not a text file (it looks like {kind}). Save it from the spreadsheet as CSV (comma-separated values) and upload that.");
        }

        // The whole file: a NUL byte anywhere means binary; the first byte that is not UTF-8 decides the encoding. A block
        // that ends inside a character carries those bytes over to the next.
        long offset = 0;
        long lines = 1;
        long? invalidLine = null;
        var filled = first;
        var end = first < buffer.Length;
        while (true)
        {
            var span = buffer.AsSpan(0, filled);
            var nul = span.IndexOf((byte)0);
            if (nul >= 0)
            {
                throw new DomainException("File", LooksLikeUtf16(span)
                    ? $"The {fileLabel} is UTF-16 text without a byte-order mark. Save it as \"CSV UTF-8\" and upload that."
                    : $"The {fileLabel} is not a text file (it looks like a binary file: byte {(offset + nul).ToString("#,##0", CultureInfo.InvariantCulture)} is a NUL). Save it from the spreadsheet as CSV and upload that.");
            }

            var checkable = end ? filled : CompleteLength(span);
            if (invalidLine is null)
            {
                var part = span[..checkable];
                if (Utf8.IsValid(part))
                {
                    lines += part.Count((byte)'\n');
                }
                else
                {
                    invalidLine = lines + part[..FirstInvalid(part)].Count((byte)'\n');
                }
            }

            offset += checkable;
            if (end)
            {
                break;
            }

            var carry = filled - checkable;
            span[checkable..].CopyTo(buffer);
            filled = carry + await ReadBlockAsync(stream, buffer.AsMemory(carry), cancellationToken);
            end = filled < buffer.Length;
        }

        if (bom is not null)
        {
            return invalidLine is { } broken
                ? throw new DomainException("Encoding", $"The {fileLabel} starts with a UTF-8 byte-order mark, but line {broken.ToString("#,##0", CultureInfo.InvariantCulture)} has bytes that UTF-8 does not allow: the file is damaged or was joined from files in different encodings.")
                : new TextFileInfo(length, "UTF-8", "The file starts with a UTF-8 byte-order mark" + (choice == ImportEncoding.Windows1252 ? ", which decides over the encoding chosen." : "."), true);
        }

        if (invalidLine is null)
        {
            var pure = choice == ImportEncoding.Windows1252 ? " (Windows-1252 was chosen, but every byte is valid UTF-8 and a file of plain letters reads the same in both)" : "";
            return choice == ImportEncoding.Windows1252
                ? new TextFileInfo(length, "Windows-1252", "Chosen." + pure, false) { ReaderEncoding = Windows1252 }
                : new TextFileInfo(length, "UTF-8", choice == ImportEncoding.Utf8 ? "Chosen; every byte is valid UTF-8." : "Every byte of the file is valid UTF-8.", false);
        }

        var where = $"line {invalidLine.Value.ToString("#,##0", CultureInfo.InvariantCulture)}";
        return choice switch
        {
            ImportEncoding.Utf8 => throw new DomainException("Encoding",
                $"The {fileLabel} is not UTF-8: {where} has bytes that UTF-8 does not allow. Files saved by Excel on Windows as plain \"CSV\" are usually Windows-1252: choose that encoding."),
            ImportEncoding.Windows1252 => new TextFileInfo(length, "Windows-1252", "Chosen.", false) { ReaderEncoding = Windows1252 },
            _ => new TextFileInfo(length, "Windows-1252", $"The file is not UTF-8 ({where} has bytes that UTF-8 does not allow), so it is read as Windows-1252, as Excel on Windows writes it.", false)
            {
                ReaderEncoding = Windows1252,
            },
        };
    }

    private static async Task<int> ReadBlockAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[total..], cancellationToken);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static (string Name, int Length)? Bom(ReadOnlySpan<byte> head) => head switch
    {
        [0xEF, 0xBB, 0xBF, ..] => ("UTF-8", 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => ("UTF-32", 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => ("UTF-32 (big-endian)", 4),
        [0xFF, 0xFE, ..] => ("UTF-16", 2),
        [0xFE, 0xFF, ..] => ("UTF-16 (big-endian)", 2),
        _ => null,
    };

    /// <summary>What the start of a file says it is, when it is a kind of file people upload by mistake.</summary>
    private static string? Signature(ReadOnlySpan<byte> head) => head switch
    {
        [0x50, 0x4B, 0x03, 0x04, ..] or [0x50, 0x4B, 0x05, 0x06, ..] => "an Excel workbook (.xlsx), an OpenDocument spreadsheet (.ods) or another ZIP archive",
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..] => "an old Excel workbook (.xls) or another Office document",
        [0x25, 0x50, 0x44, 0x46, ..] => "a PDF document",
        [0x89, 0x50, 0x4E, 0x47, ..] => "a PNG image",
        [0xFF, 0xD8, 0xFF, ..] => "a JPEG image",
        [0x47, 0x49, 0x46, 0x38, ..] => "a GIF image",
        [0x1F, 0x8B, ..] => "a gzip archive",
        [0x52, 0x61, 0x72, 0x21, ..] => "a RAR archive",
        [0x37, 0x7A, 0xBC, 0xAF, ..] => "a 7-Zip archive",
        [0x7F, 0x45, 0x4C, 0x46, ..] => "a program (ELF)",
        [0x4D, 0x5A, ..] => "a Windows program",
        [0x53, 0x51, 0x4C, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6F, 0x72, 0x6D, 0x61, 0x74, 0x20, 0x33, 0x00, ..] => "a SQLite database",
        [0x7B, 0x5C, 0x72, 0x74, 0x66, ..] => "an RTF document",
        _ when ControlShare(head) > 0.05 => "a binary file: many of its bytes are control characters",
        _ => null,
    };

    /// <summary>
    /// The share of the first bytes that are control characters other than tab, line feed, carriage return and form
    /// feed. NUL is left to the whole-file check, which tells UTF-16 text from other binary files.
    /// </summary>
    private static double ControlShare(ReadOnlySpan<byte> head)
    {
        var sample = head[..Math.Min(head.Length, 8192)];
        var control = 0;
        foreach (var b in sample)
        {
            if ((b < 0x20 && b is not (0x00 or 0x09 or 0x0A or 0x0D or 0x0C)) || b == 0x7F)
            {
                control++;
            }
        }

        return sample.Length == 0 ? 0 : (double)control / sample.Length;
    }

    /// <summary>Text in UTF-16 has a NUL in every other byte where the text is ASCII.</summary>
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> span)
    {
        var sample = span[..(Math.Min(span.Length, 4096) & ~1)];
        if (sample.Length < 4)
        {
            return false;
        }

        int evenNul = 0, oddNul = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenNul += sample[i] == 0 ? 1 : 0;
            oddNul += sample[i + 1] == 0 ? 1 : 0;
        }

        var half = sample.Length / 2;
        return (oddNul > half * 0.6 && evenNul < half * 0.1) || (evenNul > half * 0.6 && oddNul < half * 0.1);
    }

    /// <summary>The length of the block without a character cut off at its end (at most three bytes of one).</summary>
    private static int CompleteLength(ReadOnlySpan<byte> span)
    {
        for (var back = 1; back <= Math.Min(4, span.Length); back++)
        {
            var b = span[^back];
            if ((b & 0xC0) != 0x80)
            {
                // A lead byte (or ASCII): complete if the sequence it starts fits in what follows it.
                var needed = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
                return needed <= back ? span.Length : span.Length - back;
            }
        }

        return span.Length;
    }

    private static int FirstInvalid(ReadOnlySpan<byte> span)
    {
        var i = 0;
        while (i < span.Length)
        {
            if (System.Buffers.OperationStatus.Done != Rune.DecodeFromUtf8(span[i..], out _, out var consumed))
            {
                return i;
            }

            i += consumed;
        }

        return span.Length;
    }
}
