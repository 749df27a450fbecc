using System.Globalization;
using CoopRegister.Domain;

namespace CoopRegister.Features.Imports;

/// <summary>Where uploaded import files are kept while they are checked and imported: <c>data/imports</c> under the content root.</summary>
public sealed record ImportUploadOptions(string Directory);

/// <summary>
/// Keeps an uploaded file on disk, never in memory: the upload is copied in blocks into a file of its own under
/// <see cref="ImportUploadOptions.Directory"/> (named by a random id; the person's file name is kept only for the
/// report), refused once it passes the size limit, and deleted when the page or the import is done with it. Files
/// left behind by a page that was closed are deleted after <see cref="KeepFor"/>.
/// </summary>
public sealed class ImportUploads(ImportUploadOptions options, TimeProvider clock)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(12);

    private const int BlockSize = 1 << 16;

    /// <summary>Copies the upload to a file of its own and returns it; deletes what it copied and refuses when the upload passes <paramref name="maxBytes"/>.</summary>
    public async Task<ImportUpload> SaveAsync(Stream upload, string fileName, long maxBytes, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        Directory.CreateDirectory(options.Directory);
        Sweep();
        var path = Path.Combine(options.Directory, $"{Guid.NewGuid():N}.csv");
        var name = Path.GetFileName(string.IsNullOrWhiteSpace(fileName) ? "upload.csv" : fileName.Trim());
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BlockSize, FileOptions.Asynchronous);
            var buffer = new byte[BlockSize];
            long total = 0;
            int n;
            while ((n = await upload.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += n;
                if (total > maxBytes)
                {
                    throw new DomainException("File", $"{name} is larger than {Size(maxBytes)}, the most an import takes.");
                }

                await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                progress?.Report(total);
            }
        }
        catch
        {
            Delete(path);
            throw;
        }

        return new ImportUpload(path, name);
    }

    /// <summary>Deletes an uploaded file, if it is one of ours.</summary>
    public void Delete(string? path)
    {
        if (path is null || !string.Equals(Path.GetDirectoryName(Path.GetFullPath(path)), Path.GetFullPath(options.Directory), StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Still open (an import reading it); the sweep takes it later.
        }
    }

    /// <summary>"1.5 MB", "250 MB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} KB",
        _ => $"{(bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} MB",
    };

    private void Sweep()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - KeepFor;
        foreach (var file in Directory.EnumerateFiles(options.Directory, "*.csv"))
        {
            if (File.GetLastWriteTimeUtc(file) < cutoff)
            {
                Delete(file);
            }
        }
    }
}
