using CoopRegister.Domain.Meetings;

namespace CoopRegister.Features.Meetings;

/// <summary>What a teller types to call or change a meeting. Times of the voting window are UTC.</summary>
public sealed class MeetingForm
{
    public MeetingKind Kind { get; set; } = MeetingKind.Annual;
    public string Title { get; set; } = "";
    public DateOnly NoticeDate { get; set; }
    public DateTime VotingOpensAtUtc { get; set; }
    public DateTime VotingClosesAtUtc { get; set; }
    public bool MemberOnNoticeDate { get; set; } = true;
    public bool MemberOnMeetingDate { get; set; } = true;
    public int? MinimumAge { get; set; } = 16;
    public bool MinimumHoldingFullyPaid { get; set; } = true;
    public VotePrecedence Precedence { get; set; } = VotePrecedence.OnlineVoteCounts;

    /// <summary>When the quorum is tested; the rest of the quorum rule comes from the society's settings.</summary>
    public QuorumTest QuorumTestedAt { get; set; } = QuorumTest.AtOpening;

    /// <summary>Members appoint proxies until this instant (UTC); empty when the rules allow no proxies at this meeting.</summary>
    public DateTime? ProxyDeadlineUtc { get; set; }

    public int ProxyCap { get; set; } = Meeting.DefaultProxyCap;
    public List<SectionForm> Sections { get; set; } = [];

    public MeetingPlan ToPlan() => new(Kind, Title, NoticeDate,
        DateTime.SpecifyKind(VotingOpensAtUtc, DateTimeKind.Utc), DateTime.SpecifyKind(VotingClosesAtUtc, DateTimeKind.Utc),
        new EligibilityRule { MemberOnNoticeDate = MemberOnNoticeDate, MemberOnMeetingDate = MemberOnMeetingDate, MinimumAge = MinimumAge, MinimumHoldingFullyPaid = MinimumHoldingFullyPaid },
        Sections.Select(s => new SectionPlan(s.Id, s.Name, s.Date, s.Place)).ToList());
}

public sealed class SectionForm
{
    public long? Id { get; set; }
    public string Name { get; set; } = "";
    public DateOnly Date { get; set; }
    public string Place { get; set; } = "";
}

public sealed class MotionForm
{
    public string Title { get; set; } = "";
    public string Text { get; set; } = "";
    public ThresholdKind Threshold { get; set; } = ThresholdKind.Ordinary;
    public int Numerator { get; set; } = 2;
    public int Denominator { get; set; } = 3;
    public bool AbstentionsCount { get; set; }

    public MotionThreshold ToThreshold() => Threshold == ThresholdKind.Custom
        ? MotionThreshold.Custom(Numerator, Denominator, AbstentionsCount)
        : new MotionThreshold { Kind = Threshold, AbstentionsCount = AbstentionsCount };
}

public sealed record MeetingRow(long Id, string Title, MeetingKind Kind, MeetingStatus Status, DateOnly? FirstDate, int Sections, int Motions, long RollSize);

public sealed record SectionView(long Id, string Name, DateOnly Date, string Place);

public sealed record MotionView(long Id, int Number, string Title, string Text, MotionThreshold Threshold, MotionResult? Result);

/// <summary>A counted motion as the declaration states it.</summary>
public sealed record MotionResult(long For, long Against, long Abstain, long VotesCast, bool Carried, bool TurnoutMet)
{
    public string ForPercent => Percent.Format(For, VotesCast);
    public string AgainstPercent => Percent.Format(Against, VotesCast);

    /// <summary>The part of each figure cast on paper at the sections; the rest was cast online.</summary>
    public long PaperFor { get; init; }

    public long PaperAgainst { get; init; }
    public long PaperAbstain { get; init; }

    /// <summary>By ballot (online, proxy and paper together) or by the sections' shows of hands.</summary>
    public MotionMethod DecidedBy { get; init; } = MotionMethod.Ballot;

    /// <summary>False when the chair declared a show of hands without a count: the figures above are then all 0 and mean nothing.</summary>
    public bool Counted { get; init; } = true;
}

/// <summary>Everything the meeting page shows a teller.</summary>
public sealed record MeetingDetails(
    long Id,
    long Version,
    MeetingKind Kind,
    string Title,
    MeetingStatus Status,
    DateOnly NoticeDate,
    int NoticeClearDays,
    DateTime VotingOpensAt,
    DateTime VotingClosesAt,
    EligibilityRule Eligibility,
    QuorumRule Quorum,
    IReadOnlyList<SectionView> Sections,
    IReadOnlyList<MotionView> Motions,
    DateTime? RollTakenAt,
    string? RollHash,
    long RollSize,
    long VotedSoFar,
    long? VotedCount,
    DateTime? DeclaredAt,
    string? DeclaredBy,
    VotePrecedence Precedence,
    string? ReconciliationDifferences,
    bool ReconciliationBlocksDeclaration)
{
    public DateTime? ProxyDeadline { get; init; }
    public int ProxyCap { get; init; } = Meeting.DefaultProxyCap;

    public MeetingForm ToForm() => new()
    {
        Kind = Kind,
        Title = Title,
        NoticeDate = NoticeDate,
        VotingOpensAtUtc = VotingOpensAt,
        VotingClosesAtUtc = VotingClosesAt,
        MemberOnNoticeDate = Eligibility.MemberOnNoticeDate,
        MemberOnMeetingDate = Eligibility.MemberOnMeetingDate,
        MinimumAge = Eligibility.MinimumAge,
        MinimumHoldingFullyPaid = Eligibility.MinimumHoldingFullyPaid,
        Precedence = Precedence,
        QuorumTestedAt = Quorum.TestedAt,
        ProxyDeadlineUtc = ProxyDeadline,
        ProxyCap = ProxyCap,
        Sections = Sections.Select(s => new SectionForm { Id = s.Id, Name = s.Name, Date = s.Date, Place = s.Place }).ToList(),
    };
}

