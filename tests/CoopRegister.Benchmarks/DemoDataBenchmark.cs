using System.Diagnostics;
using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Features.Access;
using CoopRegister.Features.Demo;
using CoopRegister.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CoopRegister.Benchmarks;

/// <summary>
/// Generates a 1,000,000-member demonstration register (quality.md: under 60 s) into a fresh SQLite file, and into a
/// fresh PostgreSQL database when <c>COOPREG_TEST_POSTGRES</c> is set, exactly as <c>coopreg demo-data</c> does: the
/// time runs from the call to the committed register (checks, generation, writing, index rebuild, commit). Every run
/// makes the same register (seed 1, today 2026-11-26). Options: <c>--members N</c>, <c>--runs N</c> (default 3; the
/// median is reported), <c>--engine sqlite|postgres|both</c>, <c>--batch-size N</c>.
/// </summary>
public sealed class DemoDataBenchmark : IBenchmark
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    public string Name => "demo-data";

    public string Description => "Generate a 1,000,000-member demo register into SQLite (and PostgreSQL when configured): seconds, members/s, size.";

    public async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var members = BenchArgs.Option(args, "--members", 1_000_000);
        var runs = BenchArgs.Option(args, "--runs", 3);
        var batchSize = BenchArgs.Option(args, "--batch-size", DemoDataRequest.DefaultBatchSize);
        var engine = BenchArgs.Text(args, "--engine", "both");
        var folder = Path.Combine(AppContext.BaseDirectory, "bench");
        Directory.CreateDirectory(folder);

        var request = new DemoDataRequest { Members = members, Seed = 1, Today = Today, CreateSociety = true, BatchSize = batchSize };
        var ok = true;
        if (engine is "sqlite" or "both")
        {
            var times = new List<double>();
            for (var run = 1; run <= runs && !cancellationToken.IsCancellationRequested; run++)
            {
                var file = Path.Combine(folder, $"demo-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{run.ToString(CultureInfo.InvariantCulture)}.db");
                var database = new DatabaseOptions(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ToString());
                try
                {
                    var (seconds, cpu, result) = await RunOnceAsync(database, request, cancellationToken);
                    times.Add(seconds);
                    var bytes = new[] { "", "-wal" }.Select(s => new FileInfo(file + s)).Where(f => f.Exists).Sum(f => f.Length);
                    Report(output, "sqlite", run, seconds, cpu, result, bytes);
                }
                finally
                {
                    SqliteConnection.ClearAllPools();
                    foreach (var suffix in new[] { "", "-wal", "-shm" })
                    {
                        File.Delete(file + suffix);
                    }
                }
            }

            var median = Measure.Median(times);
            output.WriteLine($"sqlite median: {Measure.F(median, 1)} s, {Measure.F(members / median, 0)} members/s (target under 60 s)");
            ok &= median < 60;
        }

        if (engine is "postgres" or "both")
        {
            if (TestDatabase.PostgresServer is not { } server)
            {
                output.WriteLine($"postgres: skipped ({TestDatabase.PostgresVariable} is not set)");
            }
            else
            {
                var times = new List<double>();
                for (var run = 1; run <= runs && !cancellationToken.IsCancellationRequested; run++)
                {
                    var name = $"coopreg_bench_{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}_{run.ToString(CultureInfo.InvariantCulture)}";
                    await BenchArgs.ExecuteOnServerAsync(server, $"CREATE DATABASE \"{name}\"", cancellationToken);
                    try
                    {
                        var database = new DatabaseOptions(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString());
                        var (seconds, cpu, result) = await RunOnceAsync(database, request, cancellationToken);
                        times.Add(seconds);
                        long bytes;
                        await using (var connection = new NpgsqlConnection(database.ConnectionString))
                        {
                            await connection.OpenAsync(cancellationToken);
                            await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
                            bytes = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
                        }

                        Report(output, "postgres", run, seconds, cpu, result, bytes);
                    }
                    finally
                    {
                        NpgsqlConnection.ClearAllPools();
                        await BenchArgs.ExecuteOnServerAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
                    }
                }

                var median = Measure.Median(times);
                output.WriteLine($"postgres median: {Measure.F(median, 1)} s, {Measure.F(members / median, 0)} members/s");
            }
        }

        output.WriteLine($"peak working set: {Measure.F(Measure.PeakWorkingSetMiB(), 0)} MiB (whole process, all runs)");
        return ok ? 0 : 1;
    }

    /// <summary>Migrates the fresh database, then times the demo-data service from the call to the committed register.</summary>
    private static async Task<(double Seconds, double CpuSeconds, DemoDataResult Result)> RunOnceAsync(DatabaseOptions database, DemoDataRequest request, CancellationToken cancellationToken)
    {
        await using (var db = new RegisterDbContext(RegisterDatabase.StandaloneOptions(database)))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var service = new DemoDataService(new BenchRegister.Contexts(database), TimeProvider.System);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var result = await service.GenerateAsync(Actor.CommandLine(Environment.UserName), request, null, cancellationToken);
        return (sw.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, result);
    }

    private static void Report(TextWriter output, string engine, int run, double seconds, double cpu, DemoDataResult result, long bytes) =>
        output.WriteLine(
            $"{engine} run {run.ToString(CultureInfo.InvariantCulture)}: {Measure.F(seconds, 1)} s, {Measure.F(result.Members / seconds, 0)} members/s, " +
            $"{result.Members.ToString("N0", CultureInfo.InvariantCulture)} members, {result.LedgerEntries.ToString("N0", CultureInfo.InvariantCulture)} ledger entries, " +
            $"{result.Applications.ToString("N0", CultureInfo.InvariantCulture)} applications, CPU {Measure.F(cpu, 1)} s (both threads), " +
            $"database {Measure.F(bytes / 1024.0 / 1024.0, 0)} MiB, peak working set so far {Measure.F(Measure.PeakWorkingSetMiB(), 0)} MiB");
}
