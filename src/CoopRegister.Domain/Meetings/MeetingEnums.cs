namespace CoopRegister.Domain.Meetings;

public enum MeetingKind
{
    /// <summary>The annual general meeting every society holds (domain rule 39).</summary>
    Annual,

    /// <summary>Any other general meeting.</summary>
    Special,
}

/// <summary>Where a meeting is in its life: each step is taken once, in order.</summary>
public enum MeetingStatus
{
    /// <summary>Details, sections, motions and the voter roll are being prepared.</summary>
    Preparing,

    /// <summary>Members on the roll may vote online during the voting window.</summary>
    VotingOpen,

    /// <summary>No more votes are taken; the ballots may be counted.</summary>
    VotingClosed,

    /// <summary>Each motion has been counted; the returning officer may declare.</summary>
    Counted,

    /// <summary>The returning officer has declared the results; members may see them.</summary>
    Declared,
}

/// <summary>How a member on the roll voted (the roll records only that, never how).</summary>
public enum VotingChannel
{
    Online,

    /// <summary>Attended a section in person and was issued a paper ballot there.</summary>
    InPerson,

    /// <summary>Represented by a proxy whose holder was present: the proxy's ballot was cast at the count.</summary>
    Proxy,
}

/// <summary>
/// What happens when a member who has already voted online attends a section in person (design/voting.md: "the
/// precedence rule is explicit and audited"). The online ballot is secret and cannot be traced back to the member, so
/// it can never be withdrawn: the first vote is the one that counts, and the choice is only whether the member is
/// admitted as present.
/// </summary>
public enum VotePrecedence
{
    /// <summary>The online vote counts; the member is marked present (and counts towards the quorum) but is issued no paper.</summary>
    OnlineVoteCounts,

    /// <summary>The online vote counts and the member is not marked present: their online vote was their participation.</summary>
    OnlineVoterNotAdmitted,
}

/// <summary>A voter's choice on one motion.</summary>
public enum VoteChoice
{
    For,
    Against,
    Abstain,
}

public static class MeetingDescriptions
{
    public static string Describe(this MeetingKind kind) => kind == MeetingKind.Annual ? "Annual general meeting" : "Special general meeting";

    public static string Describe(this MeetingStatus status) => status switch
    {
        MeetingStatus.Preparing => "Preparing",
        MeetingStatus.VotingOpen => "Voting open",
        MeetingStatus.VotingClosed => "Voting closed",
        MeetingStatus.Counted => "Counted",
        MeetingStatus.Declared => "Results declared",
        _ => status.ToString(),
    };

    public static string Describe(this VotePrecedence precedence) => precedence == VotePrecedence.OnlineVoteCounts
        ? "a member who voted online and then attends is marked present and issued no paper: the online vote counts"
        : "a member who voted online is not marked present if they attend: the online vote counts";
}
