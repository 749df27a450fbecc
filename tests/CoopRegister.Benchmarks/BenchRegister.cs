using System.Diagnostics;
using System.Globalization;
using CoopRegister.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Benchmarks;

/// <summary>
/// A generated register kept between benchmark runs (bin/…/bench/register-N.db): made once by running
/// <c>coopreg demo-data</c> in a child process, so the process that measures has done nothing else.
/// </summary>
public static class BenchRegister
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    public static async Task<DatabaseOptions> GetAsync(int members, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var folder = Path.Combine(AppContext.BaseDirectory, "bench");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"register-{members.ToString(CultureInfo.InvariantCulture)}.db");
        if (!File.Exists(file))
        {
            output.WriteLine($"Generating a {members:#,##0}-member register into {Path.GetFileName(file)} (once; later runs reuse it)…");
            var partial = file + ".part";
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(partial + suffix);
            }

            await CoopregAsync(cancellationToken,
                "demo-data", "--members", members.ToString(CultureInfo.InvariantCulture), "--seed", "1", "--create-society",
                "--today", Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--database", partial);
            SqliteConnection.ClearAllPools();
            File.Move(partial, file);
        }
        else
        {
            // A register kept from an earlier build may predate a migration; bring it up to date as the web app would
            // at start, so the benchmark measures today's schema rather than failing on a missing column.
            await CoopregAsync(cancellationToken, "migrate", "--database", file);
            SqliteConnection.ClearAllPools();
        }

        return new DatabaseOptions(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ToString());
    }

    /// <summary>Runs <c>coopreg</c> in a child process, so that the measuring process has done nothing else.</summary>
    private static async Task CoopregAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "coopreg.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        _ = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"coopreg {arguments[0]} failed with exit code {process.ExitCode}.");
        }
    }

    public static string FileOf(DatabaseOptions database) => new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;

    public sealed class Contexts(DatabaseOptions database) : IDbContextFactory<RegisterDbContext>
    {
        public RegisterDbContext CreateDbContext() => new(RegisterDatabase.StandaloneOptions(database));
    }
}
