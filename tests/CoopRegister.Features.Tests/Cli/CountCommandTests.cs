using System.CommandLine;
using System.Text.Json;
using CoopRegister.Cli;
using CoopRegister.Cli.Commands;
using CoopRegister.Features.Tests.Meetings;

namespace CoopRegister.Features.Tests.Cli;

public sealed class CountCommandTests : IDisposable
{
    private const string Stv = "3 2\n7 1 2 0\n3 3 0\n0\n\"Ann\"\n\"Bob\"\n\"Cath\"\n\"Board 2026\"\n";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coopreg-count-" + Guid.NewGuid().ToString("N"));

    public CountCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_elected_candidates_are_printed_in_the_order_elected()
    {
        var file = Write("stv.blt", "4 2\n5 1 0\n9 2 1 0\n3 3 0\n2 4 3 0\n0\n\"Ann\"\n\"Bob\"\n\"Cath\"\n\"Dev\"\n\"T\"\n");

        var (code, output, error) = await RunAsync("count", file, "--method", "scottish-stv");

        Assert.Equal(0, code);
        Assert.Equal("Bob\nAnn\n", output);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Json_gives_the_method_seats_valid_papers_quota_elected_and_every_stage_with_votes_as_decimal_strings()
    {
        var file = Write("stv.blt", Stv);

        var (code, output, _) = await RunAsync("count", file, "--method", "scottish-stv", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("scottish-stv", root.GetProperty("method").GetString());
        Assert.Equal(2, root.GetProperty("seats").GetInt32());
        Assert.Equal(10, root.GetProperty("valid").GetInt64());
        Assert.Equal("4.00000", root.GetProperty("quota").GetString());
        Assert.Equal(["Ann", "Cath"], root.GetProperty("elected").EnumerateArray().Select(e => e.GetString()));
        var stages = root.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(["first-preferences", "surplus", "exclusion"], stages.Select(s => s.GetProperty("action").GetString()));
        Assert.Equal("2.99999", stages[1].GetProperty("votes").GetProperty("Bob").GetString());
        Assert.Equal("4.00000", stages[1].GetProperty("votes").GetProperty("Ann").GetString());
        Assert.Equal("Ann", stages[1].GetProperty("candidate").GetString());
        Assert.Equal("0.00001", stages[1].GetProperty("residual").GetString());
        Assert.Equal("10.00000", stages[1].GetProperty("total").GetString());
    }

    [Fact]
    public async Task A_plurality_count_ignores_papers_marking_more_than_the_seats()
    {
        var file = Write("plurality.blt", "3 1\n4 1 2 0\n2 2 0\n1 3 0\n0\nAnn\nBob\nCath\nChair\n");

        var (code, output, _) = await RunAsync("count", file, "--method", "plurality", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(3, json.RootElement.GetProperty("valid").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("quota").ValueKind);
        Assert.Equal(["Bob"], json.RootElement.GetProperty("elected").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(4, json.RootElement.GetProperty("rejected")[0].GetProperty("papers").GetInt64());
    }

    [Fact]
    public async Task Seats_on_the_command_line_replace_the_number_in_the_file()
    {
        var file = Write("stv.blt", Stv);

        var asFiled = await RunAsync("count", file, "--method", "plurality");
        var oneSeat = await RunAsync("count", file, "--method", "plurality", "--seats", "1");

        Assert.Equal((0, "Ann\nBob\n", ""), asFiled);
        Assert.Equal((0, "Cath\n", ""), oneSeat);
    }

    [Fact]
    public async Task A_malformed_file_is_refused_with_its_line_and_column_and_exit_code_2()
    {
        var file = Write("bad.blt", "2 1\n1 3 0\n0\nA\nB\n");

        var (code, output, error) = await RunAsync("count", file, "--method", "scottish-stv");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("bad.blt, line 2, column 3: 3 is out of range for a candidate number (1 to 2).\n", error);
    }

    [Fact]
    public async Task A_tie_that_needs_a_lot_stops_with_exit_code_3_and_the_lot_entered_completes_the_count()
    {
        var file = Write("tie.blt", "3 1\n3 1 0\n2 2 0\n2 3 0\n0\nAnn\nBob\nCath\nT\n");

        var stopped = await RunAsync("count", file, "--method", "scottish-stv");
        var drawn = await RunAsync("count", file, "--method", "scottish-stv", "--lot", "2:Cath");

        Assert.Equal(CountCommand.LotRequiredExitCode, stopped.Code);
        Assert.Equal("", stopped.Output);
        Assert.Contains("stopped at stage 2: Bob and Cath are tied for exclusion", stopped.Error, StringComparison.Ordinal);
        Assert.Contains("--lot 2:NAME", stopped.Error, StringComparison.Ordinal);
        Assert.Equal((0, "Ann\n", ""), drawn);
        var json = await RunAsync("count", file, "--method", "scottish-stv", "--lot", "2:3", "--json");
        using var document = JsonDocument.Parse(json.Output);
        var lot = Assert.Single(document.RootElement.GetProperty("lots").EnumerateArray());
        Assert.Equal((2, "exclusion", "Cath"), (lot.GetProperty("stage").GetInt32(), lot.GetProperty("kind").GetString(), lot.GetProperty("drawn").GetString()));
    }

    [Fact]
    public async Task The_report_option_writes_the_stage_by_stage_table()
    {
        var file = Write("stv.blt", Stv);
        var report = Path.Combine(_folder, "report.txt");

        var (code, _, _) = await RunAsync("count", file, "--method", "scottish-stv", "--report", report);

        Assert.Equal(0, code);
        var text = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        Assert.StartsWith("Board 2026\n", text, StringComparison.Ordinal);
        Assert.Contains("Stage 2: Surplus of Ann transferred (3.00000)", text, StringComparison.Ordinal);
        Assert.Matches(@"\n  Bob +2\.99999 +\+2\.99999 +hopeful\n", text);
    }

    [Fact]
    public async Task A_report_file_ending_in_pdf_is_written_as_the_stage_by_stage_pdf()
    {
        var file = Write("stv.blt", Stv);
        var report = Path.Combine(_folder, "Report.PDF");

        var (code, output, error) = await RunAsync("count", file, "--method", "scottish-stv", "--report", report);

        Assert.Equal((0, "Ann\nCath\n", ""), (code, output, error));
        var pdf = await File.ReadAllBytesAsync(report, TestContext.Current.CancellationToken);
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        var text = PdfToText.Text(pdf);
        var flat = PdfToText.OneLine(text);
        Assert.Contains("Stage-by-stage report: Board 2026", flat, StringComparison.Ordinal);
        Assert.Contains("Quota 4.00000", flat, StringComparison.Ordinal);
        Assert.Contains("1. Ann 2. Cath", flat, StringComparison.Ordinal);
        Assert.Contains("2. Bob 0.00000 2.99999 excluded", PdfToText.Lines(text));
        Assert.DoesNotContain("DRAFT", flat, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Draft_marks_the_pdf_report_and_a_report_not_ending_in_pdf_stays_text()
    {
        var file = Write("stv.blt", Stv);
        var pdf = Path.Combine(_folder, "draft.pdf");
        var text = Path.Combine(_folder, "report.pdf.txt");

        var first = await RunAsync("count", file, "--method", "scottish-stv", "--report", pdf, "--draft");
        var second = await RunAsync("count", file, "--method", "scottish-stv", "--report", text);

        Assert.Equal(0, first.Code);
        Assert.Equal(0, second.Code);
        Assert.Contains("DRAFT: the count before the returning officer's declaration", PdfToText.OneLine(PdfToText.Text(await File.ReadAllBytesAsync(pdf, TestContext.Current.CancellationToken))), StringComparison.Ordinal);
        Assert.StartsWith("Board 2026\nMethod: Scottish STV", await File.ReadAllTextAsync(text, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_glasgow_ward_elects_the_four_councillors_Droop_reports()
    {
        var ward = SharedWard("Anderston-City-2007.blt");

        var (code, output, _) = await RunAsync("count", ward, "--method", "scottish-stv");

        Assert.Equal(0, code);
        Assert.Equal("Craig MacKay\nPhilip Braat\nNina Baker\nGordon Matheson\n", output);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { CliHost.Database, CliHost.Provider, CountCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.InvokeAsync(root, args, output, error);
        return (code, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>A ballot file from ../shared/data/stv beside the repository; the test is skipped when it is absent.</summary>
    private static string SharedWard(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CoopRegister.sln")) && dir.Parent is not null)
            {
                var path = Path.Combine(dir.Parent.FullName, "shared", "data", "stv", "glasgow-2007", file);
                if (File.Exists(path))
                {
                    return path;
                }

                break;
            }
        }

        Assert.Skip($"The shared STV test data (../shared/data/stv/glasgow-2007/{file} beside the repository) is not present.");
        return "";
    }
}
