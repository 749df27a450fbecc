using System.CommandLine;
using System.Globalization;
using CoopRegister.Features.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Cli.Commands;

/// <summary>
/// <c>coopreg minimise [--dry-run]</c>: erases former members' non-statutory data once the society's retention period has
/// run (domain rule 59), keeping the statutory register entry. The dry run lists who is due and who is skipped and why.
/// </summary>
internal static class MinimiseCommand
{
    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Count and list who is due and who is skipped, and change nothing." };
        var command = new Command("minimise", "Minimise former members' non-statutory data (e-mail, phone, date of birth, marketing consent, portal login) after the retention period in the society settings; the register entry is kept.")
        {
            dryRun,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse);
            await MigrateCommand.EnsureMigratedAsync(host.Services, cancellationToken);
            var service = host.Services.GetRequiredService<RetentionService>();
            var output = parse.InvocationConfiguration.Output;
            static string N(int n) => n.ToString("#,##0", CultureInfo.InvariantCulture);
            if (parse.GetValue(dryRun))
            {
                var preview = await service.PreviewAsync(CliHost.Actor, cancellationToken);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Retention period: {preview.RetentionMonths} months; former members who ceased on or before {preview.LastDueCessation:yyyy-MM-dd} are due."));
                output.WriteLine($"Due: {N(preview.Due)}; would be minimised: {N(preview.ToMinimise)}; skipped: {N(preview.Due - preview.ToMinimise)}; already minimised: {N(preview.AlreadyMinimised)}.");
                foreach (var s in preview.Skips)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"skipped: member {s.MemberNumber} (ceased {s.DateCeased:yyyy-MM-dd}): {s.Reason}"));
                }

                output.WriteLine("Dry run: nothing was changed.");
                return 0;
            }

            var result = await service.MinimiseAsync(CliHost.Actor, null, cancellationToken);
            output.WriteLine($"Minimised {N(result.Minimised)} former member(s) in {N(result.Batches)} batch(es) of up to {N(RetentionService.BatchSize)}; portal logins removed: {N(result.LoginsRemoved)}; skipped: {N(result.Skips.Count)}.");
            foreach (var s in result.Skips)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"skipped: member {s.MemberNumber} (ceased {s.DateCeased:yyyy-MM-dd}): {s.Reason}"));
            }

            return 0;
        });
        return command;
    }
}
