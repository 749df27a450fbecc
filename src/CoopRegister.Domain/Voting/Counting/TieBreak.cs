namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// A tie met during the count and how it was broken: the stage it blocked, the tied candidates, the one chosen (whose
/// surplus goes first, who is excluded, or who takes the last seat) and, when earlier votes decided it, the stage whose
/// votes did.
/// </summary>
public sealed record TieBreak(int Stage, TieKind Kind, IReadOnlyList<int> Tied, int Chosen, TieResolution ResolvedBy, int? DecidingStage);
