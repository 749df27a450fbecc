using System.CommandLine;
using System.Globalization;
using CoopRegister.Features.Maintenance;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Cli.Commands;

/// <summary><c>coopreg backup</c> and <c>coopreg restore</c>: a checked online copy of a SQLite register, and putting one back.</summary>
internal static class BackupCommand
{
    public static Command CreateBackup()
    {
        var output = new Option<string>("--out")
        {
            Description = "The backup file to write (it must not exist yet).",
            Required = true,
        };
        var command = new Command("backup", "Copy the register to a new file while the web app runs (SQLite), and check the copy.") { output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse);
            await MigrateCommand.EnsureMigratedAsync(host.Services, cancellationToken);
            var summary = await host.Services.GetRequiredService<BackupService>().BackupAsync(CliHost.Actor, parse.GetRequiredValue(output), cancellationToken);
            parse.InvocationConfiguration.Output.WriteLine($"Backed up to {summary.File}: {Describe(summary)}. Integrity check: ok.");
            return 0;
        });
        return command;
    }

    public static Command CreateRestore()
    {
        var from = new Option<string>("--from")
        {
            Description = "The backup file to restore. Stop the web app first: the register is replaced as a whole.",
            Required = true,
        };
        var command = new Command("restore", "Replace the register with a checked backup (SQLite; stop the web app first), then bring it up to the current schema.") { from };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse);
            var summary = await host.Services.GetRequiredService<BackupService>().RestoreAsync(CliHost.Actor, parse.GetRequiredValue(from), cancellationToken);
            parse.InvocationConfiguration.Output.WriteLine($"Restored from {summary.File}: {Describe(summary)}.");
            return 0;
        });
        return command;
    }

    private static string Describe(BackupSummary s) =>
        $"{s.Members.ToString("#,##0", CultureInfo.InvariantCulture)} members, {s.LedgerEntries.ToString("#,##0", CultureInfo.InvariantCulture)} ledger entries, " +
        $"{(s.Bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} MiB, schema {s.LastMigration}";
}
