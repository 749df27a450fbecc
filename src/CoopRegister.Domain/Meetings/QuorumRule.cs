using CoopRegister.Domain.Society;

namespace CoopRegister.Domain.Meetings;

/// <summary>When the quorum is tested (design/voting.md: store whether it is checked at the start or at each vote).</summary>
public enum QuorumTest
{
    AtOpening,
    AtEachVote,
}

/// <summary>
/// The quorum of a general meeting as the society's rules state it (domain rule 41: usually 10% of members or a fixed
/// number, sometimes whichever is lower), who counts towards it, and when it is tested. Copied from the society's
/// settings when a meeting is called and stored with the meeting.
/// </summary>
public sealed record QuorumRule
{
    public QuorumKind Kind { get; init; } = QuorumKind.LesserOf;
    public int Members { get; init; } = 10;
    public int Percent { get; init; } = 10;

    /// <summary>Members present in person count towards the quorum.</summary>
    public bool CountsInPerson { get; init; } = true;

    /// <summary>Members represented by a proxy who is present count towards the quorum.</summary>
    public bool CountsProxies { get; init; }

    public QuorumTest TestedAt { get; init; } = QuorumTest.AtOpening;

    public static QuorumRule From(SocietyDetails society)
    {
        ArgumentNullException.ThrowIfNull(society);
        return new QuorumRule { Kind = society.QuorumKind, Members = society.QuorumMembers, Percent = society.QuorumPercent };
    }

    /// <summary>How many must be present, out of <paramref name="eligible"/> members entitled to vote; a percentage rounds up.</summary>
    public long Required(long eligible)
    {
        var byPercent = ((eligible * Percent) + 99) / 100;
        return Kind switch
        {
            QuorumKind.FixedNumber => Members,
            QuorumKind.Percentage => byPercent,
            QuorumKind.LesserOf => Math.Min(Members, byPercent),
            QuorumKind.GreaterOf => Math.Max(Members, byPercent),
            _ => Members,
        };
    }

    /// <summary>Whether those present make a quorum: only the kinds of presence the rule counts are added.</summary>
    public bool IsMet(long inPerson, long byProxy, long eligible) =>
        (CountsInPerson ? inPerson : 0) + (CountsProxies ? byProxy : 0) >= Required(eligible);

    public IReadOnlyList<RuleViolation> Validate()
    {
        var errors = new List<RuleViolation>();
        if (Kind != QuorumKind.Percentage && Members is < 1 or > 1_000_000)
        {
            errors.Add(new RuleViolation(nameof(Members), "Quorum must be at least 1 member and at most 1,000,000."));
        }

        if (Kind != QuorumKind.FixedNumber && Percent is < 1 or > 100)
        {
            errors.Add(new RuleViolation(nameof(Percent), "Quorum percentage must be between 1 and 100."));
        }

        if (!CountsInPerson && !CountsProxies)
        {
            errors.Add(new RuleViolation(nameof(CountsInPerson), "Someone must count towards the quorum: members in person, proxies, or both."));
        }

        return errors;
    }

    public string Describe()
    {
        var who = (CountsInPerson, CountsProxies) switch
        {
            (true, true) => "members present in person or by proxy",
            (true, false) => "members present in person",
            _ => "members present by proxy",
        };
        var size = Kind switch
        {
            QuorumKind.FixedNumber => $"{Members}",
            QuorumKind.Percentage => $"{Percent}% of the members entitled to vote",
            QuorumKind.LesserOf => $"{Members} or {Percent}% of the members entitled to vote, whichever is lower",
            QuorumKind.GreaterOf => $"{Members} or {Percent}% of the members entitled to vote, whichever is higher",
            _ => "",
        };
        return $"{size}, counting {who}, tested {(TestedAt == QuorumTest.AtOpening ? "when the meeting opens" : "at each vote")}";
    }
}
