using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CoopRegister.Data.Identity;
using CoopRegister.Domain.Accounts;
using CoopRegister.Testing.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Benchmarks;

/// <summary>
/// Concurrent users (quality.md: 10,000 open Blazor circuits, under 400 KB each, p95 interaction under 100 ms). The web
/// app runs in a child process (<see cref="CircuitServer"/>) over a copy of a generated register (<c>--members</c>,
/// default 10,000); <c>--logins</c> members (default 8, under the sign-in rate limit of 10 a minute) get a login and
/// sign in through the sign-in form. Then <c>--circuits</c> circuits (default 500) are opened on the member's "Buy more
/// shares" page, <c>--parallel</c> at a time (default 16), each by a browser-less client (<see cref="BlazorCircuit"/>):
/// the prerendered page, the SignalR connection, the interactive render. Memory per circuit is the server's managed
/// heap and working set (VmRSS, from /proc) after forced full collections with all circuits open, less the same after
/// warming up with none open, divided by the count. Interactions: <c>--samples</c> (default 1,000) number-of-shares
/// inputs typed into randomly chosen open circuits, <c>--concurrency</c> at a time (default 1), each timed from the
/// event's dispatch to the render batch that answers it (the button's new price), with every circuit still open.
/// </summary>
public sealed class CircuitBenchmark : IBenchmark
{
    private const string Password = "correct horse battery staple";
    private const string Page = "my/buy";

    public string Name => "circuits";

    public string Description => "Open 500 (--circuits N) Blazor circuits on the member's buy-more page without a browser; memory per circuit and p95 interaction.";

