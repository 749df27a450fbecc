namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// Where a candidate stands at the end of a stage. "Hopeful" is a continuing candidate in the Order's words (neither
/// elected nor excluded); only continuing candidates receive transferred papers (SSI 2007/42 art.2).
/// </summary>
public enum CandidateStatus
{
    Hopeful,
    Elected,
    Excluded,
    Withdrawn,

    /// <summary>Still continuing when every seat was filled, so never excluded but not elected.</summary>
    NotElected,
}
