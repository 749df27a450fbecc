using System.Globalization;
using System.Reflection;
using System.Runtime;
using CoopRegister.Benchmarks;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

[assembly: HostingStartup(typeof(CircuitServer.Counting))]

namespace CoopRegister.Benchmarks;

/// <summary>
/// The server side of the circuit benchmark: a child process that runs the web app's own Program.cs (its entry point,
/// under the web app's runtime settings: server GC and its AppContext switches) on a Kestrel port over the register,
/// so the measuring client's memory never mixes with the server's. It answers one-line commands on standard input:
/// <c>gc</c> forces full, compacting collections and prints the managed heap and the circuits open; <c>quit</c> stops.
/// The only addition to the app is a circuit handler (a hosting-startup class) that counts the circuits it opens and
/// closes, so the benchmark can check that the server holds exactly the circuits the client believes it opened.
/// </summary>
public static class CircuitServer
{
    public const string Ready = "circuit-server ready";

    public static async Task<int> RunAsync(string database, int port, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var outbox = Path.Combine(Path.GetTempPath(), $"coopreg-circuits-outbox-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}");
        string[] arguments =
        [
            "--applicationName", "CoopRegister.Web",
            "--contentRoot", AppContext.BaseDirectory,
            "--environment", "Production",
            "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            "--hostingStartupAssemblies", typeof(CircuitServer).Assembly.GetName().Name!,
            "--Database:Provider", "Sqlite",
            "--ConnectionStrings:Register", $"Data Source={database}",
            "--Mail:OutboxDirectory", outbox,
            "--Logging:LogLevel:Default", "Warning",

            // Tracing a client's conversation: the circuit's exceptions go back to the client in full.
            "--detailedErrors", Environment.GetEnvironmentVariable("COOPREG_CIRCUIT_TRACE") == "1" ? "true" : "false",
        ];
        var entry = Assembly.Load("CoopRegister.Web").EntryPoint ?? throw new InvalidOperationException("CoopRegister.Web has no entry point.");
        var app = Task.Factory.StartNew(() => entry.Invoke(null, [arguments]), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        using (var http = new HttpClient())
        {
            var health = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/healthz");
            while (true)
            {
                if (app.IsCompleted)
                {
                    await app; // surfaces why the app stopped
                    return 1;
                }

                try
                {
                    using var response = await http.GetAsync(health, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(200, cancellationToken);
            }
        }

        output.WriteLine(Ready);
        output.Flush();
        while (await Console.In.ReadLineAsync(cancellationToken) is { } command && command != "quit")
        {
            if (command == "gc")
            {
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"gc heap={info.HeapSizeBytes} committed={info.TotalCommittedBytes} open={Counting.Open} opened={Counting.Opened} up={Counting.Up}"));
                output.Flush();
            }
        }

        return 0;
    }

    /// <summary>Counts the app's circuits as they open and close (Blazor calls every registered circuit handler).</summary>
    public sealed class Counting : CircuitHandler, IHostingStartup
    {
        private static int s_open;
        private static int s_opened;
        private static int s_up;

        public static int Open => Volatile.Read(ref s_open);

        public static int Opened => Volatile.Read(ref s_opened);

        public static int Up => Volatile.Read(ref s_up);

        public void Configure(IWebHostBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.ConfigureServices(services => services.AddSingleton<CircuitHandler>(new Counting()));
        }

        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref s_open);
            Interlocked.Increment(ref s_opened);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref s_open);
            return Task.CompletedTask;
        }

        public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref s_up);
            return Task.CompletedTask;
        }

        public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref s_up);
            return Task.CompletedTask;
        }
    }
}
