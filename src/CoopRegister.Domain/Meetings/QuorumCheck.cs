namespace CoopRegister.Domain.Meetings;

/// <summary>
/// The quorum as tested at a section, from the attendance marked on the roll: when the section opens, and (when the
/// meeting's rule says so) before each motion is put to the vote (design/voting.md: "store whether it is checked at the
/// start or at each vote"). Each test is kept, so the minutes can show the meeting was quorate when it acted.
/// </summary>
public sealed class QuorumCheck
{
    public const int TellerMax = 256;

    private QuorumCheck()
    {
    }

    public long Id { get; private set; }
    public long MeetingId { get; private set; }
    public long SectionId { get; private set; }

    /// <summary>Null for the test when the section opens; otherwise the motion about to be put to the vote.</summary>
    public int? MotionNumber { get; private set; }

    public long PresentInPerson { get; private set; }
    public long PresentByProxy { get; private set; }
    public long Required { get; private set; }
    public bool Met { get; private set; }
    public DateTime TestedAt { get; private set; }
    public string TestedBy { get; private set; } = "";

    /// <summary>Tests the meeting's stored quorum rule against those present at the section now.</summary>
    public static QuorumCheck Test(Meeting meeting, MeetingSection section, int? motionNumber, long presentInPerson, long presentByProxy, string tellerName, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(section);
        meeting.RequireSitting("test the quorum");
        if (motionNumber is { } n)
        {
            if (meeting.Quorum.TestedAt != QuorumTest.AtEachVote)
            {
                throw new DomainException("Motion", "This meeting's quorum rule is tested when the meeting opens, not at each vote.");
            }

            if (meeting.Motions.All(m => m.Number != n))
            {
                throw new DomainException("Motion", $"There is no motion {n} in this meeting.");
            }
        }

        return new QuorumCheck
        {
            MeetingId = meeting.Id, SectionId = section.Id, MotionNumber = motionNumber, PresentInPerson = presentInPerson, PresentByProxy = presentByProxy,
            Required = meeting.Quorum.Required(meeting.RollSize), Met = meeting.Quorum.IsMet(presentInPerson, presentByProxy, meeting.RollSize),
            TestedAt = nowUtc, TestedBy = tellerName.Length <= TellerMax ? tellerName : tellerName[..TellerMax],
        };
    }
}
