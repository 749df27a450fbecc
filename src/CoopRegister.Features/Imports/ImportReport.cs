using System.Globalization;
using System.Text;
using CoopRegister.Domain;

namespace CoopRegister.Features.Imports;

/// <summary>Which file a problem is in.</summary>
public enum ImportFileKind
{
    Register,
    History,
}

/// <summary>
/// One thing wrong with the files, placed where the registrar can find it: the file, its line (counting every line,
/// the header and the lines inside quoted values too), and the column by its header in the file.
/// </summary>
public sealed record ImportProblem(ImportFileKind File, long Line, string? Column, string Message)
{
    /// <summary>"Line 1234, column 'Postcode': 'XYZ' is not a UK postcode (for example SW1A 1AA)."</summary>
    public string Text
    {
        get
        {
            var where = File == ImportFileKind.History ? "History file, line" : "Line";
            var line = Line > 0 ? $"{where} {Line.ToString(CultureInfo.InvariantCulture)}" : File == ImportFileKind.History ? "History file" : "";
            var column = Column is null ? "" : $"column '{Column}'";
            var place = string.Join(", ", new[] { line, column }.Where(s => s.Length > 0));
            return place.Length == 0 ? Message : $"{place}: {Message}";
        }
    }

    public override string ToString() => Text;
}

/// <summary>Totals the registrar expects, from the old register's own figures; each is compared with what the files hold.</summary>
public sealed record ExpectedTotals(long? Members = null, long? Shares = null, long? CapitalPence = null)
{
    public bool Any => Members is not null || Shares is not null || CapitalPence is not null;
}

/// <summary>One figure of the reconciliation: what the files hold against what the registrar expects.</summary>
public sealed record ReconciliationLine(string Figure, string Imported, string Expected, bool Matches);

/// <summary>How far a check or an import has got.</summary>
public enum ImportStage
{
    Checking,
    ReadingHistory,
    Reading,
    Indexing,
    Done,
}

public sealed record ImportProgress(ImportStage Stage, long Rows, long BytesRead, long TotalBytes)
{
    public int Percent => TotalBytes <= 0 ? 0 : (int)Math.Clamp(BytesRead * 100 / TotalBytes, 0, 100);
}

/// <summary>
/// What a check (dry run) or an import found and did. Every problem is counted; the first
/// <see cref="RegisterImportService.MaxReportedProblems"/> are listed. Nothing is written unless there is no problem
/// and the totals reconcile, and then everything is (<see cref="Committed"/>).
/// </summary>
public sealed record ImportReport
{
    public required string FileName { get; init; }
    public string? HistoryFileName { get; init; }
    public required bool DryRun { get; init; }
    public bool Committed { get; init; }
    public required string Encoding { get; init; }
    public string? HistoryEncoding { get; init; }
    public required string Separator { get; init; }
    public ImportDateFormat? DateFormat { get; init; }
    public string? DateFormatNote { get; init; }

    /// <summary>Records read from the register file (not counting the header and blank lines).</summary>
    public long Rows { get; init; }

    public long BlankRows { get; init; }
    public long HistoryRows { get; init; }

    public long Members { get; init; }
    public long CurrentMembers { get; init; }
    public long CeasedMembers { get; init; }

    /// <summary>Members that are not in the register yet: these are what an import writes.</summary>
    public long NewMembers { get; init; }

    /// <summary>Members already in the register exactly as the file has them: an import leaves them alone.</summary>
    public long UnchangedMembers { get; init; }

    public long LedgerEntries { get; init; }
    public long Shares { get; init; }
    public long CapitalPence { get; init; }

