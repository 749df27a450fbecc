using System.IO.Compression;
using CoopRegister.Features.Certificates;
using CoopRegister.Testing;

namespace CoopRegister.Features.Tests.Certificates;

public sealed class CertificateArchiveTests
{
    [Fact]
    public async Task Certificates_go_into_the_zip_in_order_each_as_its_own_pdf()
    {
        var certificates = SampleDocuments.Certificates(60).ToList();
        using var output = new MemoryStream();
        var progress = new List<int>();

        var written = await CertificateArchive.WriteAsync(certificates, output, parallelism: 4, new SynchronousProgress(progress.Add), TestContext.Current.CancellationToken);

        Assert.Equal(60, written);
        Assert.Equal(Enumerable.Range(1, 60), progress);
        using var zip = new ZipArchive(new MemoryStream(output.ToArray()), ZipArchiveMode.Read);
        Assert.Equal(certificates.Select(CertificatePdf.FileName), zip.Entries.Select(e => e.FullName));
        for (var i = 0; i < certificates.Count; i += 17)
        {
            using var entry = zip.Entries[i].Open();
            using var copy = new MemoryStream();
            await entry.CopyToAsync(copy, TestContext.Current.CancellationToken);
            Assert.Equal(CertificatePdf.Render(certificates[i]), copy.ToArray());
            Assert.Equal(certificates[i].IssuedOn, DateOnly.FromDateTime(zip.Entries[i].LastWriteTime.DateTime));
        }
    }

    [Fact]
    public async Task The_same_certificates_make_the_same_zip()
    {
        var certificates = SampleDocuments.Certificates(12).ToList();
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        await CertificateArchive.WriteAsync(certificates, first, parallelism: 3, cancellationToken: TestContext.Current.CancellationToken);
        await CertificateArchive.WriteAsync(certificates, second, parallelism: 1, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public async Task A_repeated_file_name_is_numbered_rather_than_overwritten()
    {
        var certificate = SampleDocuments.Certificate() with { IsDuplicate = true };
        using var output = new MemoryStream();

        await CertificateArchive.WriteAsync([certificate, certificate, certificate], output, cancellationToken: TestContext.Current.CancellationToken);

        using var zip = new ZipArchive(new MemoryStream(output.ToArray()), ZipArchiveMode.Read);
        Assert.Equal(
            ["certificate-C-000123-duplicate.pdf", "certificate-C-000123-duplicate-2.pdf", "certificate-C-000123-duplicate-3.pdf"],
            zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public async Task The_archive_streams_to_an_output_that_cannot_seek()
    {
        using var sink = new ForwardOnlyStream();

        var written = await CertificateArchive.WriteAsync(SampleDocuments.Certificates(5), sink, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(5, written);
        using var zip = new ZipArchive(new MemoryStream(sink.Written.ToArray()), ZipArchiveMode.Read);
        Assert.Equal(5, zip.Entries.Count);
    }

    [Fact]
    public async Task A_cancelled_bulk_issue_stops_between_certificates()
    {
        using var cancel = new CancellationTokenSource();
        using var output = new MemoryStream();
        var progress = new SynchronousProgress(n =>
        {
            if (n == 3)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            CertificateArchive.WriteAsync(SampleDocuments.Certificates(1_000), output, parallelism: 2, progress, cancel.Token));
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    /// <summary>A response body: written forwards only, never read back or repositioned.</summary>
    private sealed class ForwardOnlyStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);
    }
}
