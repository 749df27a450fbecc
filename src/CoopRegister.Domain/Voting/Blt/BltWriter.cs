using System.Globalization;
using System.Text;
using CoopRegister.Domain.Voting.Counting;

namespace CoopRegister.Domain.Voting.Blt;

/// <summary>
/// Writes a contest as a BLT file in the plain form every STV counter reads (voting.md: every result is reproducible,
/// and files load in other counters): numbers separated by single spaces, candidates numbered from 1, withdrawn
/// candidates on their own line, shared preferences as <c>2=5</c>, every name and the title in double quotes with
/// inner quotes doubled, and a party as a second quoted string. Ballots are written in the order and with the weights
/// given, so that a file read and written again is unchanged.
/// </summary>
public static class BltWriter
{
    public static void Write(Contest contest, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(contest);
        ArgumentNullException.ThrowIfNull(writer);
        var line = new StringBuilder();
        writer.Write(Number(contest.Candidates.Count));
        writer.Write(' ');
        writer.Write(Number(contest.Seats));
        writer.Write('\n');
        if (contest.Withdrawn.Count > 0)
        {
            writer.Write(string.Join(' ', contest.Withdrawn.Select(w => "-" + Number(w + 1))));
            writer.Write('\n');
        }

        foreach (var ballot in contest.Ballots)
        {
            line.Clear();
            line.Append(ballot.Weight.ToString(CultureInfo.InvariantCulture));
            for (var level = 0; level < ballot.LevelCount; level++)
            {
                line.Append(' ');
                var marked = ballot.Level(level);
                for (var i = 0; i < marked.Length; i++)
                {
                    if (i > 0)
                    {
                        line.Append('=');
                    }

                    line.Append(Number(marked[i] + 1));
                }
            }

            line.Append(" 0\n");
            writer.Write(line.ToString());
        }

        writer.Write("0\n");
        foreach (var candidate in contest.Candidates)
        {
            writer.Write(Quote(candidate.Name));
            if (candidate.Party is { } party)
            {
                writer.Write(' ');
                writer.Write(Quote(party));
            }

            writer.Write('\n');
        }

        writer.Write(Quote(contest.Title));
        writer.Write('\n');
    }

    public static string ToText(Contest contest)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(contest, writer);
        return writer.ToString();
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Quotes doubled; a line break in a title (names cannot hold one) becomes a space so the file keeps its shape.</summary>
    private static string Quote(string text) =>
        "\"" + new string(text.Select(ch => char.IsControl(ch) ? ' ' : ch).ToArray()).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
