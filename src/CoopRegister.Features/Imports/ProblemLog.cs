using CsvHelper;

namespace CoopRegister.Features.Imports;

/// <summary>A file to import: where it is, what the person called it, and how its bytes are read (<see cref="ImportTextFile"/>).</summary>
public sealed record ImportSourceFile(string Path, string FileName, TextFileInfo Text);

/// <summary>Every problem found, counted; the first <paramref name="listed"/> kept with their place for the report.</summary>
internal sealed class ProblemLog(int listed)
{
    private readonly List<ImportProblem> _problems = [];

    public long Count { get; private set; }

    public IReadOnlyList<ImportProblem> Listed => _problems;

    public bool Full => _problems.Count >= listed;

    public void Add(ImportFileKind file, long line, string? column, string message)
    {
        Count++;
        if (_problems.Count < listed)
        {
            _problems.Add(new ImportProblem(file, line, column, message));
        }
    }

    /// <summary>Adds what differs to a listed "already in the register with different details" problem, once it is known.</summary>
    public void Explain(int index, string what)
    {
        var p = _problems[index];
        _problems[index] = p with { Message = p.Message.Replace(DifferentDetails + ".", $"{DifferentDetails}: {what}.", StringComparison.Ordinal) };
    }

    public const string DifferentDetails = "is already in the register with different details";

    /// <summary>A record whose quoting cannot be right; a stray quote inside an unquoted value is kept as text and not reported.</summary>
    public void Malformed(ImportFileKind file, CsvMalformedRecord record)
    {
        if (ImportCsv.Describe(record.Reason) is { } text)
        {
            Add(file, record.LineNumber, null, $"The quoting is wrong: {text}.");
        }
    }
}
