using System.Diagnostics;
using System.Globalization;
using CoopRegister.Features.Certificates;
using CoopRegister.Testing;

namespace CoopRegister.Benchmarks;

/// <summary>
/// quality.md: at least 200 certificates per second on one core (QuestPDF publishes about 17), and 10,000 certificates
/// into a ZIP in under 60 s with flat memory. The single-core figure renders on one thread; it is reported per second
/// of wall-clock time and per second of the process's CPU time (garbage collector included), which is steadier on a
/// busy machine. The code is warmed up first with 10,000 certificates: confined to one processor, .NET's tiered
/// compiler needs about that many before the hot code reaches its final tier (with two processors, about 2,000).
/// Images come from <see cref="SampleDocuments"/>: a logo and two scanned signatures.
/// Options: <c>--runs 5</c>, <c>--per-run 1000</c>, <c>--warm-up 10000</c>, <c>--zip 10000</c>,
/// <c>--zip-parallelism 0</c> (0: one per processor).
/// </summary>
public sealed class CertificateBenchmark : IBenchmark
{
    public string Name => "certificates";

    public string Description => "Share certificate PDFs per second on one core; 10,000 into a ZIP (time, memory).";

    public async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var runs = BenchArgs.Option(args, "--runs", 5);
        var perRun = BenchArgs.Option(args, "--per-run", 1000);
        var zipCount = BenchArgs.Option(args, "--zip", 10_000);
        var zipParallelism = BenchArgs.Option(args, "--zip-parallelism", 0);
        var warmUp = BenchArgs.Option(args, "--warm-up", 10_000);

        using var process = Process.GetCurrentProcess();
        await output.WriteLineAsync($"single thread, {Environment.ProcessorCount} processor(s) available to the process (run under 'taskset -c 0' to confine it, and the garbage collector, to one core)");
        foreach (var withImages in new[] { true, false })
        {
            cancellationToken.ThrowIfCancellationRequested();
            var certificates = SampleDocuments.Certificates(perRun, withImages).ToList();
            var warmUpClock = Stopwatch.StartNew();
            var warmUpCount = withImages ? warmUp : 2 * perRun;
            for (var i = 0; i < warmUpCount; i++)
            {
                CertificatePdf.Render(certificates[i % certificates.Count]);
            }

            await output.WriteLineAsync($"warm-up: {warmUpCount.ToString("N0", CultureInfo.InvariantCulture)} certificates in {Measure.F(warmUpClock.Elapsed.TotalSeconds)} s");

            var wall = new List<double>();
            var cpu = new List<double>();
            long bytes = 0;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var collectionsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            for (var run = 0; run < runs; run++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                bytes = 0;
                foreach (var c in certificates)
                {
                    bytes += CertificatePdf.Render(c).Length;
                }

                wall.Add(certificates.Count / clock.Elapsed.TotalSeconds);
                process.Refresh();
                cpu.Add(certificates.Count / (process.TotalProcessorTime - cpuBefore).TotalSeconds);
            }

            var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)(runs * certificates.Count);
            var collections = (GC.CollectionCount(0) - collectionsBefore.Item1, GC.CollectionCount(1) - collectionsBefore.Item2, GC.CollectionCount(2) - collectionsBefore.Item3);
            var label = withImages ? "with logo and two signature images" : "typeset signatures, no images";
            await output.WriteLineAsync($"certificates per second, one core, {label}: {Measure.F(Measure.Median(wall), 0)} (median of {runs} x {perRun}; runs {string.Join(", ", wall.Select(w => Measure.F(w, 0)))})");
            await output.WriteLineAsync($"certificates per CPU-second, one core, {label}: {Measure.F(Measure.Median(cpu), 0)}");
            await output.WriteLineAsync($"certificate size, {label}: {Measure.F(bytes / 1024.0 / certificates.Count)} KiB");
            await output.WriteLineAsync($"allocated per certificate, {label}: {Measure.F(allocated / 1024.0, 0)} KiB (collections gen0/1/2: {collections.Item1}/{collections.Item2}/{collections.Item3})");
        }

        await ZipAsync(zipCount, zipParallelism, output, cancellationToken);
        return 0;
    }

    private static async Task ZipAsync(int count, int parallelism, TextWriter output, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"coopregister-certificates-{Environment.ProcessId}.zip");
        try
        {
            GC.Collect();
            var peakBefore = Measure.PeakWorkingSetMiB();
            var samples = new List<string>();
            var heaps = new List<string>();
            var clock = Stopwatch.StartNew();
            int written;
            await using (var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                var progress = new Sampler(count / 5, samples, heaps);
                written = await CertificateArchive.WriteAsync(SampleDocuments.Certificates(count), stream, parallelism, progress, cancellationToken);
            }

            var elapsed = clock.Elapsed;
            var peakAfter = Measure.PeakWorkingSetMiB();
            var cores = parallelism == 0 ? Environment.ProcessorCount : parallelism;
            await output.WriteLineAsync($"zip of {written.ToString("N0", CultureInfo.InvariantCulture)} certificates ({cores} rendering at once): {Measure.F(elapsed.TotalSeconds)} s, {Measure.F(new FileInfo(file).Length / 1024.0 / 1024.0)} MiB");
            await output.WriteLineAsync($"zip working set every {(count / 5).ToString("N0", CultureInfo.InvariantCulture)} certificates: {string.Join(", ", samples)} MiB");
            await output.WriteLineAsync($"zip live managed heap (after a full collection) at the same points: {string.Join(", ", heaps)} MiB");
            await output.WriteLineAsync($"peak working set before / after the zip: {Measure.F(peakBefore)} / {Measure.F(peakAfter)} MiB");
        }
        finally
        {
            File.Delete(file);
        }
    }


    /// <summary>Notes the working set and the live heap every <c>every</c> certificates, to show that memory stays flat.</summary>
    private sealed class Sampler(int every, List<string> workingSets, List<string> heaps) : IProgress<int>
    {
        public void Report(int value)
        {
            if (every > 0 && value % every == 0)
            {
                using var process = Process.GetCurrentProcess();
                workingSets.Add(Measure.F(process.WorkingSet64 / 1024.0 / 1024.0, 0));
                heaps.Add(Measure.F(GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0));
            }
        }
    }
}
