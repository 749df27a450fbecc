using System.CommandLine;
using System.Globalization;
using CoopRegister.Features.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Cli.Commands;

/// <summary><c>coopreg export KIND [--as-at DATE] [--from DATE --to DATE] --out FILE</c>.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var kind = new Argument<string>("kind")
        {
            Description = "register, duplicate-register, ledger, applications, notice-list, certificates or movements.",
        };
        kind.AcceptOnlyFromAmong(Enum.GetValues<ExportKind>().Select(ExportService.Name).ToArray());
        var asAt = new Option<DateOnly?>("--as-at") { Description = "The date the register is computed as at (yyyy-MM-dd); default today." };
        var from = new Option<DateOnly?>("--from") { Description = "Start of the period (ledger, applications, movements); default the start of the financial year." };
        var to = new Option<DateOnly?>("--to") { Description = "End of the period; default the as-at date." };
        var output = new Option<string>("--out") { Description = "The CSV file to write (UTF-8 with BOM).", Required = true };
        var command = new Command("export", "Export a register or return as CSV, computed from the ledger as it stood on a date.") { kind, asAt, from, to, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse);
            await MigrateCommand.EnsureMigratedAsync(host.Services, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var exports = scope.ServiceProvider.GetRequiredService<ExportService>();
            var request = new ExportRequest(ExportService.Parse(parse.GetValue(kind)!)!.Value, parse.GetValue(asAt), parse.GetValue(from), parse.GetValue(to));
            var target = parse.GetValue(output)!;
            var partial = target + ".part";
            int rows;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                rows = await exports.WriteAsync(CliHost.Actor, request, file, cancellationToken);
            }

            File.Move(partial, target, overwrite: true);
            parse.InvocationConfiguration.Output.WriteLine($"Wrote {rows.ToString("#,##0", CultureInfo.InvariantCulture)} rows to {target}.");
            return 0;
        });
        return command;
    }
}
