using System.CommandLine;
using CoopRegister.Cli;
using CoopRegister.Cli.Commands;
using CoopRegister.Data;
using CoopRegister.Domain.Society;
using CoopRegister.Testing;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Demo;

public sealed class DemoDataCommandTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(AppContext.BaseDirectory, "testdb", $"demo-{Guid.NewGuid():N}");

    private string File => Path.Combine(_folder, "register.db");

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Demo_data_refuses_without_a_society_then_generates_500_members_and_appends_only_when_asked()
    {
        var refused = await RunAsync("demo-data", "--members", "500", "--seed", "1", "--database", File);
        Assert.Equal(2, refused.Code);
        Assert.Contains("--create-society", refused.Err, StringComparison.Ordinal);

        var created = await RunAsync("demo-data", "--members", "500", "--seed", "1", "--database", File, "--create-society", "--today", "2026-11-26", "--batch-size", "200");
        Assert.Equal(0, created.Code);
        Assert.Contains("200 of 500 members", created.Out, StringComparison.Ordinal);
        Assert.Contains("Rebuilding the indexes", created.Out, StringComparison.Ordinal);
        Assert.Contains("Wrote 500 members (numbers 1 to 500)", created.Out, StringComparison.Ordinal);
        Assert.Contains("in one transaction", created.Out, StringComparison.Ordinal);

        var again = await RunAsync("demo-data", "--members", "500", "--seed", "1", "--database", File);
        Assert.Equal(2, again.Code);
        Assert.Contains("--append", again.Err, StringComparison.Ordinal);

        var appended = await RunAsync("demo-data", "--members", "100", "--seed", "2", "--database", File, "--append", "--batch-size", "50");
        Assert.Equal(0, appended.Code);
        Assert.Contains("Wrote 100 members (numbers 501 to 600)", appended.Out, StringComparison.Ordinal);
        Assert.Contains("one transaction per batch", appended.Out, StringComparison.Ordinal);

        await using var db = Context(File);
        Assert.Equal(600, await db.Members.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(601, (await db.NumberCounters.SingleAsync(c => c.Name == NumberCounter.MemberNumbers, TestContext.Current.CancellationToken)).Next);
    }

    [Fact]
    public async Task Demo_data_fills_a_register_whose_society_is_set_up_and_the_same_seed_fills_another_the_same_way()
    {
        var second = Path.Combine(_folder, "second.db");
        foreach (var file in new[] { File, second })
        {
            Assert.Equal(0, (await RunAsync("migrate", "--database", file)).Code);
            await using var db = Context(file);
            db.Societies.Add(RegisteredSociety.Create(RegisterTestHost.SampleSociety, new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        // Without --today the register's today is the clock's date (UTC), which the second run is then given.
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (code, output, error) = await RunAsync("demo-data", "--members", "500", "--seed", "1", "--database", File);
        Assert.True(code == 0, error);
        Assert.Contains("Created the ordinary share class", output, StringComparison.Ordinal);
        Assert.Contains("Wrote 500 members (numbers 1 to 500)", output, StringComparison.Ordinal);

        // The same seed and the same "today" give the same register in another database.
        Assert.Equal(0, (await RunAsync("demo-data", "--members", "500", "--seed", "1", "--today", today, "--database", second)).Code);
        await using var one = Context(File);
        await using var two = Context(second);
        Assert.Equal(500, await one.Members.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(await RegisterRows.DigestAsync(one, TestContext.Current.CancellationToken), await RegisterRows.DigestAsync(two, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_bad_date_or_count_is_refused_with_a_message()
    {
        var date = await RunAsync("demo-data", "--members", "5", "--today", "26/11/2026", "--database", File);
        Assert.Equal(1, date.Code);
        Assert.Contains("YYYY-MM-DD", date.Err, StringComparison.Ordinal);

        var count = await RunAsync("demo-data", "--members", "0", "--database", File, "--create-society");
        Assert.Equal(2, count.Code);
        Assert.Contains("from 1 to 10,000,000", count.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_describes_the_transactions()
    {
        var (code, output, _) = await RunAsync("demo-data", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--members", output, StringComparison.Ordinal);
        Assert.Contains("one transaction", output, StringComparison.Ordinal);
        Assert.Contains("Ctrl+C", output, StringComparison.Ordinal);
    }

    private static RegisterDbContext Context(string file) =>
        new(RegisterDatabase.StandaloneOptions(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file}")));

    private static RootCommand Root() => new() { CliHost.Database, CliHost.Provider, MigrateCommand.Create(), DemoDataCommand.Create() };

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.InvokeAsync(Root(), args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
