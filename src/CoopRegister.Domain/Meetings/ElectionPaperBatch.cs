using System.Globalization;
using CoopRegister.Domain.Voting.Counting;

namespace CoopRegister.Domain.Meetings;

/// <summary>
/// What a teller keys for a batch of paper ballots in one election: each valid paper as the marks written against the
/// candidates in paper order, separated by commas ("2,1,,3": nothing against the third candidate), and each spoilt paper
/// with its reason. Papers are kept one by one because a ranked paper cannot be reduced to totals.
/// </summary>
public sealed record ElectionPaperCount(IReadOnlyList<string> Papers, IReadOnlyList<string> SpoiltReasons)
{
    public const int MaxPapers = 10_000;
    public const int MaxNumber = 999;

    public IReadOnlyList<RuleViolation> Validate(Election election)
    {
        ArgumentNullException.ThrowIfNull(election);
        var errors = new List<RuleViolation>();
        if (Papers.Count > MaxPapers || SpoiltReasons.Count > MaxPapers)
        {
            errors.Add(new RuleViolation(nameof(Papers), $"A batch holds at most {MaxPapers:N0} valid and {MaxPapers:N0} spoilt papers; split a larger pile into batches."));
            return errors;
        }

        if (Papers.Count + SpoiltReasons.Count == 0)
        {
            errors.Add(new RuleViolation(nameof(Papers), "A batch needs at least one paper, valid or spoilt."));
        }

        for (var i = 0; i < Papers.Count && errors.Count < 10; i++)
        {
            if (Problem(election, Papers[i]) is { } problem)
            {
                errors.Add(new RuleViolation(nameof(Papers), string.Create(CultureInfo.InvariantCulture, $"Paper {i + 1} (\"{Papers[i]}\"): {problem}")));
            }
        }

        if (SpoiltReasons.Any(r => (r ?? "").Trim().Length is 0 or > SpoiltPaper.ReasonMax))
        {
            errors.Add(new RuleViolation(nameof(SpoiltReasons), $"Give each spoilt paper's reason in 1 to {SpoiltPaper.ReasonMax} characters (for example \"blank\" or \"signed by the voter\")."));
        }

        return errors;
    }

    /// <summary>"2, 1, ,3" → "2,1,,3"; plurality marks ("x", "X", "1", "✓") become "x".</summary>
    public static string Normalise(ElectionMethod method, string paper) =>
        string.Join(",", (paper ?? "").Split(',').Select(f => f.Trim()).Select(f => f.Length == 0 ? "" : method == ElectionMethod.Plurality ? "x" : f.TrimStart('0')));

    private static string? Problem(Election election, string paper)
    {
        var fields = (paper ?? "").Split(',').Select(f => f.Trim()).ToList();
        var n = election.Candidates.Count;
        if (fields.Count != n)
        {
            return string.Create(CultureInfo.InvariantCulture, $"give a mark or nothing for each of the {n} candidates, in paper order, separated by commas (for example \"{string.Join(",", Enumerable.Range(0, n).Select(i => i < 2 ? (2 - i).ToString(CultureInfo.InvariantCulture) : ""))}\"); it has {fields.Count}.");
        }

        if (fields.All(f => f.Length == 0))
        {
            return "it has no mark; record it as spoilt with its reason (for example \"blank\").";
        }

        if (election.Method == ElectionMethod.Plurality)
        {
            return fields.Any(f => f.Length > 0 && f is not ("x" or "X" or "1" or "✓")) ? "mark a candidate with x (or 1), or leave it empty." : null;
        }

        if (fields.Any(f => f.Length > 0 && !(int.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v is >= 1 and <= MaxNumber)))
        {
            return string.Create(CultureInfo.InvariantCulture, $"each mark is a preference number from 1 to {MaxNumber}, or nothing.");
        }

        return fields.Any(f => f.Length > 0 && int.Parse(f, CultureInfo.InvariantCulture) == 1)
            ? null
            : "it has no first preference (no 1); record it as spoilt with that reason.";
    }

    /// <summary>
    /// The paper as the count reads it (SSI 2007/42 Sch.1): the candidates given 1, then 2, and so on, stopping at the
    /// first missing number, so that preferences after a gap are not counted; a number given to two candidates is kept as
    /// one shared level, which the count cannot transfer past (and rejects when it is the first). Withdrawn candidates
    /// stay in the paper and the count passes over them. Plurality: every candidate marked, in paper order.
    /// </summary>
    public static Ballot ToBallot(ElectionMethod method, string normalised)
    {
        var fields = (normalised ?? "").Split(',');
        if (method == ElectionMethod.Plurality)
        {
            return new Ballot(1, fields.Select((f, i) => (f, i)).Where(x => x.f.Length > 0).Select(x => x.i).ToArray());
        }

        var byNumber = fields.Select((f, i) => (f, i)).Where(x => x.f.Length > 0)
            .GroupBy(x => int.Parse(x.f, CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToList());
        var levels = new List<IReadOnlyCollection<int>>();
        for (var number = 1; byNumber.TryGetValue(number, out var level); number++)
        {
            levels.Add(level);
        }

        return levels.All(l => l.Count == 1) ? new Ballot(1, levels.Select(l => l.First()).ToArray()) : Ballot.WithLevels(1, levels);
    }
}

/// <summary>
/// A batch of paper ballots in one election, from one section. One teller keys it; a different teller keys the same
/// papers again without seeing the first keying, and only when both agree (the same papers, in any order, and the same
/// number of spoilt papers) is the batch accepted and counted (design/voting.md: a second teller's check).
/// </summary>
public sealed class ElectionPaperBatch
{
    private readonly List<ElectionPaperEntry> _papers = [];

