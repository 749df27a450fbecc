using CoopRegister.Data;
using CoopRegister.Features.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CoopRegister.Web.Hosting;

/// <summary>
/// Once the server listens, prints where it listens and, while no administrator exists, a fresh one-time setup link.
/// Each start prints a new link and revokes the last one, so a link copied into a chat log long ago is worthless.
/// </summary>
internal sealed class FirstRunNotice(
    IHostApplicationLifetime lifetime,
    IServer server,
    IServiceScopeFactory scopes,
    DatabaseOptions database,
    ConsoleNotice console,
    ILogger<FirstRunNotice> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var address = addresses.FirstOrDefault() ?? "http://localhost:5080";
        console.WriteLine($"CoopRegister is running at {address} ({database.Describe()}).");
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var setup = scope.ServiceProvider.GetRequiredService<SetupService>();
            var token = await setup.IssueTokenAsync(stoppingToken);
            if (token is not null)
            {
                var link = new Uri(new Uri(address.TrimEnd('/') + "/"), SetupService.LinkFor(token));
                console.WriteLine("No administrator exists yet. Open this one-time setup link to create the society and the first administrator:");
                console.WriteLine($"  {link}");
                console.WriteLine("The link works once and for 24 hours; restart the server or run 'coopreg setup-link' for a new one.");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not issue the first-run setup link.");
        }
    }
}
