using CoopRegister.Domain;
using CoopRegister.Features.Imports;

namespace CoopRegister.Features.Tests.Imports;

public sealed class ImportUploadsTests : IDisposable
{
    private readonly string _folder = Path.Combine(AppContext.BaseDirectory, "testdb", $"uploads-{Guid.NewGuid():N}");

    private ImportUploads Uploads => new(new ImportUploadOptions(_folder), TimeProvider.System);

    [Fact]
    public async Task An_upload_is_copied_to_a_file_of_its_own_and_deleted_when_done_with()
    {
        using var source = new MemoryStream(new byte[300_000]);
        var upload = await Uploads.SaveAsync(source, "../../etc/members.csv", 1_000_000, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("members.csv", upload.FileName);
        Assert.Equal(_folder, Path.GetDirectoryName(upload.Path));
        Assert.Equal(300_000, new FileInfo(upload.Path).Length);
        Uploads.Delete(upload.Path);
        Assert.False(File.Exists(upload.Path));
    }

    [Fact]
    public async Task An_upload_above_the_limit_is_refused_and_nothing_of_it_is_kept()
    {
        using var source = new MemoryStream(new byte[300_000]);
        var refused = await Assert.ThrowsAsync<DomainException>(() => Uploads.SaveAsync(source, "big.csv", 200_000, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("big.csv is larger than 195.3 KB", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Only_files_in_the_uploads_folder_are_deleted()
    {
        var elsewhere = Path.GetTempFileName();
        Uploads.Delete(elsewhere);
        Assert.True(File.Exists(elsewhere));
        File.Delete(elsewhere);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
