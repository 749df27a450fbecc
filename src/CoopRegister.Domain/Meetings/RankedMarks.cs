using System.Globalization;

namespace CoopRegister.Domain.Meetings;

/// <summary>A candidate as the ballot paper lists them: the id the marks use and the name the messages use.</summary>
public sealed record PaperCandidate(long Id, string Name);

/// <summary>
/// Reads what a member marked for one election on an online ballot: a number against each candidate they rank. Online
/// the paper is checked before it is accepted, so that a member is told and can correct it rather than lose a
/// preference:
/// <list type="bullet">
/// <item>Scottish STV: the numbers must run 1, 2, 3… with no number given twice and none missing. On a paper ballot a
/// repeated number stops the count at it and preferences after a missing number are not counted (SSI 2007/42 Sch.1:
/// a paper is transferred to the next <em>available</em> preference, and a paper whose first preference is unclear is
/// rejected); online the member is asked to fix the paper instead.</item>
/// <item>Plurality: at most as many marks as seats (design/voting.md: more than N is invalid for the contest), so a
/// member is refused rather than have their paper rejected at the count.</item>
/// </list>
/// Leaving every candidate unmarked is allowed: the member takes no part in that election, as a blank paper.
/// </summary>
public static class RankedMarks
{
    /// <summary>What is wrong with the marks, as sentences for the member; empty when they can be cast.</summary>
    public static IReadOnlyList<string> Problems(ElectionMethod method, int seats, IReadOnlyList<PaperCandidate> standing, IReadOnlyDictionary<long, int> numbers)
    {
        ArgumentNullException.ThrowIfNull(standing);
        ArgumentNullException.ThrowIfNull(numbers);
        var problems = new List<string>();
        var byId = standing.ToDictionary(c => c.Id);
        if (numbers.Keys.Any(k => !byId.ContainsKey(k)))
        {
            problems.Add("The paper marks someone who is not standing in this election.");
            return problems;
        }

        if (method == ElectionMethod.Plurality)
        {
            if (numbers.Count > seats)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"You marked {numbers.Count} candidates; vote for at most {seats} (there {(seats == 1 ? "is 1 seat" : $"are {seats} seats")}). A paper with more marks than seats would not be counted."));
            }

            return problems;
        }

        if (numbers.Values.Any(n => n < 1))
        {
            problems.Add("Preferences are numbered from 1: put 1 against your first choice, 2 against your second, and so on.");
            return problems;
        }

        foreach (var repeated in numbers.GroupBy(kv => kv.Value).Where(g => g.Count() > 1).OrderBy(g => g.Key))
        {
            var names = repeated.Select(kv => byId[kv.Key]).OrderBy(c => standing.ToList().IndexOf(c)).Select(c => c.Name).ToList();
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"You gave {repeated.Key} to {Join(names)}. Give each number once: a repeated number would stop your vote being counted from that preference on."));
        }

        var used = numbers.Values.Distinct().Order().ToList();
        var missing = Enumerable.Range(1, used.Count == 0 ? 0 : used[^1]).Where(n => !used.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"Your numbers skip {Join(missing.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList())}. Number your choices 1, 2, 3… without a gap: preferences after a missing number would not be counted."));
        }

        return problems;
    }

    /// <summary>The candidates in preference order (plurality: in paper order), or a refusal naming the election and the fault.</summary>
    public static IReadOnlyList<long> Read(string field, string title, ElectionMethod method, int seats, IReadOnlyList<PaperCandidate> standing, IReadOnlyDictionary<long, int> numbers)
    {
        var problems = Problems(method, seats, standing, numbers);
        if (problems.Count > 0)
        {
            throw new DomainException(problems.Select(p => new RuleViolation(field, $"{title}: {p}")).ToList());
        }

        return method == ElectionMethod.Plurality
            ? standing.Where(c => numbers.ContainsKey(c.Id)).Select(c => c.Id).ToList()
            : numbers.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToList();
    }

    private static string Join(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];
}
