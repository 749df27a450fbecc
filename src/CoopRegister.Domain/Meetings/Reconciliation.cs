namespace CoopRegister.Domain.Meetings;

/// <summary>The paper figures of one section at the close: the roll's marks there and the accepted batches' totals.</summary>
public sealed record SectionFigures(string Name, long PapersIssued, long ValidPapers, long SpoiltPapers, IReadOnlyDictionary<long, MotionTally> Motions);

/// <summary>One election's papers from one section: the papers issued there and those counted in the election's accepted batches.</summary>
public sealed record ElectionSectionPapers(string Section, long PapersIssued, long ValidPapers, long SpoiltPapers);

/// <summary>An election's paper figures at the close, section by section.</summary>
public sealed record ElectionPaperFigures(int Number, IReadOnlyList<ElectionSectionPapers> Sections);

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
/// Each election is on every paper issued, and a paper left blank in it is keyed as spoilt with that reason, so at each
/// section the papers counted in the election's accepted batches (valid + spoilt) must equal the papers issued there.
/// </summary>
public sealed class Reconciliation
{
    public const int NoteMax = 2000;

    private Reconciliation(IReadOnlyList<ReconciliationLine> lines) => Lines = lines;

    public IReadOnlyList<ReconciliationLine> Lines { get; }

    public bool Balances => Lines.All(l => l.Balances);

    public IEnumerable<ReconciliationLine> Differences => Lines.Where(l => !l.Balances);

    public static Reconciliation Of(IReadOnlyList<Motion> motions, IReadOnlyList<SectionFigures> sections, long onlineMarks, long onlineBallots, IReadOnlyDictionary<long, MotionTally> online,
        IReadOnlyList<ElectionPaperFigures>? elections = null)
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
        foreach (var e in (elections ?? []).OrderBy(e => e.Number))
        {
            const string Check = "papers issued vs returned (valid + spoilt)";
            lines.AddRange(e.Sections.Select(s => new ReconciliationLine(s.Section, $"Election {e.Number}: {Check}", s.PapersIssued, s.ValidPapers + s.SpoiltPapers)));
            lines.Add(new ReconciliationLine("Combined", $"Election {e.Number}: {Check}", e.Sections.Sum(s => s.PapersIssued), e.Sections.Sum(s => s.ValidPapers + s.SpoiltPapers)));
        }

        return new Reconciliation(lines);
    }

    /// <summary>The differences in words, for the count's record and the audit trail.</summary>
    public string DescribeDifferences()
    {
        var text = string.Join("; ", Differences.Select(d => $"{d.Scope}: {d.Check}: expected {d.Expected}, found {d.Actual}"));
        return text.Length <= NoteMax ? text : text[..(NoteMax - 1)] + "…";
    }
}
