using System.CommandLine;
using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Features.Demo;
using Microsoft.Extensions.DependencyInjection;
using static System.FormattableString;

namespace CoopRegister.Cli.Commands;

/// <summary>
/// <c>coopreg demo-data --members N [--seed S]</c>: fills the configured database with a realistic demonstration
/// register, in batches, printing a line per batch. Into an empty register the run is one transaction; with
/// <c>--append</c>, one transaction per batch. Exit codes: 0 done; 2 refused (no society, members already there without
/// <c>--append</c>, a bad option); 130 cancelled with Ctrl+C.
/// </summary>
internal static class DemoDataCommand
{
    public const int CancelledExitCode = 130;

    public static Command Create()
    {
        var members = new Option<int>("--members") { Description = "How many members to generate.", Required = true, HelpName = "N" };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the random sequence: the same seed, --today and starting register give the same register.",
            DefaultValueFactory = _ => 1,
            HelpName = "S",
        };
        var today = new Option<DateOnly?>("--today")
        {
            Description = "The register's today, YYYY-MM-DD (history and pending applications count back from it). Default: today's date.",
            HelpName = "YYYY-MM-DD",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }

                result.AddError($"--today '{text}' is not a date written YYYY-MM-DD.");
                return null;
            },
        };
        var append = new Option<bool>("--append") { Description = "Add to a register that already has members, numbering on after the last of them." };
        var createSociety = new Option<bool>("--create-society")
        {
            Description = "When first-run setup has not been done, create a sample society (the web app's setup still creates the first administrator).",
        };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Members per batch: a progress line each and, with --append, a transaction each.",
            DefaultValueFactory = _ => DemoDataRequest.DefaultBatchSize,
            HelpName = "N",
        };
        var command = new Command("demo-data",
            "Generate a realistic demonstration register into the configured database: members of every kind with British, Irish and other names, " +
            "organisations and union branches, joint holdings, ceased members, years of dated allotments, top-ups and withdrawals, and pending applications. " +
            "Into a register with no members the whole run is one transaction (the indexes are rebuilt once, at the end): Ctrl+C leaves the register as it was. " +
            "With --append each batch is one transaction: Ctrl+C keeps the batches written and rolls back the one in progress.")
        {
            members,
            seed,
            today,
            append,
            createSociety,
            batchSize,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            using var host = CliHost.Build(parse);
            await MigrateCommand.EnsureMigratedAsync(host.Services, cancellationToken);
            var database = host.Services.GetRequiredService<DatabaseOptions>();
            var service = ActivatorUtilities.CreateInstance<DemoDataService>(host.Services);
            var request = new DemoDataRequest
            {
                Members = parse.GetValue(members),
                Seed = parse.GetValue(seed),
                Today = parse.GetValue(today),
                Append = parse.GetValue(append),
                CreateSociety = parse.GetValue(createSociety),
                BatchSize = parse.GetValue(batchSize),
            };
            await output.WriteLineAsync(Invariant($"Generating {request.Members:N0} members into {database.Describe()}, seed {request.Seed}, in batches of {request.BatchSize:N0}."));
            var result = await service.GenerateAsync(CliHost.Actor, request, new LineProgress(output), cancellationToken);
            if (result.SocietyCreated)
            {
                await output.WriteLineAsync($"Created the sample society \"{DemoDataService.SampleSociety.RegisteredName}\"; the web app's first-run setup creates the first administrator.");
            }

            if (result.ShareClassCreated)
            {
                await output.WriteLineAsync("Created the ordinary share class from the society's settings.");
            }

            var numbers = result.Members > 0 ? Invariant($" (numbers {result.FirstMemberNumber:N0} to {result.LastMemberNumber:N0})") : "";
            if (result.Cancelled && result.SingleTransaction)
            {
                await output.WriteLineAsync("Cancelled: the members were being written in one transaction, so none was written.");
                return CancelledExitCode;
            }

            var verb = result.Cancelled ? "Cancelled: the batch in progress was rolled back. Written" : "Wrote";
            var transactions = result.SingleTransaction ? "in one transaction" : "one transaction per batch";
            var rows = Invariant($"{result.LedgerEntries:N0} ledger entries, {result.Holdings:N0} holdings");
            var applications = Invariant($"{result.Applications:N0} pending applications with {result.ApplicationPayments:N0} payments and {result.ApplicationEvents:N0} events");
            await output.WriteLineAsync(Invariant($"{verb} {result.Members:N0} members{numbers}, {rows}, {applications}, in {result.Batches} batches ({transactions}), {result.Elapsed.TotalSeconds:F1} s."));
            return result.Cancelled ? CancelledExitCode : 0;
        });
        return command;
    }

    /// <summary>A line per committed batch, written as it happens (Progress&lt;T&gt; would post the lines to the thread pool, out of order).</summary>
    private sealed class LineProgress(TextWriter output) : IProgress<DemoDataProgress>
    {
        public void Report(DemoDataProgress value)
        {
            if (value.Stage == DemoDataStage.Indexing)
            {
                output.WriteLine(Invariant($"  Rebuilding the indexes and committing ({value.Elapsed.TotalSeconds:F1} s so far)..."));
                return;
            }

            if (value.Stage == DemoDataStage.Done)
            {
                return;
            }

            var percent = value.MembersRequested > 0 ? 100.0 * value.MembersWritten / value.MembersRequested : 100;
            var eta = value.Remaining is { } r ? Invariant($", about {Math.Ceiling(r.TotalSeconds):F0} s to go") : "";
            output.WriteLine(Invariant(
                $"  {value.MembersWritten,12:N0} of {value.MembersRequested:N0} members ({percent,5:F1} %), {value.LedgerEntriesWritten:N0} ledger entries, {value.MembersPerSecond:N0} members/s{eta}"));
        }
    }
}
