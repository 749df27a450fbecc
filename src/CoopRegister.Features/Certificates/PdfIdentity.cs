using System.Security.Cryptography;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;

namespace CoopRegister.Features.Certificates;

/// <summary>
/// Makes a PDF a function of its content. PDFsharp stamps each file with the time, a random document ID and random
/// six-letter tags on its font subsets, random UUIDs in its XMP metadata, and gives each link a random name and the
/// time as its date, so the same certificate would come out different every time. A registrar
/// who re-issues or re-downloads a certificate, an auditor comparing two copies, and a ZIP of 10,000 certificates
/// that must be reproducible all want the same record to give the same bytes.
/// </summary>
internal sealed class PdfIdentity : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void Add(string? text)
    {
        var bytes = Encoding.UTF8.GetBytes(text ?? "");
        Add(bytes.LongLength);
        _hash.AppendData(bytes);
    }

    public void Add(long value)
    {
        Span<byte> buffer = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(buffer, value);
        _hash.AppendData(buffer);
    }

    public void Add(bool value) => Add(value ? 1L : 0L);

    public void Add(ReadOnlySpan<byte> data)
    {
        Add(data.Length);
        _hash.AppendData(data);
    }

    /// <summary>
    /// Sets the creation date (midnight UTC of <paramref name="date"/>: a document's own date, not the moment it was
    /// rendered), the document ID and the font subset tags from the content added so far, and dates links the same
    /// day. Call after drawing.
    /// </summary>
    public void Stamp(PdfDocument document, DateOnly date)
    {
        var digest = _hash.GetCurrentHash();
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        document.Info.CreationDate = midnight;
        var id = string.Create(16, digest, static (span, bytes) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)bytes[i];
            }
        });
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;

        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in document.Internals.GetAllObjects())
        {
            if (item is not PdfDictionary dictionary)
            {
                continue;
            }

            if (dictionary.Elements.GetName("/Type") == "/Annot")
            {
                dictionary.Elements.Remove("/NM");
                dictionary.Elements.SetDateTime("/M", midnight);
                continue;
            }

            var key = dictionary is PdfFontDescriptor ? "/FontName" : "/BaseFont";
            var name = dictionary.Elements.GetName(key);
            if (name.Length < 8 || name[7] != '+')
            {
                continue;
            }

            if (!renamed.TryGetValue(name, out var stable))
            {
                stable = "/" + SubsetTag(digest, name[8..]) + "+" + name[8..];
                renamed[name] = stable;
            }

            dictionary.Elements.SetName(key, stable);
        }
    }

    /// <summary>
    /// Saves the stamped document to <paramref name="output"/> with the XMP document and instance IDs (which PDFsharp
    /// makes up while saving) replaced by ones derived from the content. The replacements have the same length, so
    /// the file's cross-reference offsets stay right.
    /// </summary>
    public void Save(PdfDocument document, Stream output)
    {
        var digest = _hash.GetCurrentHash();
        using var buffer = new MemoryStream(64 * 1024);
        document.Save(buffer, false);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        ReplaceUuid(bytes, "<xmpMM:DocumentID>uuid:"u8, digest, "document");
        ReplaceUuid(bytes, "<xmpMM:InstanceID>uuid:"u8, digest, "instance");
        output.Write(bytes);
    }

    public void Dispose() => _hash.Dispose();

    private static void ReplaceUuid(Span<byte> pdf, ReadOnlySpan<byte> marker, byte[] digest, string purpose)
    {
        var at = pdf.IndexOf(marker);
        if (at < 0 || pdf.Length < at + marker.Length + 36)
        {
            return;
        }

        var uuid = new Guid(SHA256.HashData([.. digest, .. Encoding.ASCII.GetBytes(purpose)]).AsSpan(0, 16)).ToString("D");
        Encoding.ASCII.GetBytes(uuid, pdf.Slice(at + marker.Length, 36));
    }

    /// <summary>Six capital letters, as PDF requires of a subset's tag, drawn from the content and the font's name.</summary>
    private static string SubsetTag(byte[] digest, string fontName)
    {
        var mixed = SHA256.HashData([.. digest, .. Encoding.UTF8.GetBytes(fontName)]);
        return string.Create(6, mixed, static (span, bytes) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('A' + (bytes[i] % 26));
            }
        });
    }
}