    public long ProblemCount { get; init; }
    public IReadOnlyList<ImportProblem> Problems { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
    public IReadOnlyList<ReconciliationLine> Reconciliation { get; init; } = [];
    public TimeSpan Elapsed { get; init; }

    public bool Reconciled => Reconciliation.All(r => r.Matches);

    /// <summary>No problem and the totals agree: the files may be imported (or, after an import, were).</summary>
    public bool Ok => ProblemCount == 0 && Reconciled;

    public Money Capital => new(CapitalPence);

    /// <summary>One sentence for the top of the page or the console.</summary>
    public string Summary
    {
        get
        {
            string N(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);
            if (ProblemCount > 0)
            {
                var verb = DryRun ? "cannot be imported as it is" : "was not imported: nothing was written";
                return $"The file {verb}: {N(ProblemCount)} {(ProblemCount == 1 ? "problem" : "problems")} in {N(Rows)} rows{(ProblemCount > Problems.Count ? $" (the first {N(Problems.Count)} are listed)" : "")}.";
            }

            if (!Reconciled)
            {
                var failed = string.Join("; ", Reconciliation.Where(r => !r.Matches).Select(r => $"{r.Figure}: the files hold {r.Imported}, you expected {r.Expected}"));
                return DryRun
                    ? $"The totals do not agree with the figures you entered ({failed}); importing is blocked until they do."
                    : $"Nothing was imported: the totals do not agree with the figures you entered ({failed}).";
            }

            var members = $"{N(Members)} members ({N(CurrentMembers)} current, {N(CeasedMembers)} ceased), {N(Shares)} shares, {Capital.Format()} paid";
            var unchanged = UnchangedMembers > 0 ? $"; {N(UnchangedMembers)} {(UnchangedMembers == 1 ? "member is" : "members are")} already in the register, unchanged" : "";
            if (DryRun)
            {
                return $"Ready to import: {members}{unchanged}. {N(NewMembers)} new {(NewMembers == 1 ? "member" : "members")} would be written.";
            }

            return Committed
                ? $"Imported {N(NewMembers)} new {(NewMembers == 1 ? "member" : "members")} with {N(LedgerEntries)} ledger entries; the files hold {members}{unchanged}."
                : $"Nothing was written: {members}{unchanged}.";
        }
    }

    /// <summary>The report as plain text: the summary, the figures, the reconciliation, the notes and every listed problem.</summary>
    public string ToText()
    {
        string N(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append(DryRun ? "Register import check (dry run)" : "Register import").Append('\n');
        sb.Append("File: ").Append(FileName).Append(" (").Append(Encoding).Append(", separated by ").Append(Separator).Append(")\n");
        if (HistoryFileName is not null)
        {
            sb.Append("History: ").Append(HistoryFileName).Append(" (").Append(HistoryEncoding).Append(")\n");
        }

        if (DateFormat is { } f)
        {
            sb.Append("Dates: ").Append(ImportDates.Describe(f)).Append('\n');
        }

        sb.Append('\n').Append(Summary).Append("\n\n");
        sb.Append("Rows read: ").Append(N(Rows)).Append(BlankRows > 0 ? $" ({N(BlankRows)} blank rows skipped)" : "").Append('\n');
        if (HistoryFileName is not null)
        {
            sb.Append("History rows read: ").Append(N(HistoryRows)).Append('\n');
        }

        sb.Append("Members: ").Append(N(Members)).Append(" (").Append(N(CurrentMembers)).Append(" current, ").Append(N(CeasedMembers)).Append(" ceased)\n");
        sb.Append("New members: ").Append(N(NewMembers)).Append("; already in the register, unchanged: ").Append(N(UnchangedMembers)).Append('\n');
        sb.Append("Shares held: ").Append(N(Shares)).Append('\n');
        sb.Append("Amount paid: ").Append(Capital.Format()).Append('\n');
        sb.Append("Ledger entries").Append(DryRun ? " to write: " : " written: ").Append(N(LedgerEntries)).Append('\n');
        foreach (var r in Reconciliation)
        {
            sb.Append("Reconciliation, ").Append(r.Figure).Append(": files ").Append(r.Imported).Append(", expected ").Append(r.Expected).Append(r.Matches ? " (agrees)" : " (DOES NOT AGREE)").Append('\n');
        }

        foreach (var note in Notes)
        {
            sb.Append("Note: ").Append(note).Append('\n');
        }

        if (ProblemCount > 0)
        {
            sb.Append('\n').Append(N(ProblemCount)).Append(ProblemCount == 1 ? " problem" : " problems");
            sb.Append(ProblemCount > Problems.Count ? $" (the first {N(Problems.Count)} are listed):\n" : ":\n");
            foreach (var p in Problems)
            {
                sb.Append(p.Text).Append('\n');
            }
        }

        sb.Append("\nTook ").Append(Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" s.\n");
        return sb.ToString();
    }
}
