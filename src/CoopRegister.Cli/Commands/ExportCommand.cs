using System.CommandLine;
using System.Globalization;
using CoopRegister.Features.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Cli.Commands;

/// <summary><c>coopreg export KIND [--as-at DATE] [--from DATE --to DATE] --out FILE</c>, or <c>coopreg export voter-roll|ballots --meeting ID --out FILE</c>.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var kind = new Argument<string>("kind")
        {
            Description = "register, duplicate-register, ledger, applications, notice-list, certificates or movements; or voter-roll or ballots of a meeting (with --meeting).",
        };
        kind.AcceptOnlyFromAmong([.. Enum.GetValues<ExportKind>().Select(ExportService.Name), .. Enum.GetValues<MeetingExportKind>().Select(ExportService.Name)]);
        var asAt = new Option<DateOnly?>("--as-at") { Description = "The date the register is computed as at (yyyy-MM-dd); default today." };
        var from = new Option<DateOnly?>("--from") { Description = "Start of the period (ledger, applications, movements); default the start of the financial year." };
        var to = new Option<DateOnly?>("--to") { Description = "End of the period; default the as-at date." };
        var meeting = new Option<long?>("--meeting") { Description = "The meeting (its number on the Meetings page) for voter-roll and ballots." };
        var output = new Option<string>("--out") { Description = "The CSV file to write (UTF-8 with BOM).", Required = true };
        var command = new Command("export", "Export a register or return as CSV, computed from the ledger as it stood on a date.") { kind, asAt, from, to, meeting, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse);
            await MigrateCommand.EnsureMigratedAsync(host.Services, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var exports = scope.ServiceProvider.GetRequiredService<ExportService>();
            var meetingKind = ExportService.ParseMeeting(parse.GetValue(kind)!);
            var meetingId = parse.GetValue(meeting);
            if (meetingKind is not null && meetingId is null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"{parse.GetValue(kind)} needs --meeting ID (the meeting's number on the Meetings page).");
                return 2;
            }

            var target = parse.GetValue(output)!;
            var partial = target + ".part";
            int rows;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                rows = meetingKind is { } mk
                    ? await exports.WriteMeetingAsync(CliHost.Actor, mk, meetingId!.Value, file, cancellationToken)
                    : await exports.WriteAsync(CliHost.Actor, new ExportRequest(ExportService.Parse(parse.GetValue(kind)!)!.Value, parse.GetValue(asAt), parse.GetValue(from), parse.GetValue(to)), file, cancellationToken);
            }

            File.Move(partial, target, overwrite: true);
            parse.InvocationConfiguration.Output.WriteLine($"Wrote {rows.ToString("#,##0", CultureInfo.InvariantCulture)} rows to {target}.");
            return 0;
        });
        return command;
    }
}
