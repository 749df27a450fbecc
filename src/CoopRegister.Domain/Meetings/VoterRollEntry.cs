namespace CoopRegister.Domain.Meetings;

/// <summary>
/// One member on a meeting's voter roll: the snapshot of the register under the meeting's eligibility rule. It records
/// only <em>that</em> the member voted and by which channel, never how, and never when (design/voting.md: the table
/// that records that a member voted holds no link to how they voted).
/// </summary>
public sealed class VoterRollEntry
{
    private VoterRollEntry()
    {
    }

    public long Id { get; private set; }
    public long MeetingId { get; private set; }
    public long MemberId { get; private set; }

    /// <summary>The section the member belongs to; set when the meeting has one section, otherwise when the member attends one.</summary>
    public long? SectionId { get; private set; }

    /// <summary>Null until the member votes; the database lets it be set once (see the vote's conditional update).</summary>
    public VotingChannel? VotedBy { get; private set; }

    public static VoterRollEntry Of(long meetingId, long memberId, long? sectionId) => new() { MeetingId = meetingId, MemberId = memberId, SectionId = sectionId };
}