    private ElectionPaperBatch()
    {
    }

    public long Id { get; private set; }
    public long MeetingId { get; private set; }
    public long ElectionId { get; private set; }
    public long SectionId { get; private set; }

    /// <summary>The batch's number within the election, from 1.</summary>
    public int Number { get; private set; }

    public PaperBatchStatus Status { get; private set; }
    public string KeyedById { get; private set; } = "";
    public string KeyedByName { get; private set; } = "";
    public DateTime KeyedAt { get; private set; }
    public string? CheckedById { get; private set; }
    public string? CheckedByName { get; private set; }
    public DateTime? CheckedAt { get; private set; }

    public IReadOnlyList<ElectionPaperEntry> Papers => _papers;

    public bool IsAccepted => Status == PaperBatchStatus.Accepted;

    public IEnumerable<ElectionPaperEntry> Valid => _papers.Where(p => p.SpoiltReason is null);

    public IEnumerable<ElectionPaperEntry> Spoilt => _papers.Where(p => p.SpoiltReason is not null);

    public static ElectionPaperBatch Key(Meeting meeting, Election election, MeetingSection section, int number, ElectionPaperCount count, Teller keyer, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(count);
        ArgumentNullException.ThrowIfNull(keyer);
        meeting.RequireSitting("key paper ballots");
        var errors = count.Validate(election);
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        var batch = new ElectionPaperBatch
        {
            MeetingId = meeting.Id, ElectionId = election.Id, SectionId = section.Id, Number = number, Status = PaperBatchStatus.Keyed,
            KeyedById = keyer.Id, KeyedByName = keyer.Name, KeyedAt = nowUtc,
        };
        var n = 1;
        foreach (var paper in count.Papers)
        {
            batch._papers.Add(new ElectionPaperEntry(n++, ElectionPaperCount.Normalise(election.Method, paper), null));
        }

        foreach (var reason in count.SpoiltReasons)
        {
            batch._papers.Add(new ElectionPaperEntry(n++, "", reason.Trim()));
        }

        return batch;
    }

    /// <summary>A second teller's re-keying; the differences are returned and the batch is accepted only when there are none.</summary>
    public IReadOnlyList<string> Check(Election election, ElectionPaperCount recount, Teller checker, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(recount);
        ArgumentNullException.ThrowIfNull(checker);
        if (IsAccepted)
        {
            throw new DomainException("Batch", $"Batch {Number} was already checked and accepted by {CheckedByName}.");
        }

        if (string.Equals(checker.Id, KeyedById, StringComparison.Ordinal))
        {
            throw new DomainException("Batch", $"You keyed batch {Number}; a different teller must check it (a second teller's check).");
        }

        var errors = recount.Validate(election);
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        var differences = new List<string>();
        var keyed = Valid.Select(p => p.Marks).Order(StringComparer.Ordinal).ToList();
        var checkedPapers = recount.Papers.Select(p => ElectionPaperCount.Normalise(election.Method, p)).Order(StringComparer.Ordinal).ToList();
        if (keyed.Count != checkedPapers.Count)
        {
            differences.Add($"Valid papers: keyed {keyed.Count}, checked {checkedPapers.Count}.");
        }

        var onlyKeyed = Except(keyed, checkedPapers);
        var onlyChecked = Except(checkedPapers, keyed);
        if (onlyKeyed.Count + onlyChecked.Count > 0)
        {
            differences.Add($"Papers that differ: keyed only {Describe(onlyKeyed)}; checked only {Describe(onlyChecked)}.");
        }

        if (Spoilt.Count() != recount.SpoiltReasons.Count)
        {
            differences.Add($"Spoilt papers: keyed {Spoilt.Count()}, checked {recount.SpoiltReasons.Count}.");
        }

        if (differences.Count == 0)
        {
            Status = PaperBatchStatus.Accepted;
            CheckedById = checker.Id;
            CheckedByName = checker.Name;
            CheckedAt = nowUtc;
        }

        return differences;
    }

    private static List<string> Except(List<string> a, List<string> b)
    {
        var rest = b.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var left = new List<string>();
        foreach (var x in a)
        {
            if (rest.TryGetValue(x, out var c) && c > 0)
            {
                rest[x] = c - 1;
            }
            else
            {
                left.Add(x);
            }
        }

        return left;
    }

    private static string Describe(List<string> papers) => papers.Count == 0 ? "none" : string.Join(" | ", papers.Take(5).Select(p => $"\"{p}\"")) + (papers.Count > 5 ? $" and {papers.Count - 5} more" : "");
}

/// <summary>One paper in a batch: its marks in paper order ("2,1,,3"), or the reason it was spoilt.</summary>
public sealed class ElectionPaperEntry
{
    public const int MarksMax = 2000;

    internal ElectionPaperEntry(int number, string marks, string? spoiltReason)
    {
        Number = number;
        Marks = marks;
        SpoiltReason = spoiltReason;
    }

    private ElectionPaperEntry()
    {
    }

    public long BatchId { get; private set; }

    /// <summary>The paper's place in the batch as keyed, from 1.</summary>
    public int Number { get; private set; }

    public string Marks { get; private set; } = "";
    public string? SpoiltReason { get; private set; }
}
