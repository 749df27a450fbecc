using System.Diagnostics;
using CoopRegister.Features.Access;
using CoopRegister.Features.Exports;
using Microsoft.Extensions.Time.Testing;

namespace CoopRegister.Benchmarks;

/// <summary>
/// The full register export over a million members (quality.md: under 3 s, peak memory under 200 MB), computed from
/// the ledger as at a date, against the natural peer measured in the same run: the <c>sqlite3</c> shell's own CSV dump
/// of the same rows (the same join and sums), with a target of within 2×. The register is generated in a child
/// process, so this process's peak memory is the export's.
/// </summary>
public sealed class ExportBenchmark : IBenchmark
{
    private const string PeerSql = """
        SELECT m.MemberNumber, m.Name, m.Kind, m.RepresentedBody, m.RepresentativeName, m.JointHolders, m.Address, m.Postcode, m.Country,
               CASE WHEN m.NoticesByEmail THEN m.Email END, m.NoticesByEmail, c.Name, COALESCE(s.Shares, 0), printf('%.2f', COALESCE(s.Paid, 0) / 100.0),
               m.DateEntered, CASE WHEN m.DateCeased <= '2026-11-26' THEN m.DateCeased END
        FROM Members m
        LEFT JOIN (SELECT MemberId, ShareClassId, SUM(Shares) AS Shares, SUM(AmountPaidPence) AS Paid FROM LedgerEntries
                   WHERE EffectiveDate <= '2026-11-26' GROUP BY MemberId, ShareClassId) s ON s.MemberId = m.Id
        LEFT JOIN ShareClasses c ON c.Id = COALESCE(s.ShareClassId, 1)
        WHERE m.DateEntered <= '2026-11-26'
        ORDER BY m.MemberNumber, s.ShareClassId;
        """;

    public string Name => "export";

    public string Description => "Export the 1,000,000-member register to CSV as at a date; the sqlite3 shell's dump of the same rows in the same run.";

    public async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var database = await BenchRegister.GetAsync(1_000_000, output, cancellationToken);
        var file = BenchRegister.FileOf(database);
        var folder = Path.GetDirectoryName(file)!;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 18, 0, 0, TimeSpan.Zero));
        var exports = new ExportService(new BenchRegister.Contexts(database), clock);
        var actor = Actor.CommandLine("benchmark");
        var ours = new List<double>();
        var peer = new List<double>();
        long bytes = 0;
        var rows = 0;
        for (var run = 0; run < 3; run++)
        {
            var target = Path.Combine(folder, "register-export.csv");
            var sw = Stopwatch.StartNew();
            await using (var stream = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                rows = await exports.WriteAsync(actor, new ExportRequest(ExportKind.Register, BenchRegister.Today), stream, cancellationToken);
            }

            ours.Add(sw.Elapsed.TotalSeconds);
            bytes = new FileInfo(target).Length;

            var peerTarget = Path.Combine(folder, "register-sqlite3.csv");
            sw.Restart();
            var shell = new ProcessStartInfo("/usr/bin/sqlite3") { ArgumentList = { "-csv", "-header", file, PeerSql }, RedirectStandardOutput = true, UseShellExecute = false };
            using (var process = Process.Start(shell)!)
            await using (var sink = File.Create(peerTarget))
            {
                await process.StandardOutput.BaseStream.CopyToAsync(sink, cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
            }

            peer.Add(sw.Elapsed.TotalSeconds);
            output.WriteLine($"run {run + 1}: export {Measure.F(ours[^1], 2)} s, sqlite3 shell {Measure.F(peer[^1], 2)} s ({new FileInfo(peerTarget).Length / 1024 / 1024} MiB)");
        }

        var median = Measure.Median(ours);
        var peerMedian = Measure.Median(peer);
        var peak = Measure.PeakWorkingSetMiB();
        output.WriteLine($"register export: {rows:#,##0} rows, {bytes / 1024 / 1024} MiB; median {Measure.F(median, 2)} s (target under 3 s)");
        output.WriteLine($"sqlite3 shell, same rows: median {Measure.F(peerMedian, 2)} s; ratio {Measure.F(median / peerMedian, 2)} (target within 2)");
        output.WriteLine($"peak working set of this process: {Measure.F(peak, 0)} MiB (target under 200 MB)");
        return median < 3 && peak < 200 ? 0 : 1;
    }
}
