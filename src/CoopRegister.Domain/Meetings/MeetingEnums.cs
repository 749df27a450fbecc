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
}