public sealed record RollSummary(long Size, string Hash);

/// <summary>The declared results, as members see them.</summary>
public sealed record MeetingResults(
    long Id,
    string Title,
    MeetingKind Kind,
    MeetingStatus Status,
    IReadOnlyList<SectionView> Sections,
    string Eligibility,
    long Eligible,
    long Voted,
    string RollHash,
    DateTime? DeclaredAt,
    string? DeclaredBy,
    IReadOnlyList<MotionView> Motions,
    long OnlineBallots,
    long PaperBallots,
    long SpoiltPapers,
    string? ReconciliationDifferences,
    string? ReconciliationNote)
{
    /// <summary>Ballots cast at the count for members represented by a present proxy (not included in <see cref="OnlineBallots"/>).</summary>
    public long ProxyBallots { get; init; }

    /// <summary>Each motion's shows of hands at the sections and any demand for a poll.</summary>
    public IReadOnlyList<MotionHandsView> Hands { get; init; } = [];

    /// <summary>The two-meeting special resolutions this meeting carried or confirmed (Act s.111, s.113).</summary>
    public IReadOnlyList<ResolutionLink> Resolutions { get; init; } = [];

    public string Turnout => Percent.Format(Voted, Eligible);
}

/// <summary>A meeting as a member sees it in the portal.</summary>
public sealed record MyMeeting(
    long Id,
    string Title,
    MeetingKind Kind,
    MeetingStatus Status,
    IReadOnlyList<SectionView> Sections,
    DateTime VotingOpensAt,
    DateTime VotingClosesAt,
    bool OnRoll,
    bool Voted,
    bool CanVote)
{
    /// <summary>Until when members may appoint proxies; null when the meeting takes none.</summary>
    public DateTime? ProxyDeadline { get; init; }

    /// <summary>The section the member said they will attend (domain rule 53), and the one they were marked present at.</summary>
    public long? ChosenSectionId { get; init; }

    public long? AttendedSectionId { get; init; }

    /// <summary>Whether the member may choose (or change) their section now: before it sits and before they attend.</summary>
    public bool CanChooseSection { get; init; }

    public bool ReceiptsPublished => Status >= MeetingStatus.VotingClosed;
    public bool ResultsDeclared => Status == MeetingStatus.Declared;
}

/// <summary>The ballot paper: the motions a member on the roll votes on.</summary>
public sealed record BallotPaper(long MeetingId, string Title, DateTime VotingClosesAt, IReadOnlyList<MotionView> Motions)
{
    /// <summary>The committee elections on the same paper, after the motions.</summary>
    public IReadOnlyList<Elections.ElectionPaper> Elections { get; init; } = [];
}

/// <summary>What the voter takes away: the receipt code to look for in the published list after the close.</summary>
public sealed record VoteReceipt(long MeetingId, string ReceiptCode);

/// <summary>What a member gives to appoint a proxy: the chair or a member by number, and an instruction on each motion.</summary>
public sealed class ProxyForm
{
    public bool Chair { get; set; } = true;
    public long? HolderMemberNumber { get; set; }
    public Dictionary<long, ProxyMandate> Mandates { get; set; } = [];
}

/// <summary>A member's proxy as they see it.</summary>
public sealed record ProxyView(bool Chair, long? HolderMemberNumber, bool InForce, ProxyRevocation? RevokedReason, IReadOnlyDictionary<long, ProxyMandate> Mandates);

/// <summary>The proxy form in the portal: the meeting's motions, the deadline and cap, and the member's current appointment.</summary>
public sealed record MyProxy(long MeetingId, string Title, DateTime Deadline, int Cap, IReadOnlyList<MotionView> Motions, VotingChannel? VotedBy, bool CanAppoint, ProxyView? Current)
{
    /// <summary>The titles of the meeting's elections, which an appointment leaves to the proxy's discretion.</summary>
    public IReadOnlyList<string> Elections { get; init; } = [];
}

/// <summary>A present holder's discretionary instruction on one motion, for the tellers to enter the holder's choice.</summary>
public sealed record DiscretionaryProxy(long ProxyId, long? HolderMemberNumber, long MotionId, int MotionNumber, VoteChoice? HolderChoice);

/// <summary>For the tellers: the meeting's elections and the proxies that count now, with the holders' rankings keyed so far.</summary>
public sealed record ProxyRankingDesk(IReadOnlyList<Elections.ElectionPaper> Elections, IReadOnlyList<ProxyRankingRow> Proxies);

/// <summary>A proxy that counts now, with its holder's keyed ranking in each election (candidate ids, first preference first).</summary>
public sealed record ProxyRankingRow(long ProxyId, long? HolderMemberNumber, IReadOnlyDictionary<long, IReadOnlyList<long>> Rankings);

/// <summary>A proxy that counts now, with the section its member holder attends (null for the chair).</summary>
internal sealed class PresentProxy
{
    public long ProxyId { get; init; }
    public long AppointerMemberId { get; init; }
    public long? HolderMemberId { get; init; }
    public long? HolderSectionId { get; init; }
}
