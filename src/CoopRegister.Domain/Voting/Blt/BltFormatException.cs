using static System.FormattableString;

namespace CoopRegister.Domain.Voting.Blt;

/// <summary>
/// A BLT file that cannot be read, with the line and column (both counted from 1) of the first problem, so that whoever
/// prepared the file can find and fix it (quality.md: uploads are rejected with line and column).
/// </summary>
public sealed class BltFormatException : DomainException
{
    public BltFormatException(int line, int column, string problem)
        : base(null, Invariant($"BLT file, line {line}, column {column}: {problem}"))
    {
        Line = line;
        Column = column;
        Problem = problem;
    }

    public BltFormatException()
        : this(1, 1, "the file could not be read.")
    {
    }

    public BltFormatException(string message)
        : this(1, 1, message)
    {
    }

    public BltFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Line = 1;
        Column = 1;
        Problem = message;
    }

    public int Line { get; }

    public int Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }
}
