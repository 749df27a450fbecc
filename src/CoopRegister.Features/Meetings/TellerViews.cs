using CoopRegister.Domain.Meetings;

namespace CoopRegister.Features.Meetings;

/// <summary>What a teller keys for a batch of paper ballots: valid papers, each motion's counts, one line per spoilt paper's reason.</summary>
public sealed class PaperBatchForm
{
    public int ValidPapers { get; set; }
    public List<MotionCountForm> Motions { get; set; } = [];

    /// <summary>One spoilt paper per line, each line its reason.</summary>
    public string SpoiltReasons { get; set; } = "";

    public static PaperBatchForm For(IEnumerable<DeskMotion> motions) => new() { Motions = motions.Select(m => new MotionCountForm { MotionId = m.Id, Number = m.Number }).ToList() };

    public PaperCount ToCount() => new(
        ValidPapers,
        Motions.GroupBy(m => m.MotionId).ToDictionary(g => g.Key, g => Tally(g.Last())),
        (SpoiltReasons ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList());

    private static MotionTally Tally(MotionCountForm m)
    {
        if (m.For < 0 || m.Against < 0 || m.Abstain < 0)
        {
            throw new Domain.DomainException("Motions", $"Motion {m.Number}: counts cannot be negative.");
        }

        return new MotionTally(m.For, m.Against, m.Abstain);
    }
}

public sealed class MotionCountForm
{
    public long MotionId { get; set; }
    public int Number { get; set; }
    public int For { get; set; }
    public int Against { get; set; }
    public int Abstain { get; set; }
}

public sealed record DeskMotion(long Id, int Number, string Title);

/// <summary>A section at the tellers' desk: members marked present there and the papers issued to them.</summary>
public sealed record DeskSection(long Id, string Name, DateOnly Date, string Place, long Present, long PapersIssued)
{
    /// <summary>Members who chose this section in advance in the portal.</summary>
    public long Expected { get; init; }
}

/// <summary>
/// A batch as the desk lists it. Its figures are shown only once accepted: the checking teller keys the papers again
/// without seeing the first teller's figures.
/// </summary>
public sealed record BatchView(long Id, int Number, long SectionId, string Section, PaperBatchStatus Status, string KeyedBy, string? CheckedBy, bool KeyedByMe,
    int? ValidPapers, IReadOnlyList<string>? SpoiltReasons);

public sealed record QuorumCheckView(string Section, int? MotionNumber, long PresentInPerson, long Required, bool Met, DateTime TestedAt, string TestedBy);

/// <summary>Everything the tellers' page shows.</summary>
public sealed record TellerDesk(
    long Id,
    long Version,
    string Title,
    MeetingStatus Status,
    VotePrecedence Precedence,
    QuorumRule Quorum,
    long RollSize,
    IReadOnlyList<DeskMotion> Motions,
    IReadOnlyList<DeskSection> Sections,
    IReadOnlyList<BatchView> Batches,
    IReadOnlyList<QuorumCheckView> QuorumChecks,
    IReadOnlyList<ReconciliationLine> Reconciliation,
    string? CountedDifferences,
    string? Note,
    string? NotedBy,
    bool NotedByMe,
    string? SignedOffBy)
{
    public bool Sitting => Status is MeetingStatus.VotingOpen or MeetingStatus.VotingClosed;
}

/// <summary>A member found on the roll by number, as the tellers' desk shows them.</summary>
public sealed record RollLookup(long MemberNumber, string Name, VotingChannel? VotedBy, string? AttendedSection)
{
    /// <summary>The section the member chose in advance in the portal; null when they did not say.</summary>
    public string? ChosenSection { get; init; }
}

/// <summary>What marking a member present did, in words for the teller.</summary>
public sealed record AttendanceResult(long MemberNumber, string Name, AttendanceOutcome Outcome, string Message);

/// <summary>A second teller's check: accepted, or the figures that differ (the batch is then not accepted).</summary>
public sealed record BatchCheckResult(int Number, bool Accepted, IReadOnlyList<string> Differences);
