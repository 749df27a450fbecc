namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// Papers not counted, by reason, so the result reconciles with the papers returned (voting.md: totals vs valid
/// ballots) and the returning officer can state the rejections by head.
/// </summary>
public sealed record RejectedPapers(string Reason, long Papers);
