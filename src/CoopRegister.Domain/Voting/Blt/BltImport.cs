using CoopRegister.Domain.Voting.Counting;

namespace CoopRegister.Domain.Voting.Blt;

/// <summary>
/// A BLT file read into a contest, with notes on anything the reader had to repair (a file that was not valid UTF-8,
/// a name that had been encoded twice) so the returning officer can check the names before the count is published.
/// </summary>
public sealed record BltImport(Contest Contest, IReadOnlyList<string> Warnings);
