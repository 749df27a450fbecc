using CoopRegister.Data;
using CoopRegister.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoopRegister.Testing;

/// <summary>
/// The real web app (Program.cs) over a fresh test database, with its own outbox folder and with the console notices
/// (the address and the first-run setup link) captured so that a test can read the printed link.
/// </summary>
public class RegisterWebFactory : WebApplicationFactory<Program>
{
    private readonly StringWriter _console = new();

    public RegisterWebFactory(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        OutboxDirectory = Path.Combine(AppContext.BaseDirectory, "testdb", $"outbox-{Guid.NewGuid():N}");
    }

    public TestDatabase Database { get; }

    public string OutboxDirectory { get; }

    /// <summary>What the server printed to its console.</summary>
    public string ConsoleText
    {
        get
        {
            lock (_console)
            {
                return _console.ToString();
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");

        // Serve wwwroot and the framework scripts from the build output, as `dotnet run` does in Development.
        builder.UseStaticWebAssets();
        builder.UseSetting(DatabaseOptions.ProviderKey, Database.Provider.ToString());
        builder.UseSetting($"ConnectionStrings:{DatabaseOptions.ConnectionStringName}", Database.Options.ConnectionString);
        builder.UseSetting("Mail:OutboxDirectory", OutboxDirectory);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<ConsoleNotice>();
            services.AddSingleton(new ConsoleNotice(TextWriter.Synchronized(_console)));
        });
    }

    /// <summary>The one-time setup link the server printed, waiting for the notice to appear.</summary>
    public async Task<Uri> WaitForSetupLinkAsync(TimeSpan? timeout = null)
    {
        _ = Services; // starts the server if no request has yet
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            var line = ConsoleText.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("/setup?token=", StringComparison.Ordinal));
            if (line is not null)
            {
                return new Uri(line);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The server printed no setup link:\n" + ConsoleText);
    }

    public IReadOnlyList<string> OutboxFiles() =>
        Directory.Exists(OutboxDirectory) ? Directory.GetFiles(OutboxDirectory, "*.eml").Order(StringComparer.Ordinal).ToList() : [];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _console.DisposeAsync();
        if (Directory.Exists(OutboxDirectory))
        {
            Directory.Delete(OutboxDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
