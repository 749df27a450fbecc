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

    /// <summary>The section the member attended in person; null until a teller marks them present (one section only).</summary>
    public long? AttendedSectionId { get; private set; }

    /// <summary>The section the member said in the portal, before the meeting, that they will attend; null when they have not said.</summary>
    public long? ChosenSectionId { get; private set; }

    /// <summary>
    /// The member chooses, before the meeting, the one section they will attend (domain rule 53). They may change their
    /// mind until the section they leave or the one they choose has sat, and not after being marked present. The choice
    /// does not bind them: a teller may still admit them at another section, which the record then shows.
    /// </summary>
    public void ChooseSection(MeetingSection section, IReadOnlyList<MeetingSection> sections, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(sections);
        if (AttendedSectionId is not null)
        {
            throw new DomainException("Section", "You have already been marked present at a section; a member attends one section only.");
        }

        if (today >= section.Date)
        {
            throw new DomainException("Section", $"{section.Name} sits on {section.Date:yyyy-MM-dd}; choose a section before the day it sits.");
        }

        if (ChosenSectionId is { } chosen && chosen != section.Id && sections.FirstOrDefault(s => s.Id == chosen) is { } current && today >= current.Date)
        {
            throw new DomainException("Section", $"You chose {current.Name}, which sat on {current.Date:yyyy-MM-dd}; the choice can no longer be changed.");
        }

        ChosenSectionId = section.Id;
    }

    public static VoterRollEntry Of(long meetingId, long memberId, long? sectionId) => new() { MeetingId = meetingId, MemberId = memberId, SectionId = sectionId };

    /// <summary>
    /// A teller marks the member present at a section (domain rule 53: one section only). A member who has not voted
    /// is issued a paper ballot, which is their vote (channel InPerson). A member who voted online keeps that vote
    /// under the meeting's <see cref="VotePrecedence"/>: the result says which vote counts.
    /// </summary>
    public AttendanceOutcome Attend(MeetingSection section, VotePrecedence precedence, Func<long, string> sectionName)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(sectionName);
        if (AttendedSectionId is { } attended)
        {
            throw new DomainException("Section", attended == section.Id
                ? $"This member is already marked present at {section.Name}."
                : $"This member is already marked present at {sectionName(attended)}; a member attends and votes at one section only.");
        }

        if (VotedBy == VotingChannel.Online && precedence == VotePrecedence.OnlineVoterNotAdmitted)
        {
            throw new DomainException("Member", "This member has already voted online; under this meeting's rule a member who voted online is not marked present. Their online vote counts.");
        }

        AttendedSectionId = section.Id;
        SectionId = section.Id;
        if (VotedBy is null)
        {
            VotedBy = VotingChannel.InPerson;
            return AttendanceOutcome.PaperIssued;
        }

        return AttendanceOutcome.OnlineVoteCounts;
    }
}

/// <summary>What marking a member present did.</summary>
public enum AttendanceOutcome
{
    /// <summary>The member had not voted: a paper ballot is issued and their vote is cast on it.</summary>
    PaperIssued,

    /// <summary>The member had voted online: that vote counts and no paper is issued.</summary>
    OnlineVoteCounts,
}
