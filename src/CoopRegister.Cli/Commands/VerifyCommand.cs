using System.CommandLine;
using System.Globalization;
using CoopRegister.Domain.Audit;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Members;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Cli.Commands;

/// <summary>
/// <c>coopreg verify</c>: every cached holding checked against the sum of its ledger entries (design/quality.md,
/// reliability: balances are derived from the append-only ledger and any cached balance is checked against it), and
/// the audit trail's hash chain walked from its first event to its last (quality.md: an edit made directly in the
/// database is detected).
/// </summary>
internal static class VerifyCommand
{
    /// <summary>The exit code when the register and its ledger disagree, or the audit chain is broken.</summary>
    public const int Disagrees = 3;

    public static Command Create()
    {
        var command = new Command("verify", "Check every cached holding against the sum of its ledger entries, and the audit trail's hash chain; exit 3 and say what is wrong when either fails.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse);
            await MigrateCommand.EnsureMigratedAsync(host.Services, cancellationToken);
            var found = await host.Services.GetRequiredService<MemberService>().VerifyHoldingsAsync(CliHost.Actor, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (found.Count == 0)
            {
                output.WriteLine("Every holding agrees with the ledger.");
            }
            else
            {
                output.WriteLine($"{found.Count.ToString(CultureInfo.InvariantCulture)} holding(s) disagree with the ledger{(found.Count >= 1000 ? " (the first 1,000 of each kind)" : "")}:");
                foreach (var d in found)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"member {d.MemberNumber}, share class {d.ShareClassId}: holding {d.CachedShares} shares, {d.CachedPaidPence}p paid; ledger {d.LedgerShares} shares, {d.LedgerPaidPence}p paid"));
                }
            }

            var chain = await host.Services.GetRequiredService<AuditChainService>().CheckAsync(CliHost.Actor, cancellationToken);
            output.WriteLine(Describe(chain));
            return found.Count == 0 && chain.Intact ? 0 : Disagrees;
        });
        return command;
    }

    /// <summary>One line for an intact chain; for a broken one, where it breaks and what is wrong.</summary>
    public static string Describe(AuditChainReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Break is not { } b)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"The audit trail is intact: {report.Events:N0} events, last hash {report.LastHash} (checked in {report.Elapsed.TotalSeconds:0.00} s).");
        }

        var at = b.EventId is { } id
            ? string.Create(CultureInfo.InvariantCulture, $"event {id} ({b.Action}, {b.OccurredAt:yyyy-MM-dd HH:mm:ss} UTC), place {b.Sequence}")
            : string.Create(CultureInfo.InvariantCulture, $"place {b.Sequence}");
        return string.Create(CultureInfo.InvariantCulture,
            $"The audit trail is BROKEN at {at}: {b.Fault.ToString().ToLowerInvariant()}: {b.Explanation}. The {report.Events:N0} events before it are intact.");
    }
}
