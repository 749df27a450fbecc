using System.Text;
using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Access;
using CoopRegister.Features.Imports;
using CoopRegister.Features.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CoopRegister.Features.Tests.Imports.ImportFiles;

namespace CoopRegister.Features.Tests.Imports;

/// <summary>The live heap is the whole process's: these tests run alone, not beside other tests that allocate.</summary>
[CollectionDefinition(nameof(ImportMemory), DisableParallelization = true)]
public sealed class ImportMemory;

[Collection(nameof(ImportMemory))]
public abstract class ImportMemoryTests(DatabaseProvider provider) : RegisterTest(provider), IAsyncDisposable
{
    private readonly ImportFiles _files = new();

    private RegisterImportService Imports => Host.Get<RegisterImportService>();

    [Fact]
    public async Task A_hundred_thousand_rows_are_read_as_a_stream_with_bounded_memory_and_imported()
    {
        await Host.SetUpSocietyAsync();
        var registrar = await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
        var path = Path.Combine(_files.Folder, "large.csv");
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(true)))
        {
            await writer.WriteAsync(Header + "\r\n");
            for (var i = 1; i <= 100_000; i++)
            {
                await writer.WriteAsync(Row(i, name: $"Member Number {i}", email: $"member{i}@example.org", shares: 1 + (i % 500)) + "\r\n");
            }
        }

        var bytes = new FileInfo(path).Length;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var sampler = new HeapSampler();
        var check = await Imports.CheckAsync(registrar, new RegisterImportRequest { Register = new ImportUpload(path, "large.csv") }, sampler, Cancel);
        Assert.True(check.Ok, check.ToText());
        Assert.True(sampler.Samples >= 5, $"{sampler.Samples} samples");

        // What stays in memory is the member numbers seen (for repeats), not the rows: a small part of the file.
        var grown = sampler.Peak - baseline;
        Assert.True(grown < bytes / 3, $"The heap grew by {grown:N0} bytes reading a {bytes:N0}-byte file.");

        var import = await Imports.ImportAsync(registrar, new RegisterImportRequest { Register = new ImportUpload(path, "large.csv") }, cancellationToken: Cancel);
        Assert.True(import.Committed, import.ToText());
        await using (var db = Host.NewContext())
        {
            Assert.Equal(100_000, await db.Members.CountAsync(Cancel));
        }

        Assert.Equal(Enumerable.Range(1, 100_000).Sum(i => 1L + (i % 500)), import.Shares);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Dispose();
    }

    /// <summary>Samples the live heap (after a full collection) at each progress report.</summary>
    private sealed class HeapSampler : IProgress<ImportProgress>
    {
        public long Peak { get; private set; }

        public int Samples { get; private set; }

        public void Report(ImportProgress value)
        {
            if (value.Stage != ImportStage.Reading)
            {
                return;
            }

            Samples++;
            Peak = Math.Max(Peak, GC.GetTotalMemory(forceFullCollection: true));
        }
    }

}

public sealed class ImportMemoryTestsOnSqlite() : ImportMemoryTests(DatabaseProvider.Sqlite);

public sealed class ImportMemoryTestsOnPostgres() : ImportMemoryTests(DatabaseProvider.Postgres);
