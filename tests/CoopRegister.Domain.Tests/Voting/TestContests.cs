using System.Globalization;
using CoopRegister.Domain.Voting.Counting;

namespace CoopRegister.Domain.Tests.Voting;

/// <summary>Small contests written the way a returning officer would jot them down: "3 A B C" is three papers A, B, C.</summary>
internal static class TestContests
{
    /// <summary>
    /// <paramref name="candidates"/> is one letter per candidate ("ABCD"); each ballot is "weight pref pref ...", where a
    /// preference may share its number with others ("A=B"). Letters in <paramref name="withdrawn"/> have withdrawn.
    /// </summary>
    public static Contest Make(string candidates, int seats, IEnumerable<string> ballots, string withdrawn = "")
    {
        var names = candidates.Select(c => new Candidate(c.ToString())).ToArray();
        var parsed = ballots.Select(b => Ballot(candidates, b)).ToArray();
        return new Contest("Test", names, seats, parsed, withdrawn.Select(c => candidates.IndexOf(c, StringComparison.Ordinal)));
    }

    public static Ballot Ballot(string candidates, string spec)
    {
        var parts = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var weight = long.Parse(parts[0], CultureInfo.InvariantCulture);
        var levels = parts.Skip(1)
            .Select(level => (IReadOnlyCollection<int>)level.Split('=').Select(c => candidates.IndexOf(c, StringComparison.Ordinal)).ToArray());
        return CoopRegister.Domain.Voting.Counting.Ballot.WithLevels(weight, levels);
    }

    public static int Index(this CountResult result, string name) =>
        result.Candidates.Select((c, i) => (c.Name, i)).Single(x => x.Name == name).i;

    public static Fixed5 VotesAt(this CountResult result, int stage, string name) => result.Stages[stage - 1].Votes[result.Index(name)];

    public static Fixed5 F(string value) => Fixed5.Parse(value);
}
