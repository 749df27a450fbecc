using CoopRegister.Domain.Voting.Blt;
using CoopRegister.Domain.Voting.Counting;
using CoopRegister.Features.Elections;
using CoopRegister.Features.Tests.Meetings;
using static System.FormattableString;

namespace CoopRegister.Features.Tests.Elections;

/// <summary>The stage-by-stage report as a PDF, read back with pdftotext: every figure and name the count gives is printed.</summary>
public sealed class StageReportPdfTests
{
    private const string Stv = "3 2\n7 1 2 0\n3 3 0\n0\n\"Ann\"\n\"Bob\"\n\"Cath\"\n\"Board 2026\"\n";

    private static readonly DateOnly Day = new(2026, 12, 18);

    private static CountResult Count(string blt, bool plurality = false)
    {
        var contest = BltReader.Parse(blt).Contest;
        return plurality ? PluralityCount.Count(contest) : ScottishStvCount.Count(contest);
    }

    [Fact]
    public void The_report_prints_the_method_seats_papers_quota_elected_and_every_stage_with_its_figures()
    {
        var result = Count(Stv);

        var text = PdfToText.Text(StageReportPdf.Render(result, Day, draft: false, society: "People's Press Printing Society Ltd"));
        var flat = PdfToText.OneLine(text);

        Assert.Contains("People's Press Printing Society Ltd", flat, StringComparison.Ordinal);
        Assert.Contains("Stage-by-stage report: Board 2026", flat, StringComparison.Ordinal);
        Assert.Contains("Report made 18 December 2026", flat, StringComparison.Ordinal);
        Assert.Contains("Scottish STV (SSI 2007/42 Sch.1 rules 45-52", flat, StringComparison.Ordinal);
        Assert.Contains("Seats 2", flat, StringComparison.Ordinal);
        Assert.Contains("Valid papers 10", flat, StringComparison.Ordinal);
        Assert.Contains("Rejected papers none", flat, StringComparison.Ordinal);
        Assert.Contains("Quota 4.00000", flat, StringComparison.Ordinal);
        Assert.Contains("1. Ann 2. Cath", flat, StringComparison.Ordinal);
        Assert.Contains("Stage 2: Surplus of Ann transferred (3.00000).", flat, StringComparison.Ordinal);
        Assert.Contains("Stage 3: Bob excluded (2.99999 votes).", flat, StringComparison.Ordinal);
        var lines = PdfToText.Lines(text);
        Assert.Contains("1. Ann 7.00000* 4.00000 4.00000", lines);
        Assert.Contains("2. Bob 0.00000 2.99999 excluded", lines);
        Assert.Contains("3. Cath 3.00000 3.00000 3.00000*", lines);
        Assert.Contains("Non-transferable 0.00000 0.00000 2.99999", lines);
        Assert.Contains("Residual (rounding) 0.00000 0.00001 0.00001", lines);
        Assert.Contains("Total 10.00000 10.00000 10.00000", lines);
        Assert.DoesNotContain("DRAFT", flat, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plurality_report_has_no_quota_and_states_the_rejected_papers_by_reason()
    {
        var result = Count("3 1\n4 1 2 0\n2 2 0\n1 3 0\n0\nAnn\nBob\nCath\nChair\n", plurality: true);

        var text = PdfToText.Text(StageReportPdf.Render(result, Day, draft: false));
        var flat = PdfToText.OneLine(text);

        Assert.Contains("Plurality-at-large", flat, StringComparison.Ordinal);
        Assert.Contains("Quota none", flat, StringComparison.Ordinal);
        Assert.Contains("Rejected papers 4 (more than 1 candidates marked)", flat, StringComparison.Ordinal);
        Assert.Contains("1. Bob", flat, StringComparison.Ordinal);
        Assert.Contains("2. Bob 2.00000*", PdfToText.Lines(text));
        Assert.DoesNotContain("Non-transferable", flat, StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_is_marked_on_every_page_and_the_same_count_gives_the_same_bytes()
    {
        var result = Large(candidates: 30, stages: 40);

        var draft = StageReportPdf.Render(result, Day, draft: true);
        var again = StageReportPdf.Render(result, Day, draft: true);
        var final = StageReportPdf.Render(result, Day, draft: false);

        Assert.Equal(draft, again);
        Assert.NotEqual(draft, final);
        var pages = Pages(draft);
        Assert.True(pages > 1);
        for (var page = 1; page <= pages; page++)
        {
            Assert.Contains("DRAFT", PdfToText.Text(draft, page), StringComparison.Ordinal);
        }

        Assert.Contains("Not for publication", PdfToText.Text(draft, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Thirty_candidates_over_forty_stages_print_every_name_and_whole_figures_in_blocks_of_stages()
    {
        var result = Large(candidates: 30, stages: 40);

        var pdf = StageReportPdf.Render(result, Day, draft: false);

        var text = PdfToText.Text(pdf);
        var lines = PdfToText.Lines(text);
        for (var c = 0; c < 30; c++)
        {
            // Each block of stage columns repeats every candidate's row, so every name appears once per block.
            Assert.True(lines.Count(l => l.StartsWith(Invariant($"{c + 1}. Candidate number {c + 1} "), StringComparison.Ordinal)) >= 4);
        }

        for (var s = 1; s <= 40; s++)
        {
            Assert.Contains(Invariant($"Stage {s}:"), text, StringComparison.Ordinal);
        }

        // The largest figure prints whole, at a size pdftotext reads as one word.
        Assert.Contains("123456.78901", text, StringComparison.Ordinal);
        Assert.Matches(@"Stages 1–\d+ of 40", text);
        Assert.Matches(@"Stages \d+–40 of 40", text);
        Assert.InRange(Pages(pdf), 4, 10);
    }

    [Fact]
    public void A_count_stopped_for_a_lot_says_so_and_lists_who_was_elected_so_far()
    {
        var result = Count("3 1\n3 1 0\n2 2 0\n2 3 0\n0\nAnn\nBob\nCath\nT\n");

        var flat = PdfToText.OneLine(PdfToText.Text(StageReportPdf.Render(result, Day, draft: true)));

        Assert.Contains("The count stopped at stage 2: Bob and Cath are tied for exclusion", flat, StringComparison.Ordinal);
        Assert.Contains("Elected so far, in order Nobody.", flat, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lot_used_and_the_tie_it_broke_are_printed()
    {
        var contest = BltReader.Parse("3 1\n3 1 0\n2 2 0\n2 3 0\n0\nAnn\nBob\nCath\nT\n").Contest;
        var stopped = ScottishStvCount.Count(contest);
        var result = ScottishStvCount.Count(contest, [stopped.LotRequired!.Draw(2)]);

        var flat = PdfToText.OneLine(PdfToText.Text(StageReportPdf.Render(result, Day, draft: false)));

        Assert.Contains("Stage 2: Bob and Cath had equal lowest votes; decided by lot", flat, StringComparison.Ordinal);
        Assert.Contains("Lot used at stage 2 between Bob, Cath: it fell on Cath.", flat, StringComparison.Ordinal);
    }

    /// <summary>A count with many candidates and stages, built directly: the PDF only formats what it is given.</summary>
    internal static CountResult Large(int candidates, int stages)
    {
        var names = Enumerable.Range(1, candidates).Select(i => new Candidate(Invariant($"Candidate number {i}"))).ToArray();
        var list = new List<CountStage>();
        for (var s = 1; s <= stages; s++)
        {
            var votes = Enumerable.Range(0, candidates).Select(c => Fixed5.FromUnits(((c + 1) * 1_000_000L) + s)).ToArray();
            votes[0] = Fixed5.Parse("123456.78901");
            var statuses = Enumerable.Range(0, candidates).Select(c => c == 0 ? CandidateStatus.Elected : c < s / 2 ? CandidateStatus.Excluded : CandidateStatus.Hopeful).ToArray();
            list.Add(new CountStage
            {
                Number = s,
                Action = s == 1 ? StageAction.FirstPreferences : StageAction.Exclusion,
                Candidate = s == 1 ? null : s % candidates,
                Transferred = Fixed5.FromWhole(s),
                Votes = votes,
                Statuses = statuses,
                NonTransferable = Fixed5.FromWhole(s),
                Residual = Fixed5.FromUnits(s),
            });
        }

        return new CountResult
        {
            Method = CountMethod.ScottishStv,
            Title = "Management committee 2026",
            Candidates = names,
            Seats = 7,
            ValidPapers = 1_000_000,
            Rejected = [new RejectedPapers("no first preference", 12)],
            Quota = Fixed5.FromWhole(125_001),
            Outcome = CountOutcome.Complete,
            Elected = [0],
            Stages = list,
            TieBreaks = [],
            FinalStatuses = list[^1].Statuses,
        };
    }

    private static int Pages(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count;
}
