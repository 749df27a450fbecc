namespace CoopRegister.Domain.Meetings;

/// <summary>
/// A secret ballot (design/voting.md, "Secret ballot"). Its identifier is random, it has no timestamp (the meeting is
/// its only time), and nothing in it names the member or the roll row: the receipt code, also random, is shown once to
/// the voter so that after the close they can find it in the published list.
/// </summary>
public sealed class SecretBallot
{
    public const int ReceiptLength = 14;

    private readonly List<BallotChoice> _choices = [];
    private readonly List<BallotPreference> _preferences = [];

    private SecretBallot()
    {
    }

    public Guid Id { get; private set; }
    public long MeetingId { get; private set; }
    public VotingChannel Channel { get; private set; }

    /// <summary>"K7QX-9M2D-P4RT": random, unique within the meeting.</summary>
    public string ReceiptCode { get; private set; } = "";

    public IReadOnlyList<BallotChoice> Choices => _choices;

    /// <summary>The preferences in each election of the meeting, on the same ballot (one visit, one receipt).</summary>
    public IReadOnlyList<BallotPreference> Preferences => _preferences;

    /// <summary>A ballot with one choice for every motion of the meeting; the caller supplies the random identifier and receipt.</summary>
    public static SecretBallot Cast(Guid id, long meetingId, VotingChannel channel, string receiptCode, IReadOnlyDictionary<long, VoteChoice> choices, IReadOnlyCollection<long> motionIds)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(motionIds);
        var missing = motionIds.Where(id => !choices.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            throw new DomainException("Choices", $"Choose For, Against or Abstain on every motion; {missing.Count} {(missing.Count == 1 ? "motion has" : "motions have")} no choice.");
        }

        if (choices.Keys.Any(k => !motionIds.Contains(k)))
        {
            throw new DomainException("Choices", "The ballot names a motion that is not part of this meeting.");
        }

        if (choices.Values.Any(c => !Enum.IsDefined(c)))
        {
            throw new DomainException("Choices", "Each choice must be For, Against or Abstain.");
        }

        var ballot = new SecretBallot { Id = id, MeetingId = meetingId, Channel = channel, ReceiptCode = receiptCode };
        ballot._choices.AddRange(choices.Select(c => new BallotChoice(id, c.Key, c.Value)));
        return ballot;
    }

    /// <summary>
    /// Writes the voter's preferences in one election: candidate ids from first preference down (plurality: the
    /// candidates marked). A paper that marks nobody in the election carries no row for it.
    /// </summary>
    public void Rank(long electionId, IReadOnlyList<long> candidateIdsInOrder)
    {
        ArgumentNullException.ThrowIfNull(candidateIdsInOrder);
        if (_preferences.Any(p => p.ElectionId == electionId))
        {
            throw new DomainException("Elections", "The ballot already holds preferences in this election.");
        }

        if (candidateIdsInOrder.Distinct().Count() != candidateIdsInOrder.Count)
        {
            throw new DomainException("Elections", "A candidate can be given only one preference.");
        }

        var rank = 1;
        foreach (var candidate in candidateIdsInOrder)
        {
            _preferences.Add(new BallotPreference(Id, electionId, candidate, rank++));
        }
    }
}

/// <summary>
/// One preference on a secret ballot: in this election, this candidate was given this number. Like the ballot, it holds
/// nothing that leads to the member (design/voting.md: secret ballot).
/// </summary>
public sealed class BallotPreference
{
    internal BallotPreference(Guid ballotId, long electionId, long candidateId, int rank)
    {
        BallotId = ballotId;
        ElectionId = electionId;
        CandidateId = candidateId;
        Rank = rank;
    }

    private BallotPreference()
    {
    }

    public Guid BallotId { get; private set; }
    public long ElectionId { get; private set; }
    public long CandidateId { get; private set; }

    /// <summary>1 for the first preference; for plurality every mark, numbered in paper order.</summary>
    public int Rank { get; private set; }
}

/// <summary>The choice on one motion in one ballot.</summary>
public sealed class BallotChoice
{
    internal BallotChoice(Guid ballotId, long motionId, VoteChoice choice)
    {
        BallotId = ballotId;
        MotionId = motionId;
        Choice = choice;
    }

    private BallotChoice()
    {
    }

    public Guid BallotId { get; private set; }
    public long MotionId { get; private set; }
    public VoteChoice Choice { get; private set; }
}
