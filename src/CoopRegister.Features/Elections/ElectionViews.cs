using CoopRegister.Domain.Meetings;
using CoopRegister.Domain.Voting.Counting;

namespace CoopRegister.Features.Elections;

/// <summary>What a teller types to add or change an election.</summary>
public sealed class ElectionForm
{
    public string Title { get; set; } = "";
    public int Seats { get; set; } = 1;
    public ElectionMethod Method { get; set; } = ElectionMethod.ScottishStv;
}

/// <summary>What a teller types to add or change a candidate.</summary>
public sealed class CandidateForm
{
    public string Name { get; set; } = "";
    public string Statement { get; set; } = "";
}

public sealed record CandidateView(long Id, int Number, string Name, string Statement, bool Withdrawn);

/// <summary>A lot drawn by the returning officer, as the count and the declaration report it.</summary>
public sealed record LotView(int Sequence, int Stage, TieKind Kind, string Tied, string Drawn, string DrawnBy, DateTime DrawnAt);

/// <summary>An election as the meeting page shows it to tellers and the returning officer.</summary>
public sealed record ElectionView(
    long Id,
    long Version,
    int Number,
    string Title,
    int Seats,
    ElectionMethod Method,
    IReadOnlyList<CandidateView> Candidates,
    ElectionCountOutcome? Outcome,
    IReadOnlyList<string> Elected,
    IReadOnlyList<LotView> Lots)
{
    /// <summary>When the count stopped for a lot: what the returning officer must decide, and between whom.</summary>
    public string? LotNeeded { get; init; }

    public IReadOnlyList<CandidateView> Tied { get; init; } = [];

    public string MethodDescription => ElectionText.Describe(Method, Seats);
}

/// <summary>One election on the member's ballot paper.</summary>
public sealed record ElectionPaper(long Id, int Number, string Title, int Seats, ElectionMethod Method, IReadOnlyList<CandidateView> Candidates)
{
    public IReadOnlyList<PaperCandidate> Standing => Candidates.Where(c => !c.Withdrawn).Select(c => new PaperCandidate(c.Id, c.Name)).ToList();

    public string Instructions => ElectionText.Instructions(Method, Seats);

    /// <summary>What is wrong with these marks (the same check the vote makes), for the form to show as the member types.</summary>
    public IReadOnlyList<string> Problems(IReadOnlyDictionary<long, int> marks) => RankedMarks.Problems(Method, Seats, Standing, marks);
}

/// <summary>An election's counted result, with the whole count for the stage-by-stage table.</summary>
public sealed record ElectionResult(
    long Id,
    int Number,
    string Title,
    int Seats,
    ElectionMethod Method,
    IReadOnlyList<CandidateView> Candidates,
    CountResult Count,
    long BallotsWithoutPreference,
    IReadOnlyList<LotView> Lots)
{
    public string MethodDescription => ElectionText.Describe(Method, Seats);

    public long InvalidPapers => Count.Rejected.Sum(r => r.Papers);

    /// <summary>Papers keyed by tellers from the sections and counted (the rest of the count is online ballots).</summary>
    public long PaperBallots { get; init; }

    /// <summary>Papers the tellers rejected as spoilt, not counted.</summary>
    public long SpoiltPapers { get; init; }
}

public static class ElectionText
{
    public static string Describe(ElectionMethod method, int seats) => method == ElectionMethod.ScottishStv
        ? $"Scottish STV, {Seats(seats)}: members number the candidates in order of preference"
        : $"Plurality, {Seats(seats)}: members vote for up to {seats} {(seats == 1 ? "candidate" : "candidates")}";

    public static string Instructions(ElectionMethod method, int seats) => method == ElectionMethod.ScottishStv
        ? $"Number the candidates in order of preference: 1 for your first choice, 2 for your second, and so on. Number as many or as few as you like, without repeating or skipping a number. {(seats == 1 ? "One seat is" : $"{seats} seats are")} to be filled."
        : $"Tick up to {seats} {(seats == 1 ? "candidate" : "candidates")}. A paper marking more than {seats} would not be counted.";

    public static string Describe(TieKind kind) => kind switch
    {
        TieKind.Exclusion => "tie for exclusion (SSI 2007/42 Sch.1 r.51(2)(b))",
        TieKind.SurplusOrder => "equal surpluses (r.49(3))",
        _ => "tie for the last seat",
    };

    private static string Seats(int seats) => seats == 1 ? "1 seat" : $"{seats} seats";
}

/// <summary>What a teller types for a batch of election papers: one paper a line, marks in paper order separated by commas; one spoilt paper's reason a line.</summary>
public sealed class ElectionPaperForm
{
    public string Papers { get; set; } = "";
    public string SpoiltReasons { get; set; } = "";

    public ElectionPaperCount ToCount() => new(Lines(Papers), Lines(SpoiltReasons));

    private static List<string> Lines(string text) =>
        (text ?? "").ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}

public sealed record ElectionBatchView(long Id, int Number, string Section, PaperBatchStatus Status, string KeyedBy, string? CheckedBy, bool KeyedByMe, int? ValidPapers, IReadOnlyList<string>? SpoiltReasons);

/// <summary>The tellers' page for an election's paper ballots.</summary>
public sealed record ElectionPaperDesk(
    long MeetingId,
    string MeetingTitle,
    MeetingStatus Status,
    long ElectionId,
    string Title,
    ElectionMethod Method,
    int Seats,
    IReadOnlyList<CandidateView> Candidates,
    IReadOnlyList<Meetings.SectionView> Sections,
    IReadOnlyList<ElectionBatchView> Batches);