    public async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Contains("--serve"))
        {
            return await CircuitServer.RunAsync(BenchArgs.Text(args, "--database", ""), BenchArgs.Option(args, "--port", 0), output, cancellationToken);
        }

        var count = BenchArgs.Option(args, "--circuits", 500);
        var members = BenchArgs.Option(args, "--members", 10_000);
        var logins = BenchArgs.Option(args, "--logins", 8);
        var parallel = BenchArgs.Option(args, "--parallel", 16);
        var samples = BenchArgs.Option(args, "--samples", 1_000);
        var concurrency = BenchArgs.Option(args, "--concurrency", 1);

        var source = BenchRegister.FileOf(await BenchRegister.GetAsync(members, output, cancellationToken));
        var file = Path.Combine(Path.GetDirectoryName(source)!, "circuits.db");
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }

        File.Copy(source, file);
        var emails = await CreateLoginsAsync(file, logins, cancellationToken);

        var port = FreePort();
        using var server = StartServer(file, port);
        try
        {
            var baseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
            await server.ReadUntilAsync(line => line == CircuitServer.Ready, cancellationToken);
            output.WriteLine($"web app: process {server.Id} on {baseUri} (its runtime settings: server GC), register of {members:#,##0} members");

            var sessions = new List<BrowserlessSession>();
            foreach (var email in emails)
            {
                var session = new BrowserlessSession(baseUri);
                await session.SignInAsync(email, Password, cancellationToken);
                sessions.Add(session);
            }

            // Warm up: the first circuits pay for JIT and first-use caches; they are closed again before the baseline.
            for (var i = 0; i < 5; i++)
            {
                await using var warm = await sessions[i % sessions.Count].OpenCircuitAsync(Page, "Shares", "input", cancellationToken);
                for (var k = 0; k < 5; k++)
                {
                    await warm.DispatchAsync("Shares", "input", new { value = (11 + k).ToString(CultureInfo.InvariantCulture) },
                        (11 + k).ToString(CultureInfo.InvariantCulture), cancellationToken);
                }
            }

            var baseline = await server.SnapshotAsync(cancellationToken);
            for (var tries = 0; baseline.Open != 0 && tries < 50; tries++)
            {
                await Task.Delay(200, cancellationToken);
                baseline = await server.SnapshotAsync(cancellationToken);
            }

            output.WriteLine($"baseline (warmed up, {baseline.Open} circuits open): managed heap {Mib(baseline.Heap)} MiB, working set {Mib(baseline.WorkingSet)} MiB");

            var circuits = new BlazorCircuit?[count];
            var openTimes = new ConcurrentBag<double>();
            var failures = new ConcurrentBag<string>();
            var next = -1;
            var clock = Stopwatch.StartNew();
            var progress = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    var one = Stopwatch.StartNew();
                    try
                    {
                        circuits[i] = await sessions[i % sessions.Count].OpenCircuitAsync(Page, "Shares", "input", cancellationToken);
                        openTimes.Add(one.Elapsed.TotalMilliseconds);
                    }
                    catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or IOException
                                                  or System.Net.WebSockets.WebSocketException)
                    {
                        failures.Add(e.Message);
                    }

                    if (i > 0 && i % 1_000 == 0)
                    {
                        lock (output)
                        {
                            output.WriteLine($"  {i:#,##0} opened in {Measure.F(progress.Elapsed.TotalSeconds, 1)} s");
                        }
                    }
                }
            }, cancellationToken)));
            var openSeconds = clock.Elapsed.TotalSeconds;
            var open = circuits.Where(c => c is not null).Select(c => c!).ToList();
            output.WriteLine($"opened: {open.Count:#,##0} of {count:#,##0} circuits in {Measure.F(openSeconds, 1)} s ({Measure.F(open.Count / openSeconds, 1)} / s, {parallel} at a time); "
                             + $"each: median {Measure.F(Measure.Median(openTimes), 0)} ms, p95 {Measure.F(Measure.Percentile(openTimes, 95), 0)} ms (page GET, connection, first interactive render)");
            foreach (var failure in failures.GroupBy(f => f).OrderByDescending(g => g.Count()).Take(5))
            {
                output.WriteLine($"  failed {failure.Count()}×: {failure.Key}");
            }

            // Let the last renders and acknowledgements settle before measuring.
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            var loaded = await server.SnapshotAsync(cancellationToken);
            var heapPer = (loaded.Heap - baseline.Heap) / (double)open.Count;
            var rssPer = (loaded.WorkingSet - baseline.WorkingSet) / (double)open.Count;
            output.WriteLine($"with {loaded.Open:#,##0} circuits open on the server ({loaded.Up:#,##0} connected): managed heap {Mib(loaded.Heap)} MiB, working set {Mib(loaded.WorkingSet)} MiB, "
                             + $"peak working set {Mib(loaded.PeakWorkingSet)} MiB");
            output.WriteLine($"memory per circuit: managed heap {Measure.F(heapPer / 1024, 1)} KB, working set {Measure.F(rssPer / 1024, 1)} KB (target < 400 KB; Microsoft's figure ~250–300 KB)");

            var random = new Random(1);
            var latencies = new ConcurrentBag<double>();
            var wrong = 0;
            var interactionErrors = new ConcurrentBag<string>();
            var nextSample = -1;
            var connected = open.Where(c => c.IsConnected).ToList();
            var picks = Enumerable.Range(0, samples).Select(_ => random.Next(connected.Count)).ToArray();
            var busy = new int[connected.Count];
            clock.Restart();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int s;
                while ((s = Interlocked.Increment(ref nextSample)) < samples)
                {
                    var c = picks[s];
                    if (Interlocked.Exchange(ref busy[c], 1) == 1)
                    {
                        c = (c + 1 + s) % connected.Count; // one interaction at a time per circuit, as one person types
                        if (Interlocked.Exchange(ref busy[c], 1) == 1)
                        {
                            continue;
                        }
                    }

                    // A number no circuit has shown yet, so that every interaction changes the page.
                    var typed = (20 + s).ToString(CultureInfo.InvariantCulture);
                    try
                    {
                        var (elapsed, batch) = await connected[c].DispatchAsync("Shares", "input", new { value = typed }, typed, cancellationToken);
                        latencies.Add(elapsed.TotalMilliseconds);
                        if (!batch.Strings.Any(t => t.Contains(typed, StringComparison.Ordinal)))
                        {
                            Interlocked.Increment(ref wrong);
                        }
                    }
                    catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                    {
                        interactionErrors.Add(e.Message);
                    }
                    finally
                    {
                        Volatile.Write(ref busy[c], 0);
                    }
                }
            }, cancellationToken)));
            var p95 = Measure.Percentile(latencies, 95);
            output.WriteLine($"interaction (number of shares typed, answered by the render batch with the new price): {latencies.Count:#,##0} samples over "
                             + $"{connected.Count:#,##0} open circuits, {concurrency} at a time, in {Measure.F(clock.Elapsed.TotalSeconds, 1)} s; "
                             + $"median {Measure.F(Measure.Median(latencies), 1)} ms, p95 {Measure.F(p95, 1)} ms, max {Measure.F(latencies.DefaultIfEmpty().Max(), 1)} ms (target p95 < 100 ms)");
            if (wrong > 0 || !interactionErrors.IsEmpty)
            {
                output.WriteLine($"  {wrong} answers without the typed number, {interactionErrors.Count} failed: {interactionErrors.FirstOrDefault()}");
            }

            var after = await server.SnapshotAsync(cancellationToken);
            output.WriteLine($"after the interactions: {after.Open:#,##0} circuits open on the server; client process working set {Mib(Environment.WorkingSet)} MiB");

            await server.StopAsync();
            await Task.WhenAll(open.Select(async c => await c.DisposeAsync()));
            foreach (var session in sessions)
            {
                session.Dispose();
            }

            var met = failures.IsEmpty && interactionErrors.IsEmpty && wrong == 0 && loaded.Open >= open.Count && rssPer < 400 * 1024 && p95 < 100;
            return met ? 0 : 1;
        }
        finally
        {
            await server.StopAsync();
        }
    }

    private static string Mib(long bytes) => Measure.F(bytes / 1024.0 / 1024.0, 1);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Member logins for the first members still in membership, with one password hash (made once: PBKDF2 is slow on purpose).</summary>
    private static async Task<List<string>> CreateLoginsAsync(string file, int logins, CancellationToken cancellationToken)
    {
        var database = new Data.DatabaseOptions(Data.DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ToString());
        await using var db = new BenchRegister.Contexts(database).CreateDbContext();
        var role = await db.Roles.Where(r => r.Name == Roles.Member).Select(r => r.Id).SingleAsync(cancellationToken);
        var memberIds = await db.Members.Where(m => m.DateCeased == null && db.Holdings.Any(h => h.MemberId == m.Id))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(logins).ToListAsync(cancellationToken);
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Password);
        var emails = new List<string>();
        foreach (var memberId in memberIds)
        {
            var email = $"circuit{memberId.ToString(CultureInfo.InvariantCulture)}@example.org";
            var user = new ApplicationUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, DisplayName = email, MemberId = memberId, CreatedAt = DateTime.UtcNow, SecurityStamp = Guid.NewGuid().ToString("N"),
                PasswordHash = hash,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role });
            emails.Add(email);
        }

        await db.SaveChangesAsync(cancellationToken);
        return emails;
    }

    private static ServerProcess StartServer(string database, int port)
    {
        // The web app's runtime settings (server GC, its AppContext switches) with this assembly's dependencies.
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "exec", "--runtimeconfig", Path.Combine(folder, "CoopRegister.Web.runtimeconfig.json"),
                     "--depsfile", Path.Combine(folder, "CoopRegister.Benchmarks.deps.json"),
                     Path.Combine(folder, "CoopRegister.Benchmarks.dll"), "circuits", "--serve", "--database", database,
                     "--port", port.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        return new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("The server process did not start."));
    }

    /// <summary>
    /// The child process running the web app. Its answers (the ready line, "gc ...") are kept for the benchmark; whatever
    /// else it prints (the app's warnings and errors) is passed on to standard error as it comes.
    /// </summary>
    private sealed class ServerProcess : IDisposable
    {
        private readonly Process process;
        private readonly System.Threading.Channels.Channel<string> _answers = System.Threading.Channels.Channel.CreateUnbounded<string>();

        public ServerProcess(Process process)
        {
            this.process = process;
            _ = Task.Run(async () =>
            {
                while (await process.StandardOutput.ReadLineAsync() is { } line)
                {
                    if (line == CircuitServer.Ready || line.StartsWith("gc ", StringComparison.Ordinal))
                    {
                        await _answers.Writer.WriteAsync(line);
                    }
                    else
                    {
                        await Console.Error.WriteLineAsync("server: " + line);
                    }
                }

                _answers.Writer.TryComplete();
            });
        }

        public int Id => process.Id;

        public async Task<string> ReadUntilAsync(Func<string, bool> wanted, CancellationToken cancellationToken)
        {
            await foreach (var line in _answers.Reader.ReadAllAsync(cancellationToken))
            {
                if (wanted(line))
                {
                    return line;
                }
            }

            throw new InvalidOperationException($"The server process ended (exit code {(process.HasExited ? process.ExitCode : -1)}).");
        }

        /// <summary>Forces full collections in the server, then reads its heap (from the runtime) and working set (from /proc).</summary>
        public async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
        {
            await process.StandardInput.WriteLineAsync("gc");
            await process.StandardInput.FlushAsync(cancellationToken);
            var line = await ReadUntilAsync(l => l.StartsWith("gc ", StringComparison.Ordinal), cancellationToken);
            var fields = line[3..].Split(' ').Select(f => f.Split('=')).ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture));
            var status = await File.ReadAllLinesAsync($"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/status", cancellationToken);
            long Kb(string key) => long.Parse(status.Single(s => s.StartsWith(key + ":", StringComparison.Ordinal))[(key.Length + 1)..].Trim().Split(' ')[0],
                CultureInfo.InvariantCulture) * 1024;
            return new Snapshot(fields["heap"], Kb("VmRSS"), Kb("VmHWM"), (int)fields["open"], (int)fields["up"]);
        }

        public async Task StopAsync()
        {
            if (process.HasExited)
            {
                return;
            }

            try
            {
                await process.StandardInput.WriteLineAsync("quit");
                await process.StandardInput.FlushAsync();
            }
            catch (IOException)
            {
                // Its input is closed already; it is ending.
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        public void Dispose() => process.Dispose();
    }

    private sealed record Snapshot(long Heap, long WorkingSet, long PeakWorkingSet, int Open, int Up);
}
