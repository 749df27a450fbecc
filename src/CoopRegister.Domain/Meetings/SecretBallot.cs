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

    private SecretBallot()
    {
    }

    public Guid Id { get; private set; }
    public long MeetingId { get; private set; }
    public VotingChannel Channel { get; private set; }

    /// <summary>"K7QX-9M2D-P4RT": random, unique within the meeting.</summary>
    public string ReceiptCode { get; private set; } = "";

    public IReadOnlyList<BallotChoice> Choices => _choices;

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
