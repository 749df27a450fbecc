using System.CommandLine;
using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Features.Imports;
using Microsoft.Extensions.DependencyInjection;
using static System.FormattableString;

namespace CoopRegister.Cli.Commands;

/// <summary>
/// <c>coopreg import register FILE.csv [--dry-run] [--map FILE] [--history FILE] [--date-format F] [--encoding E]
/// [--expect-members N --expect-shares N --expect-capital £] [--report FILE]</c>: imports an existing register from a
/// spreadsheet saved as CSV, all or nothing. Exit codes: 0 imported (or, with --dry-run, ready to import); 2 refused
/// (the report lists every problem with its line and column; nothing was written); 130 cancelled with Ctrl+C.
/// </summary>
internal static class ImportCommand
{
    public const int CancelledExitCode = 130;

    public static Command Create() => new("import", "Import data from spreadsheets saved as CSV.") { Register() };

    private static Command Register()
    {
        var file = new Argument<FileInfo>("file") { Description = "The register: one row per member and share class, with a header row." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and check everything, show the totals and every problem, and write nothing." };
        var map = new Option<FileInfo?>("--map")
        {
            Description = "A map file: lines of 'field = column header' (e.g. 'member-number = Membership No.'; 'history.date = Date' for the history file). " +
                "Fields it does not name are recognised from the headers.",
            HelpName = "FILE",
        };
        var history = new Option<FileInfo?>("--history")
        {
            Description = "Dated events (member number, date, event Allotment/Withdrawal, shares, amount paid, share class, reference): the ledger is built from them.",
            HelpName = "FILE",
        };
        var dateFormat = new Option<string?>("--date-format")
        {
            Description = "How the files write dates: yyyy-mm-dd, dd/mm/yyyy, mm/dd/yyyy or 'd mmm yyyy'. Default: the one format all the files' dates fit.",
            HelpName = "FORMAT",
        };
        dateFormat.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && ImportDates.Parse(r.Tokens[0].Value) is null)
            {
                r.AddError($"--date-format '{r.Tokens[0].Value}' is not one of yyyy-mm-dd, dd/mm/yyyy, mm/dd/yyyy, 'd mmm yyyy'.");
            }
        });
        var encoding = EncodingOption("--encoding", "The register file's encoding: auto (UTF-8, else Windows-1252), utf-8 or windows-1252. A byte-order mark decides over it.");
        var historyEncoding = EncodingOption("--history-encoding", "The history file's encoding, as --encoding.");
        var expectMembers = new Option<long?>("--expect-members") { Description = "The number of current members the old register says it has: the import refuses if the file differs.", HelpName = "N" };
        var expectShares = new Option<long?>("--expect-shares") { Description = "The total of shares held the old register says it has.", HelpName = "N" };
        var expectCapital = new Option<string?>("--expect-capital") { Description = "The total paid on shares, in pounds (1234.56), the old register says it has.", HelpName = "POUNDS" };
        expectCapital.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && !Money.TryParsePounds(r.Tokens[0].Value, out _))
            {
                r.AddError($"--expect-capital '{r.Tokens[0].Value}' is not an amount in pounds, such as 12500.00.");
            }
        });
        var report = new Option<FileInfo?>("--report") { Description = "Also write the report (every listed problem) to this file.", HelpName = "FILE" };

        var command = new Command("register",
            "Import an existing register of members from CSV: every row checked (names, addresses, postcodes, e-mail, dates, share classes, the cap on holdings, " +
            "duplicate member numbers), then every new member written in one transaction, or nothing. Members already in the register exactly as the file has them " +
            "are left unchanged, so importing the same file again changes nothing.")
        {
            file, dryRun, map, history, dateFormat, encoding, historyEncoding, expectMembers, expectShares, expectCapital, report,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var registerFile = parse.GetValue(file)!;
            if (!registerFile.Exists)
            {
                throw new DomainException("File", $"There is no file {registerFile.FullName}.");
            }

            var historyFile = parse.GetValue(history);
            if (historyFile is { Exists: false })
            {
                throw new DomainException("History", $"There is no file {historyFile.FullName}.");
            }

            using var host = CliHost.Build(parse);
            await MigrateCommand.EnsureMigratedAsync(host.Services, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var imports = scope.ServiceProvider.GetRequiredService<RegisterImportService>();
            var database = host.Services.GetRequiredService<DatabaseOptions>();

            var registerUpload = new ImportUpload(registerFile.FullName, registerFile.Name, parse.GetValue(encoding));
            var historyUpload = historyFile is null ? null : new ImportUpload(historyFile.FullName, historyFile.Name, parse.GetValue(historyEncoding));
            ColumnMap<RegisterField>? registerMap = null;
            ColumnMap<HistoryField>? historyMap = null;
            if (parse.GetValue(map) is { } mapFile)
            {
                var text = await File.ReadAllTextAsync(mapFile.FullName, cancellationToken);
                var view = await imports.InspectAsync(CliHost.Actor, registerUpload, ImportFileKind.Register, 0, cancellationToken);
                registerMap = ColumnMap<RegisterField>.ParseMapFile(text, ColumnMap<RegisterField>.Suggest(view.Headers));
                if (historyUpload is not null)
                {
                    var historyView = await imports.InspectAsync(CliHost.Actor, historyUpload, ImportFileKind.History, 0, cancellationToken);
                    historyMap = ColumnMap<HistoryField>.ParseMapFile(text, ColumnMap<HistoryField>.Suggest(historyView.Headers), "history.");
                }
            }

            Money.TryParsePounds(parse.GetValue(expectCapital), out var capital);
            var request = new RegisterImportRequest
            {
                Register = registerUpload,
                Map = registerMap,
                History = historyUpload,
                HistoryMap = historyMap,
                DateFormat = ImportDates.Parse(parse.GetValue(dateFormat)),
                Expected = new ExpectedTotals(parse.GetValue(expectMembers), parse.GetValue(expectShares), parse.GetValue(expectCapital) is null ? null : capital.Pence),
            };

            var dry = parse.GetValue(dryRun);
            await output.WriteLineAsync(Invariant($"{(dry ? "Checking" : "Importing")} {registerFile.Name} ({registerFile.Length / 1024.0 / 1024.0:F1} MiB) into {database.Describe()}."));
            ImportReport result;
            try
            {
                result = dry
                    ? await imports.CheckAsync(CliHost.Actor, request, new LineProgress(output), cancellationToken)
                    : await imports.ImportAsync(CliHost.Actor, request, new LineProgress(output), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await output.WriteLineAsync("Cancelled: nothing was written.");
                return CancelledExitCode;
            }

            var text2 = result.ToText();
            await output.WriteAsync(text2);
            if (parse.GetValue(report) is { } reportFile)
            {
                await File.WriteAllTextAsync(reportFile.FullName, text2, cancellationToken);
            }

            return result.Ok ? 0 : 2;
        });
        return command;
    }

    private static Option<ImportEncoding> EncodingOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "ENCODING",
        DefaultValueFactory = _ => ImportEncoding.Auto,
        CustomParser = r =>
        {
            var text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
            if (ImportTextFile.Parse(text) is { } e)
            {
                return e;
            }

            r.AddError($"{name} '{text}' is not auto, utf-8 or windows-1252.");
            return ImportEncoding.Auto;
        },
    };

    /// <summary>A line every tenth of the file, written as it happens.</summary>
    private sealed class LineProgress(TextWriter output) : IProgress<ImportProgress>
    {
        private int _lastTenth = -1;

        public void Report(ImportProgress value)
        {
            switch (value.Stage)
            {
                case ImportStage.Reading when value.Percent / 10 > _lastTenth:
                    _lastTenth = value.Percent / 10;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {value.Percent,3} % read, {value.Rows:N0} rows"));
                    break;
                case ImportStage.ReadingHistory when value.Rows == 0:
                    output.WriteLine("  Reading the history file...");
                    break;
                case ImportStage.Indexing:
                    output.WriteLine("  Rebuilding the indexes and committing...");
                    break;
            }
        }
    }
}
