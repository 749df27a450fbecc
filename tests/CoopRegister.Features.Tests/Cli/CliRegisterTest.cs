using System.CommandLine;
using CoopRegister.Cli;
using CoopRegister.Cli.Commands;
using CoopRegister.Data;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;
using CoopRegister.Features.Tests.Imports;
using CoopRegister.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Cli;

/// <summary>
/// A test of <c>coopreg</c> commands against a SQLite file of its own, migrated by <c>coopreg migrate</c>, with the society
/// set up and its ordinary shares; the test's files live in a folder deleted afterwards.
/// </summary>
public abstract class CliRegisterTest : IAsyncLifetime
{
    private protected ImportFiles Files { get; } = new();

    protected string Database => Path.Combine(Files.Folder, "register.db");

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        Assert.Equal(0, (await RunAsync("migrate", "--database", Database)).Code);
        await using var db = Context();
        db.Societies.Add(RegisteredSociety.Create(RegisterTestHost.SampleSociety, new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc)));
        db.ShareClasses.Add(ShareClass.Ordinary(RegisterTestHost.SampleSociety));
        await db.SaveChangesAsync(Cancel);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Files.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>The commands the test runs (always with migrate, and the database options).</summary>
    protected abstract IEnumerable<Command> Commands();

    protected RegisterDbContext Context() => new(RegisterDatabase.StandaloneOptions(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Database}")));

    protected async Task<int> CountAsync()
    {
        await using var db = Context();
        return await db.Members.CountAsync(Cancel);
    }

    protected async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var root = new RootCommand { CliHost.Database, CliHost.Provider, MigrateCommand.Create() };
        foreach (var command in Commands())
        {
            root.Subcommands.Add(command);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.InvokeAsync(root, args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
