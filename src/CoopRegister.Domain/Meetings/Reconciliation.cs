namespace CoopRegister.Domain.Meetings;

/// <summary>The paper figures of one section at the close: the roll's marks there and the accepted batches' totals.</summary>
public sealed record SectionFigures(string Name, long PapersIssued, long ValidPapers, long SpoiltPapers, IReadOnlyDictionary<long, MotionTally> Motions);

/// <summary>One check of the reconciliation: what the figures should be and what they are.</summary>
public sealed record ReconciliationLine(string Scope, string Check, long Expected, long Actual)
{
    public bool Balances => Expected == Actual;
}

/// <summary>
/// The reconciliation at the close (design/voting.md: "papers issued vs returned, roll marks vs ballots, totals vs
/// valid ballots"), per section and combined. Papers issued are the members marked present who were issued a paper;
/// returned papers are the valid and spoilt papers in accepted batches. A motion's total may fall short of the valid
/// ballots when papers were left blank on it, which is a difference the tellers must explain like any other.
/// </summary>
public sealed class Reconciliation
{
    public const int NoteMax = 2000;

    private Reconciliation(IReadOnlyList<ReconciliationLine> lines) => Lines = lines;

    public IReadOnlyList<ReconciliationLine> Lines { get; }

    public bool Balances => Lines.All(l => l.Balances);

    public IEnumerable<ReconciliationLine> Differences => Lines.Where(l => !l.Balances);

    public static Reconciliation Of(IReadOnlyList<Motion> motions, IReadOnlyList<SectionFigures> sections, long onlineMarks, long onlineBallots, IReadOnlyDictionary<long, MotionTally> online)
    {
        ArgumentNullException.ThrowIfNull(motions);
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(online);
        var ordered = motions.OrderBy(m => m.Number).ToList();
        var lines = new List<ReconciliationLine>();
        static long Sum(IReadOnlyDictionary<long, MotionTally> t, long id) => t.TryGetValue(id, out var x) ? x.For + x.Against + x.Abstain : 0;

        foreach (var s in sections)
        {
            lines.Add(new ReconciliationLine(s.Name, "Papers issued vs returned (valid + spoilt)", s.PapersIssued, s.ValidPapers + s.SpoiltPapers));
            lines.AddRange(ordered.Select(m => new ReconciliationLine(s.Name, $"Motion {m.Number}: valid papers vs for + against + abstain", s.ValidPapers, Sum(s.Motions, m.Id))));
        }

        lines.Add(new ReconciliationLine("Online", "Roll marks (online and by proxy) vs secret ballots (online and by proxy)", onlineMarks, onlineBallots));
        var issued = sections.Sum(s => s.PapersIssued);
        var returned = sections.Sum(s => s.ValidPapers + s.SpoiltPapers);
        var valid = onlineBallots + sections.Sum(s => s.ValidPapers);
        lines.Add(new ReconciliationLine("Combined", "Papers issued vs returned (valid + spoilt)", issued, returned));
        lines.Add(new ReconciliationLine("Combined", "Roll marks vs ballots (online + paper, valid + spoilt)", onlineMarks + issued, onlineBallots + returned));
        lines.AddRange(ordered.Select(m => new ReconciliationLine("Combined", $"Motion {m.Number}: valid ballots vs for + against + abstain", valid,
            Sum(online, m.Id) + sections.Sum(s => Sum(s.Motions, m.Id)))));
        return new Reconciliation(lines);
    }

    /// <summary>The differences in words, for the count's record and the audit trail.</summary>
    public string DescribeDifferences()
    {
        var text = string.Join("; ", Differences.Select(d => $"{d.Scope}: {d.Check}: expected {d.Expected}, found {d.Actual}"));
        return text.Length <= NoteMax ? text : text[..(NoteMax - 1)] + "…";
    }
}
