using System.CommandLine;
using CoopRegister.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Cli.Commands;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Create the database or bring it up to date (the web app does this at start too).");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse);
            var database = host.Services.GetRequiredService<DatabaseOptions>();
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<RegisterDbContext>>().CreateDbContextAsync(cancellationToken);
            var applied = await RegisterDatabase.MigrateAsync(db, cancellationToken);
            parse.InvocationConfiguration.Output.WriteLine(applied.Count == 0
                ? $"{database.Describe()} is up to date."
                : $"Applied {applied.Count} migration(s) to {database.Describe()}: {string.Join(", ", applied)}");
            return 0;
        });
        return command;
    }

    /// <summary>Commands that read or write the register first make sure its schema is current.</summary>
    public static async Task EnsureMigratedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<RegisterDbContext>>().CreateDbContextAsync(cancellationToken);
        await RegisterDatabase.MigrateAsync(db, cancellationToken);
    }
}
