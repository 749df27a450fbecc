using System.IO.Compression;

namespace CoopRegister.Features.Certificates;

/// <summary>
/// Bulk issue (quality.md: 10,000 certificates as a ZIP in under a minute, with flat memory): certificates are
/// rendered on several cores but written one after another in the order given, and at most a few are held in
/// memory at once, so the archive streams straight to a file or an HTTP response of any length.
/// The archive is reproducible: entries are stored (PDFs are compressed already) and dated by their date of issue,
/// so the same certificates give the same ZIP.
/// </summary>
public static class CertificateArchive
{
    /// <summary>
    /// Writes one PDF per certificate into a ZIP on <paramref name="output"/> (left open), named as
    /// <see cref="CertificatePdf.FileName"/> says (with "-2", "-3" … if a name repeats).
    /// </summary>
    /// <param name="certificates">Read once, lazily: may come straight from a database query.</param>
    /// <param name="output">Where the ZIP goes; need not be seekable.</param>
    /// <param name="parallelism">Certificates rendered at once; 0 for one per processor.</param>
    /// <param name="progress">Told the number of certificates written so far, after each one.</param>
    /// <param name="cancellationToken">Stops between certificates; the ZIP is then incomplete.</param>
    public static async Task<int> WriteAsync(
        IEnumerable<CertificateDocument> certificates,
        Stream output,
        int parallelism = 0,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(parallelism);
        var window = parallelism == 0 ? Environment.ProcessorCount : parallelism;

        var archive = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using (archive)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var pending = new Queue<Task<(CertificateDocument Certificate, byte[] Pdf)>>();
            var written = 0;
            try
            {
                foreach (var certificate in certificates)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    ArgumentNullException.ThrowIfNull(certificate, nameof(certificates));
                    pending.Enqueue(window == 1
                        ? Task.FromResult((certificate, CertificatePdf.Render(certificate)))
                        : Task.Run(() => (certificate, CertificatePdf.Render(certificate)), cancellationToken));
                    if (pending.Count >= window)
                    {
                        await WriteEntryAsync(archive, await pending.Dequeue(), names, cancellationToken);
                        written++;
                        progress?.Report(written);
                    }
                }

                while (pending.Count > 0)
                {
                    await WriteEntryAsync(archive, await pending.Dequeue(), names, cancellationToken);
                    written++;
                    progress?.Report(written);
                }
            }
            catch
            {
                // Let renders already started finish before the caller tears the stream down.
                await Task.WhenAll(pending).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                throw;
            }

            return written;
        }
    }

    private static async Task WriteEntryAsync(
        ZipArchive archive, (CertificateDocument Certificate, byte[] Pdf) rendered, HashSet<string> names, CancellationToken cancellationToken)
    {
        var name = CertificatePdf.FileName(rendered.Certificate);
        for (var n = 2; !names.Add(name); n++)
        {
            name = $"{Path.GetFileNameWithoutExtension(CertificatePdf.FileName(rendered.Certificate))}-{n}.pdf";
        }

        var entry = archive.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = new DateTimeOffset(rendered.Certificate.IssuedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var stream = await entry.OpenAsync(cancellationToken);
        await using (stream)
        {
            await stream.WriteAsync(rendered.Pdf, cancellationToken);
        }
    }
}
