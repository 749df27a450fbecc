using System.Text.RegularExpressions;
using CoopRegister.Domain.Voting.Counting;

namespace CoopRegister.Domain.Tests.Voting;

/// <summary>
/// What an independent counter (Droop) reported for a Scottish STV count, read from its stage-by-stage text report:
/// the quota, the final state after "Action: Count Complete" (each candidate's status and votes, the non-transferable
/// and residual totals) and every tie it broke by lot.
/// </summary>
internal sealed partial class DroopReport
{
    public required Fixed5 Quota { get; init; }

    public required IReadOnlySet<string> Elected { get; init; }

    public required IReadOnlyDictionary<string, Fixed5> FinalVotes { get; init; }

    public required Fixed5 NonTransferable { get; init; }

    public required Fixed5 Residual { get; init; }

    /// <summary>Ties broken by lot: the tied names and the one the lot fell on.</summary>
    public required IReadOnlyList<(IReadOnlyList<string> Tied, string Drawn)> Lots { get; init; }

    public static DroopReport Read(string path, IReadOnlyCollection<string> candidateNames)
    {
        var lines = File.ReadAllLines(path);
        var quota = Fixed5.Zero;
        var lots = new List<(IReadOnlyList<string>, string)>();
        var complete = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var quotaMatch = QuotaLine().Match(lines[i]);
            if (quotaMatch.Success)
            {
                quota = Fixed5.Parse(quotaMatch.Groups[1].Value);
            }

            var lot = LotLine().Match(lines[i]);
            if (lot.Success)
            {
                lots.Add((lot.Groups[1].Value.Split(", "), lot.Groups[2].Value));
            }

            if (lines[i] == "Action: Count Complete")
            {
                complete = i;
            }
        }

        Assert.True(complete >= 0, $"{path} has no 'Action: Count Complete' block.");
        var elected = new HashSet<string>(StringComparer.Ordinal);
        var votes = new Dictionary<string, Fixed5>(StringComparer.Ordinal);
        var nonTransferable = Fixed5.Zero;
        var residual = Fixed5.Zero;
        for (var i = complete + 1; i < lines.Length && lines[i].StartsWith('\t'); i++)
        {
            var status = StatusLine().Match(lines[i]);
            if (status.Success)
            {
                var value = Fixed5.Parse(status.Groups[3].Value);
                foreach (var name in SplitNames(status.Groups[2].Value, candidateNames))
                {
                    votes[name] = value;
                    if (status.Groups[1].Value == "Elected")
                    {
                        elected.Add(name);
                    }
                }

                continue;
            }

            var total = TotalLine().Match(lines[i]);
            if (total.Success && total.Groups[1].Value == "Nontransferable votes")
            {
                nonTransferable = Fixed5.Parse(total.Groups[2].Value);
            }
            else if (total.Success && total.Groups[1].Value == "Residual")
            {
                residual = Fixed5.Parse(total.Groups[2].Value);
            }
        }

        return new DroopReport
        {
            Quota = quota,
            Elected = elected,
            FinalVotes = votes,
            NonTransferable = nonTransferable,
            Residual = residual,
            Lots = lots,
        };
    }

    /// <summary>Droop lists candidates with equal votes on one line, "A, B (0.00000)"; a name may itself hold ", ".</summary>
    private static IEnumerable<string> SplitNames(string list, IReadOnlyCollection<string> candidateNames)
    {
        if (candidateNames.Contains(list))
        {
            return [list];
        }

        var parts = list.Split(", ");
        Assert.All(parts, p => Assert.Contains(p, candidateNames));
        return parts;
    }

    [GeneratedRegex(@"^\tQuota: ([0-9.]+)$")]
    private static partial Regex QuotaLine();

    [GeneratedRegex(@"^Action: Break tie by lot \([^)]*\): \[(.*)\] -> (.*)$")]
    private static partial Regex LotLine();

    [GeneratedRegex(@"^\t(Elected|Defeated|Hopeful|Pending):\s+(.*) \(([0-9.]+)\)$")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^\t([A-Za-z ]+): ([0-9.]+)$")]
    private static partial Regex TotalLine();
}
