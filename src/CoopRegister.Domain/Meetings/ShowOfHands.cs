namespace CoopRegister.Domain.Meetings;

/// <summary>How a motion was decided at the count.</summary>
public enum MotionMethod
{
    /// <summary>By ballot (a poll): the online, proxy and paper ballots together.</summary>
    Ballot,

    /// <summary>By show of hands at the sections, combined centrally.</summary>
    ShowOfHands,
}

/// <summary>
/// What a teller records for a show of hands on a motion at a section: the hands counted For / Against / Abstaining,
/// or, where the society's rules let the chair declare the result without a count, the chair's declaration.
/// </summary>
public sealed record HandsCount(long? For, long? Against, long? Abstain, bool? DeclaredCarried)
{
    public const long MaxHands = 1_000_000;

    public bool HasCounts => For is not null;

    public static HandsCount Counted(long forVotes, long against, long abstain) => new(forVotes, against, abstain, null);

    public static HandsCount Declared(bool carried) => new(null, null, null, carried);

    public IReadOnlyList<RuleViolation> Validate(Meeting meeting, Motion motion)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(motion);
        var errors = new List<RuleViolation>();
        var counts = new[] { For, Against, Abstain };
        if (counts.All(c => c is null))
        {
            if (DeclaredCarried is null)
            {
                errors.Add(new RuleViolation("Hands", "Give the hands counted For, Against and Abstaining, or the chair's declaration (carried or not carried)."));
            }
            else if (meeting.Sections.Count > 1)
            {
                // Domain rule 53: the sections' votes are combined centrally, which needs numbers from every section.
                errors.Add(new RuleViolation("Hands", "This meeting sits in several sections whose votes are added together, so each section's show of hands must be counted; a declaration without numbers cannot be combined."));
            }
            else if (motion.Threshold.Kind == ThresholdKind.ConversionS113)
            {
                // Act s.113: the turnout test (at least half of the eligible members voting) needs the number who voted.
                errors.Add(new RuleViolation("Hands", $"Motion {motion.Number} needs at least half of the eligible members to vote (Act s.113), so the hands must be counted; a declaration without numbers cannot show the turnout."));
            }
        }
        else if (counts.Any(c => c is null) || DeclaredCarried is not null)
        {
            errors.Add(new RuleViolation("Hands", "Give all three counts (For, Against, Abstaining; 0 where no hand was raised), or only the chair's declaration, not both."));
        }
        else if (counts.Any(c => c is < 0 or > MaxHands))
        {
            errors.Add(new RuleViolation("Hands", $"Each count of hands is a whole number from 0 to {MaxHands:N0}."));
        }

        return errors;
    }
}

/// <summary>
/// A show of hands on one motion at one section (domain rule 41: the rules say how votes are taken, by show of hands or
/// by ballot). It counts only the members in the room, so it decides the motion only when no one voted on it by
/// ballot (see <see cref="MotionMethods"/>); otherwise it is kept as the room's result and the ballots decide.
/// </summary>
public sealed class ShowOfHands
{
    private ShowOfHands()
    {
    }

    public long Id { get; private set; }
    public long MeetingId { get; private set; }
    public long MotionId { get; private set; }
    public long SectionId { get; private set; }

    /// <summary>Hands counted; all three null when the chair declared the result without a count.</summary>
    public long? For { get; private set; }

    public long? Against { get; private set; }
    public long? Abstain { get; private set; }

    /// <summary>The chair's declaration without a count (carried or not); null when the hands were counted.</summary>
    public bool? DeclaredCarried { get; private set; }

    public string RecordedById { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }

    public bool HasCounts => For is not null;

    public HandsCount Count => new(For, Against, Abstain, DeclaredCarried);

    public static ShowOfHands Record(Meeting meeting, MeetingSection section, Motion motion, HandsCount count, Teller teller, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(teller);
        var hands = new ShowOfHands { MeetingId = meeting.Id, MotionId = motion.Id, SectionId = section.Id };
        hands.Correct(meeting, motion, count, teller, nowUtc);
        return hands;
    }

    /// <summary>Records the show of hands again (a teller corrects a figure) until the count.</summary>
    public void Correct(Meeting meeting, Motion motion, HandsCount count, Teller teller, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(count);
        ArgumentNullException.ThrowIfNull(teller);
        meeting.RequireSitting("record a show of hands");
        var errors = count.Validate(meeting, motion);
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        For = count.For;
        Against = count.Against;
        Abstain = count.Abstain;
        DeclaredCarried = count.DeclaredCarried;
        RecordedById = Clip(teller.Id, PaperBatch.TellerIdMax);
        RecordedByName = Clip(teller.Name, PaperBatch.TellerNameMax);
        RecordedAt = nowUtc;
    }

