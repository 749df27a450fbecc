using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CoopRegister.Domain;
using CoopRegister.Domain.Voting.Blt;
using CoopRegister.Domain.Voting.Counting;
using CoopRegister.Features.Elections;
using static System.FormattableString;

namespace CoopRegister.Cli.Commands;

/// <summary>
/// <c>coopreg count FILE.blt --method scottish-stv|plurality</c>: counts a BLT ballot file, with no database. Exit codes:
/// 0 counted; 2 the file or an option is wrong (the message names the line and column); 3 the count stopped at a tie
/// that needs a lot, named on standard error, to be drawn and entered with <c>--lot STAGE:CANDIDATE</c>.
/// </summary>
internal static class CountCommand
{
    public const int LotRequiredExitCode = 3;

    private const string ScottishStv = "scottish-stv";
    private const string Plurality = "plurality";

    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The ballots, as a BLT file (UTF-8)." };
        var method = new Option<string>("--method")
        {
            Description = "The counting rules: scottish-stv (SSI 2007/42 Sch.1 rules 45-52) or plurality (vote for up to the number of seats).",
            Required = true,
        };
        method.AcceptOnlyFromAmong(ScottishStv, Plurality);
        var seats = new Option<int?>("--seats") { Description = "The number of seats, instead of the number in the file.", HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "Print the result and every stage as JSON." };
        var report = new Option<FileInfo?>("--report")
        {
            Description = "Write the stage-by-stage report to this file: a PDF for publication when the name ends in .pdf, otherwise a plain text table.",
            HelpName = "FILE",
        };
        var draft = new Option<bool>("--draft") { Description = "Mark every page of a PDF report DRAFT (the count has not been declared)." };
        var lot = new Option<string[]>("--lot")
        {
            Description = "A lot drawn by the returning officer, as STAGE:CANDIDATE (name or number in the file): at that stage the lot fell on that candidate. Repeat for several lots.",
            HelpName = "STAGE:CANDIDATE",
        };
        var command = new Command("count", "Count the ballots in a BLT file and print the candidates elected, in the order elected.")
        {
            file,
            method,
            seats,
            json,
            report,
            draft,
            lot,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(file)!;
            var import = Read(path);
            foreach (var warning in import.Warnings)
            {
                await error.WriteLineAsync($"{path.Name}: {warning}");
            }

            var contest = parse.GetValue(seats) is { } n ? import.Contest.WithSeats(n) : import.Contest;
            var drawn = (parse.GetValue(lot) ?? []).Select(text => ParseLot(text, contest)).ToList();
            var isPlurality = parse.GetValue(method) == Plurality;
            var result = CountWithLots(contest, isPlurality, drawn);
            foreach (var unused in drawn.Where(d => !d.Used))
            {
                await error.WriteLineAsync($"--lot {unused.Text}: no tie at that stage involves that candidate, so the lot was not used.");
            }

            if (parse.GetValue(report) is { } reportFile)
            {
                if (reportFile.Extension.Equals(".pdf", StringComparison.OrdinalIgnoreCase))
                {
                    // Dated today: the report says when it was made, and the same ballots on the same day give the same bytes.
                    var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
                    await File.WriteAllBytesAsync(reportFile.FullName, StageReportPdf.Render(result, today, parse.GetValue(draft)), cancellationToken);
                }
                else
                {
                    await File.WriteAllTextAsync(reportFile.FullName, CountReport.ToText(result), new UTF8Encoding(false), cancellationToken);
                }
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(ToJson(result));
            }
            else if (result.Outcome == CountOutcome.Complete)
            {
                foreach (var name in result.ElectedNames)
                {
                    await output.WriteLineAsync(name);
                }
            }

            if (result.LotRequired is { } request)
            {
                await error.WriteLineAsync(CountReport.DescribeLotRequest(result));
                await error.WriteLineAsync(Invariant($"Enter the lot with --lot {request.Stage}:NAME, naming the candidate the lot fell on."));
                return LotRequiredExitCode;
            }

            return 0;
        });
        return command;
    }

    private static BltImport Read(FileInfo path)
    {
        try
        {
            using var stream = path.OpenRead();
            return BltReader.Read(stream);
        }
        catch (BltFormatException ex)
        {
            throw new DomainException(Invariant($"{path.Name}, line {ex.Line}, column {ex.Column}: {ex.Problem}"));
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DomainException($"{path.Name} cannot be read: {ex.Message}");
        }
    }

    /// <summary>Counts, and whenever the count stops at a tie that a <c>--lot</c> answers, enters that lot and counts again.</summary>
    private static CountResult CountWithLots(Contest contest, bool isPlurality, List<DrawnLot> drawn)
    {
        var lots = new List<TieLot>();
        CountResult Count() => isPlurality ? PluralityCount.Count(contest, lots) : ScottishStvCount.Count(contest, lots);
        var result = Count();
        while (result.LotRequired is { } request
            && drawn.FirstOrDefault(d => !d.Used && d.Stage == request.Stage && request.Tied.Contains(d.Candidate)) is { } answer)
        {
            answer.Used = true;
            lots.Add(request.Draw(answer.Candidate));
            result = Count();
        }

        return result;
    }

    private static DrawnLot ParseLot(string text, Contest contest)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !int.TryParse(text[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var stage) || stage < 1)
        {
            throw new DomainException("--lot", $"'{text}' is not STAGE:CANDIDATE (for example 3:Ann Jones or 3:5).");
        }

        var who = text[(colon + 1)..].Trim();
        var names = contest.Candidates.Select(c => c.Name).ToList();
        var index = names.FindIndex(n => string.Equals(n, who, StringComparison.Ordinal));
        if (index < 0)
        {
            var matches = names.Select((n, i) => (n, i)).Where(x => string.Equals(x.n, who, StringComparison.OrdinalIgnoreCase)).ToList();
            index = matches.Count == 1 ? matches[0].i : -1;
        }

        if (index < 0 && int.TryParse(who, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= names.Count)
        {
            index = number - 1;
        }

        if (index < 0)
        {
            throw new DomainException("--lot", $"'{text}': no candidate is called or numbered '{who}'.");
        }

        return new DrawnLot(text, stage, index);
    }

    private static string ToJson(CountResult result)
    {
        var names = UniqueNames(result.Candidates);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        }))
        {
            writer.WriteStartObject();
            writer.WriteString("method", result.Method == CountMethod.ScottishStv ? ScottishStv : Plurality);
            writer.WriteString("title", result.Title);
            writer.WriteNumber("seats", result.Seats);
            writer.WriteNumber("valid", result.ValidPapers);
            writer.WriteStartArray("rejected");
            foreach (var r in result.Rejected)
            {
                writer.WriteStartObject();
                writer.WriteString("reason", r.Reason);
                writer.WriteNumber("papers", r.Papers);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (result.Quota is { } quota)
            {
                writer.WriteString("quota", quota.ToString());
            }
            else
            {
                writer.WriteNull("quota");
            }

            writer.WriteString("outcome", result.Outcome == CountOutcome.Complete ? "complete" : "lot-required");
            WriteNames(writer, "elected", result.Elected, names);
            writer.WriteStartArray("stages");
            foreach (var stage in result.Stages)
            {
                WriteStage(writer, result, stage, names);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("ties");
            foreach (var tie in result.TieBreaks)
            {
                writer.WriteStartObject();
                writer.WriteNumber("stage", tie.Stage);
                writer.WriteString("kind", Kind(tie.Kind));
                WriteNames(writer, "tied", tie.Tied, names);
                writer.WriteString("chosen", names[tie.Chosen]);
                writer.WriteString("by", tie.ResolvedBy == TieResolution.Lot ? "lot" : "prior-stage");
                writer.WriteString("description", CountReport.DescribeTie(result, tie));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("lots");
            foreach (var used in result.LotsUsed)
            {
                writer.WriteStartObject();
                writer.WriteNumber("stage", used.Stage);
                writer.WriteString("kind", Kind(used.Kind));
                WriteNames(writer, "tied", used.Tied, names);
                writer.WriteString("drawn", names[used.Drawn]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (result.LotRequired is { } request)
            {
                writer.WriteStartObject("lotRequired");
                writer.WriteNumber("stage", request.Stage);
                writer.WriteString("kind", Kind(request.Kind));
                WriteNames(writer, "tied", request.Tied, names);
                writer.WriteString("votes", request.Votes.ToString());
                writer.WriteString("description", CountReport.DescribeLotRequest(result));
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteStage(Utf8JsonWriter writer, CountResult result, CountStage stage, IReadOnlyList<string> names)
    {
        writer.WriteStartObject();
        writer.WriteNumber("stage", stage.Number);
        writer.WriteString("action", stage.Action switch
        {
            StageAction.FirstPreferences => "first-preferences",
            StageAction.SurplusTransfer => "surplus",
            StageAction.Exclusion => "exclusion",
            _ => "tally",
        });
        writer.WriteString("description", CountReport.DescribeAction(result, stage));
        if (stage.Candidate is { } candidate)
        {
            writer.WriteString("candidate", names[candidate]);
        }
        else
        {
            writer.WriteNull("candidate");
        }

        writer.WriteString("transferred", stage.Transferred.ToString());
        writer.WriteStartObject("votes");
        for (var c = 0; c < names.Count; c++)
        {
            writer.WriteString(names[c], stage.Votes[c].ToString());
        }

        writer.WriteEndObject();
        writer.WriteStartObject("status");
        for (var c = 0; c < names.Count; c++)
        {
            writer.WriteString(names[c], Status(stage.Statuses[c]));
        }

        writer.WriteEndObject();
        WriteNames(writer, "electedWithQuota", stage.ElectedWithQuota, names);
        WriteNames(writer, "electedAsRemaining", stage.ElectedAsRemaining, names);
        if (result.Method == CountMethod.ScottishStv)
        {
            writer.WriteString("nonTransferable", stage.NonTransferable.ToString());
            writer.WriteString("residual", stage.Residual.ToString());
            writer.WriteString("total", stage.Total.ToString());
        }

        writer.WriteEndObject();
    }

    private static void WriteNames(Utf8JsonWriter writer, string property, IEnumerable<int> candidates, IReadOnlyList<string> names)
    {
        writer.WriteStartArray(property);
        foreach (var c in candidates)
        {
            writer.WriteStringValue(names[c]);
        }

        writer.WriteEndArray();
    }

    /// <summary>Names as JSON keys: two candidates with the same name are told apart by their number in the file.</summary>
    private static string[] UniqueNames(IReadOnlyList<Candidate> candidates)
    {
        var counts = candidates.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return candidates.Select((c, i) => counts[c.Name] > 1 ? Invariant($"{c.Name} (candidate {i + 1})") : c.Name).ToArray();
    }

    private static string Kind(TieKind kind) => kind switch
    {
        TieKind.SurplusOrder => "surplus-order",
        TieKind.Exclusion => "exclusion",
        _ => "last-seat",
    };

    private static string Status(CandidateStatus status) => status switch
    {
        CandidateStatus.Hopeful => "hopeful",
        CandidateStatus.Elected => "elected",
        CandidateStatus.Excluded => "excluded",
        CandidateStatus.Withdrawn => "withdrawn",
        _ => "not-elected",
    };

    private sealed class DrawnLot(string text, int stage, int candidate)
    {
        public string Text { get; } = text;

        public int Stage { get; } = stage;

        public int Candidate { get; } = candidate;

        public bool Used { get; set; }
    }
}
