using System.CommandLine;
using System.Globalization;
using CoopRegister.Features.Members;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Cli.Commands;

/// <summary>
/// <c>coopreg verify</c>: every cached holding checked against the sum of its ledger entries (design/quality.md,
/// reliability: balances are derived from the append-only ledger and any cached balance is checked against it).
/// </summary>
internal static class VerifyCommand
{
    /// <summary>The exit code when the register and its ledger disagree.</summary>
    public const int Disagrees = 3;

    public static Command Create()
    {
        var command = new Command("verify", "Check every cached holding against the sum of its ledger entries; exit 3 and list them when any disagree.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse);
            await MigrateCommand.EnsureMigratedAsync(host.Services, cancellationToken);
            var found = await host.Services.GetRequiredService<MemberService>().VerifyHoldingsAsync(CliHost.Actor, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (found.Count == 0)
            {
                output.WriteLine("Every holding agrees with the ledger.");
                return 0;
            }

            output.WriteLine($"{found.Count.ToString(CultureInfo.InvariantCulture)} holding(s) disagree with the ledger{(found.Count >= 1000 ? " (the first 1,000 of each kind)" : "")}:");
            foreach (var d in found)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"member {d.MemberNumber}, share class {d.ShareClassId}: holding {d.CachedShares} shares, {d.CachedPaidPence}p paid; ledger {d.LedgerShares} shares, {d.LedgerPaidPence}p paid"));
            }

            return Disagrees;
        });
        return command;
    }
}
