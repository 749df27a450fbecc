using System.Diagnostics;
using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Data.Bulk;
using CoopRegister.Domain.Audit;
using CoopRegister.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CoopRegister.Benchmarks;

/// <summary>
/// Walks the audit trail's hash chain as <c>coopreg verify</c> does (quality.md: streaming, constant memory) over a
/// register holding a long trail: events written through the bulk writer (linked as they go), about 400 bytes of
/// summary and JSON each, then checked <c>--runs</c> times; then the chain is unlinked and linked again as an upgraded
/// register's first start does. Options: <c>--events N</c> (default 1,000,000), <c>--runs N</c> (default 3),
/// <c>--engine sqlite|postgres|both</c> (default sqlite).
/// </summary>
public sealed class AuditChainBenchmark : IBenchmark
{
    public string Name => "audit-chain";

    public string Description => "Check the audit trail's hash chain over 1,000,000 events (events/s), and link an upgraded register's trail.";

    public async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var events = BenchArgs.Option(args, "--events", 1_000_000);
        var runs = BenchArgs.Option(args, "--runs", 3);
        var engine = BenchArgs.Text(args, "--engine", "sqlite");
        var ok = true;
        if (engine is "sqlite" or "both")
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "bench");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"audit-{events.ToString(CultureInfo.InvariantCulture)}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.db");
            try
            {
                ok &= await RunOnAsync("sqlite", new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file}"), events, runs, output, cancellationToken);
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

        if (engine is "postgres" or "both")
        {
            if (TestDatabase.PostgresServer is not { } server)
            {
                output.WriteLine($"postgres: skipped ({TestDatabase.PostgresVariable} is not set)");
            }
            else
            {
                var name = $"coopreg_audit_{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
                await BenchArgs.ExecuteOnServerAsync(server, $"CREATE DATABASE \"{name}\"", cancellationToken);
                try
                {
                    ok &= await RunOnAsync("postgres", new DatabaseOptions(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString()), events, runs, output, cancellationToken);
                }
                finally
                {
                    NpgsqlConnection.ClearAllPools();
                    await BenchArgs.ExecuteOnServerAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
                }
            }
        }

        output.WriteLine($"peak working set: {Measure.F(Measure.PeakWorkingSetMiB(), 0)} MiB (whole process, all runs)");
        return ok ? 0 : 1;
    }

    private static async Task<bool> RunOnAsync(string label, DatabaseOptions database, int events, int runs, TextWriter output, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        await using (var db = new RegisterDbContext(RegisterDatabase.StandaloneOptions(database)))
        {
            await RegisterDatabase.MigrateAsync(db, cancellationToken);
            await using var writer = await RegisterBulkWriter.OpenAsync(db, RegisterBulkMode.TransactionPerBatch, cancellationToken);
            var keys = writer.KeyAssigner(await writer.ReadKeysAsync(cancellationToken));
            var at = new DateTime(2020, 1, 1, 9, 0, 0, DateTimeKind.Utc);
            for (var written = 0; written < events;)
            {
                var batch = new RegisterBatch(keys.Next);
                for (var i = 0; i < 10_000 && written < events; i++, written++)
                {
                    var member = 1 + (written % 100_000);
                    var e = AuditEvent.Record(at.AddSeconds(written * 37.25), "b1c2d3e4-0000-4000-8000-00000000beef", "registrar@example.org", "member.details-changed", "Member",
                        member.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"Changed the address of member {member}."),
                        string.Create(CultureInfo.InvariantCulture, $$"""{"Name":"Zoë Ó Briain","Address":"12 Beachy Road\nLondon","Postcode":"E3 2NS","Email":"member{{member}}@example.org","Country":"United Kingdom"}"""),
                        string.Create(CultureInfo.InvariantCulture, $$"""{"Name":"Zoë Ó Briain","Address":"{{written}} Roman Road\nLondon","Postcode":"E3 5LU","Email":"member{{member}}@example.org","Country":"United Kingdom"}"""),
                        member);
                    keys.AssignKey(e);
                    batch.AuditEvents.Add(e);
                }

                batch.End = keys.Next;
                await writer.WriteAsync(batch, cancellationToken);
            }
        }

        output.WriteLine($"{label} write: {events.ToString("N0", CultureInfo.InvariantCulture)} events linked and written through the bulk writer in {Measure.F(sw.Elapsed.TotalSeconds, 1)} s");

        var rates = new List<double>();
        for (var run = 1; run <= runs && !cancellationToken.IsCancellationRequested; run++)
        {
            await using var db = new RegisterDbContext(RegisterDatabase.StandaloneOptions(database));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var report = await AuditChain.VerifyAsync(db, cancellationToken);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            if (!report.Intact || report.Events != events)
            {
                output.WriteLine($"{label} check FAILED: {report.Break?.Explanation ?? $"{report.Events} events"}");
                return false;
            }

            var rate = report.Events / report.Elapsed.TotalSeconds;
            rates.Add(rate);
            output.WriteLine($"{label} check run {run.ToString(CultureInfo.InvariantCulture)}: {Measure.F(report.Elapsed.TotalSeconds, 2)} s, {Measure.F(rate, 0)} events/s, CPU {Measure.F(cpu.TotalSeconds, 2)} s, working set {Measure.F(Environment.WorkingSet / 1024.0 / 1024.0, 0)} MiB");
        }

        output.WriteLine($"{label} check median: {Measure.F(Measure.Median(rates), 0)} events/s");

        // An upgraded register: the same trail with no links, chained by its first start.
        await using (var db = new RegisterDbContext(RegisterDatabase.StandaloneOptions(database)))
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandTimeout = 600;
            command.CommandText = """UPDATE "AuditEvents" SET "Sequence" = NULL, "PreviousHash" = NULL, "Hash" = NULL; UPDATE "AuditChainHead" SET "Sequence" = 0, "Hash" = '0000000000000000000000000000000000000000000000000000000000000000';""";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var db = new RegisterDbContext(RegisterDatabase.StandaloneOptions(database)))
        {
            sw.Restart();
            var linked = await AuditChain.LinkExistingAsync(db, cancellationToken);
            output.WriteLine($"{label} upgrade: {linked.ToString("N0", CultureInfo.InvariantCulture)} existing events linked in {Measure.F(sw.Elapsed.TotalSeconds, 1)} s");
            var report = await AuditChain.VerifyAsync(db, cancellationToken);
            output.WriteLine($"{label} after upgrade: {(report.Intact ? "intact" : "BROKEN")}, {report.Events.ToString("N0", CultureInfo.InvariantCulture)} events");
            return report.Intact;
        }
    }
}