    /// <summary>"12 for, 3 against, 1 abstaining" or "declared carried by the chair (no count)".</summary>
    public string Describe() => HasCounts
        ? $"{For} for, {Against} against, {Abstain} abstaining"
        : DeclaredCarried == true ? "declared carried by the chair (no count)" : "declared not carried by the chair (no count)";

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>
/// A demand for a poll on a motion (domain rule 41): the motion is then decided by ballot (online, proxy and paper
/// ballots together), whatever the show of hands was. One demand per motion is enough; it is made at a section.
/// </summary>
public sealed class PollDemand
{
    public const int DemandedByMax = 200;

    private PollDemand()
    {
    }

    public long Id { get; private set; }
    public long MeetingId { get; private set; }
    public long MotionId { get; private set; }
    public long SectionId { get; private set; }

    /// <summary>Who demanded it, as the rules name them: "the chair", "five members present".</summary>
    public string DemandedBy { get; private set; } = "";

    public string RecordedByName { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }

    public static PollDemand Record(Meeting meeting, MeetingSection section, Motion motion, string demandedBy, Teller teller, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(motion);
        ArgumentNullException.ThrowIfNull(teller);
        meeting.RequireSitting("record a demand for a poll");
        demandedBy = (demandedBy ?? "").Trim();
        if (demandedBy.Length == 0 || demandedBy.Length > DemandedByMax)
        {
            throw new DomainException("DemandedBy", $"Say who demanded the poll, in 1 to {DemandedByMax} characters, as the society's rules name them (for example \"the chair\" or \"five members present\").");
        }

        return new PollDemand
        {
            MeetingId = meeting.Id, MotionId = motion.Id, SectionId = section.Id, DemandedBy = demandedBy,
            RecordedByName = teller.Name.Length <= PaperBatch.TellerNameMax ? teller.Name : teller.Name[..PaperBatch.TellerNameMax], RecordedAt = nowUtc,
        };
    }
}

/// <summary>The outcome of the shows of hands on a motion decided by them: the summed counts, or the chair's declaration.</summary>
public sealed record HandsOutcome(MotionTally? Tally, bool? DeclaredCarried);

/// <summary>
/// How each motion is decided (design/voting.md; domain rules 41 and 53). The rule, in order:
/// <list type="number">
/// <item>A poll demanded at any section sends the motion to ballot.</item>
/// <item>Any ballot with a vote on the motion (online, by proxy or on paper) sends it to ballot: a show of hands counts
/// only those in the room, while online and proxy voters are not in it, and a member who voted online and then attends
/// is in the room with their vote already cast; adding hands to ballots would count that member twice and leave the
/// absent voters out. So once anyone has voted by ballot, the ballots are the poll that decides.</item>
/// <item>Otherwise, when every section where members were marked present has recorded a show of hands, the hands decide:
/// the sections' counts added together (or, at a one-section meeting, the chair's declaration).</item>
/// <item>With no ballot and no show of hands the motion goes to ballot (and, with no votes cast, is not carried); with
/// shows of hands from only some attended sections the count cannot be recorded until the rest are recorded or a poll
/// is demanded.</item>
/// </list>
/// </summary>
public static class MotionMethods
{
    public static (MotionMethod Method, HandsOutcome? Hands, string? Problem) Decide(
        Motion motion, bool pollDemanded, bool anyBallotVote, IReadOnlyCollection<long> attendedSections, IReadOnlyList<ShowOfHands> hands)
    {
        ArgumentNullException.ThrowIfNull(motion);
        ArgumentNullException.ThrowIfNull(attendedSections);
        ArgumentNullException.ThrowIfNull(hands);
        if (pollDemanded || anyBallotVote || hands.Count == 0)
        {
            return (MotionMethod.Ballot, null, null);
        }

        var missing = attendedSections.Where(s => hands.All(h => h.SectionId != s)).ToList();
        if (missing.Count > 0)
        {
            return (MotionMethod.ShowOfHands, null, $"Motion {motion.Number} has a show of hands from some sections but not from {missing.Count} other section(s) where members were present; record theirs, or record a demand for a poll.");
        }

        if (hands.Any(h => !h.HasCounts))
        {
            return (MotionMethod.ShowOfHands, new HandsOutcome(null, hands[0].DeclaredCarried), null);
        }

        return (MotionMethod.ShowOfHands, new HandsOutcome(new MotionTally(hands.Sum(h => h.For!.Value), hands.Sum(h => h.Against!.Value), hands.Sum(h => h.Abstain!.Value)), null), null);
    }
}
