using System.Globalization;
using CoopRegister.Domain;
using CoopRegister.Domain.Shares;

namespace CoopRegister.Features.Imports;

/// <summary>One dated event of the history file, read and checked on its own; its member's events are checked together later.</summary>
internal readonly record struct HistoryEvent(long Line, DateOnly Date, LedgerEntryKind Kind, long Shares, long Pence, ShareClass Class, string? Reference);

/// <summary>
/// The history file, read whole before the register file: each member's events by member number, in date order
/// (events on the same day in the order of the file). Each row is checked as it is read (date, event, shares,
/// amount, class); <see cref="Take"/> hands a member's events to the register's reading, and what is left at the end
/// belongs to no member of the register file.
/// </summary>
internal sealed class ImportHistory
{
    private static readonly Dictionary<string, LedgerEntryKind> Kinds = new(StringComparer.Ordinal)
    {
        ["allotment"] = LedgerEntryKind.Allotment,
        ["allot"] = LedgerEntryKind.Allotment,
        ["allotted"] = LedgerEntryKind.Allotment,
        ["issue"] = LedgerEntryKind.Allotment,
        ["issued"] = LedgerEntryKind.Allotment,
        ["purchase"] = LedgerEntryKind.Allotment,
        ["bought"] = LedgerEntryKind.Allotment,
        ["application"] = LedgerEntryKind.Allotment,
        ["withdrawal"] = LedgerEntryKind.Withdrawal,
        ["withdraw"] = LedgerEntryKind.Withdrawal,
        ["withdrawn"] = LedgerEntryKind.Withdrawal,
        ["repayment"] = LedgerEntryKind.Withdrawal,
        ["repaid"] = LedgerEntryKind.Withdrawal,
        ["redemption"] = LedgerEntryKind.Withdrawal,
        ["transferin"] = LedgerEntryKind.TransferIn,
        ["transferout"] = LedgerEntryKind.TransferOut,
        ["transmission"] = LedgerEntryKind.Transmission,
        ["forfeiture"] = LedgerEntryKind.Forfeiture,
        ["forfeit"] = LedgerEntryKind.Forfeiture,
        ["forfeited"] = LedgerEntryKind.Forfeiture,
    };

    private readonly Dictionary<long, List<HistoryEvent>> _events = [];

    public long Rows { get; private set; }

    public long BlankRows { get; private set; }

    public long Events { get; private set; }

    public string? Header(HistoryField field) => _headers.GetValueOrDefault(field);

    private readonly Dictionary<HistoryField, string> _headers = [];

    /// <summary>Reads and checks every row of the history file.</summary>
    public static async Task<ImportHistory> ReadAsync(ImportSourceFile file, ColumnMap<HistoryField> map, ImportDateFormat dateFormat, ImportShareClasses classes,
        DateOnly today, ProblemLog problems, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var history = new ImportHistory();
        using var reader = ImportCsv.Open(file.Path, file.Text, m => problems.Malformed(ImportFileKind.History, m));
        var headers = await ImportCsv.ReadHeaderAsync(reader, "history file", cancellationToken);
        var row = new ImportRow(reader, headers, ImportFields.History.Count, f => map[(HistoryField)f]);
        foreach (var info in ImportFields.History)
        {
            if (row.Header((int)info.Field) is { } h)
            {
                history._headers[info.Field] = h;
            }
        }

        const int Member = (int)HistoryField.MemberNumber, Date = (int)HistoryField.Date, Event = (int)HistoryField.Event,
            Shares = (int)HistoryField.Shares, Paid = (int)HistoryField.AmountPaid, Class = (int)HistoryField.ShareClass, Reference = (int)HistoryField.Reference;
        try
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (row.IsBlank())
                {
                    history.BlankRows++;
                    continue;
                }

                history.Rows++;
                if ((history.Rows & 0xFFFF) == 0)
                {
                    progress?.Report(new ImportProgress(ImportStage.ReadingHistory, history.Rows, reader.ByteOffset, file.Text.Bytes));
                }

                var line = row.Line;
                var before = problems.Count;
                void Fail(int field, string message) => problems.Add(ImportFileKind.History, line, row.Header(field), message);

                if (row.ValueBeyondHeader() is var beyond and >= 0)
                {
                    problems.Add(ImportFileKind.History, line, null,
                        $"there is a value in column {(beyond + 1).ToString(CultureInfo.InvariantCulture)} ('{Shorten(row.Raw(beyond))}'), beyond the header's {row.HeaderCount.ToString(CultureInfo.InvariantCulture)} columns: is there a comma in a value that is not in quotes?");
                }

                if (!row.TryWhole(Member, out var number) || number < 1)
                {
                    Fail(Member, row.IsEmpty(Member) ? "The member number is missing." : $"'{Shorten(row.Text(Member))}' is not a member number (a whole number from 1).");
                }

                if (!row.TryDate(Date, dateFormat, out var date))
                {
                    Fail(Date, DateMessage(row.Text(Date), dateFormat, "The date"));
                }
                else if (date > today)
                {
                    Fail(Date, $"The date {Iso(date)} is in the future.");
                }

                var kindText = row.Text(Event);
                var kindKey = ColumnMap<HistoryField>.Normalise(kindText);
                LedgerEntryKind kind = default;
                if (kindKey == "reversal")
                {
                    Fail(Event, "A reversal cannot be imported: leave out both the mistaken event and its reversal, so that the history holds what really happened.");
                }
                else if (!Kinds.TryGetValue(kindKey, out kind))
                {
                    Fail(Event, kindText.Length == 0
                        ? "The event is missing (Allotment or Withdrawal)."
                        : $"'{Shorten(kindText)}' is not an event the history can hold: write Allotment, Withdrawal, Transfer in, Transfer out, Transmission or Forfeiture.");
                }

                long shares = 0;
                if (!row.TryWhole(Shares, out shares, allowSign: true) || shares == 0)
                {
                    Fail(Shares, row.IsEmpty(Shares) ? "The number of shares is missing." : $"'{Shorten(row.Text(Shares))}' is not a number of shares (a whole number, not 0).");
                }
                else if (kind is LedgerEntryKind.Allotment or LedgerEntryKind.TransferIn && shares < 0)
                {
                    Fail(Shares, $"{Describe(kind)} adds shares; {shares.ToString(CultureInfo.InvariantCulture)} takes them away.");
                }
                else if (kind is LedgerEntryKind.Withdrawal or LedgerEntryKind.TransferOut or LedgerEntryKind.Forfeiture)
                {
                    // Written either way: 5 or -5 shares withdrawn both take five away.
                    shares = -Math.Abs(shares);
                }

                var shareClass = classes.Find(row.Text(Class));
                if (shareClass is null)
                {
                    Fail(Class, $"'{Shorten(row.Text(Class))}' is not a share class of the society (its classes are {classes.Describe()}).");
                }

                long pence = 0;
                if (!row.IsEmpty(Paid))
                {
                    if (!row.TryPence(Paid, out pence, allowSign: true))
                    {
                        Fail(Paid, $"'{Shorten(row.Text(Paid))}' is not an amount in pounds (such as 250.00).");
                    }
                    else if (shares != 0 && pence != 0 && Math.Sign(pence) != Math.Sign(shares) && kind != LedgerEntryKind.Transmission)
                    {
                        pence = Math.Sign(shares) * Math.Abs(pence);
                    }
                }
                else if (shareClass is not null)
                {
                    pence = shares * shareClass.NominalValuePence;
                }

                if (shareClass is not null && shares != 0 && Math.Abs(pence) > checked(Math.Abs(shares) * shareClass.NominalValuePence))
                {
                    Fail(Paid, $"{new Money(Math.Abs(pence)).Format()} is more than {Math.Abs(shares).ToString("#,##0", CultureInfo.InvariantCulture)} shares of {shareClass.NominalValue.Format()} can be paid.");
                }

                var reference = row.Text(Reference).Trim();
                if (reference.Length > LedgerEntry.ReferenceMax)
                {
                    Fail(Reference, $"A reference may be at most {LedgerEntry.ReferenceMax.ToString(CultureInfo.InvariantCulture)} characters; it has {reference.Length.ToString(CultureInfo.InvariantCulture)}.");
                }

                if (problems.Count == before)
                {
                    if (!history._events.TryGetValue(number, out var list))
                    {
                        list = [];
                        history._events[number] = list;
                    }

                    list.Add(new HistoryEvent(line, date, kind, shares, pence, shareClass!, reference.Length == 0 ? null : reference));
                    history.Events++;
                }
                else if (number > 0 && !history._events.ContainsKey(number))
                {
                    // The member's history is incomplete: an empty list still marks that it has one.
                    history._events[number] = [];
                }
            }
        }
        catch (CsvHelper.CsvFormatException ex)
        {
            problems.Add(ImportFileKind.History, ex.LineNumber, null, $"The file cannot be read past this line: {ex.Message}");
        }

        return history;
    }

    /// <summary>The member's events in date order (the file's order within a day), taken out of the book; null when it has none.</summary>
    public List<HistoryEvent>? Take(long memberNumber)
    {
        if (!_events.Remove(memberNumber, out var list))
        {
            return null;
        }

        // A stable sort: by date, then by line.
        list.Sort((a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date) : a.Line.CompareTo(b.Line));
        return list;
    }

    /// <summary>The events left when the register file has been read: their members are not in it.</summary>
    public IEnumerable<(long MemberNumber, long Line)> Leftover() =>
        _events.Where(e => e.Value.Count > 0).Select(e => (e.Key, e.Value.Min(x => x.Line))).OrderBy(e => e.Item2);

    public static string Describe(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.TransferIn => "A transfer in",
        LedgerEntryKind.TransferOut => "A transfer out",
        LedgerEntryKind.Allotment => "An allotment",
        _ => $"A {kind.ToString().ToLowerInvariant()}",
    };

    internal static string DateMessage(string text, ImportDateFormat format, string what) =>
        text.Length == 0
            ? $"{what} is missing."
            : ImportDates.HasTwoDigitYear(text)
                ? $"'{Shorten(text)}' has a two-digit year: write years in full (2019, not 19)."
                : $"'{Shorten(text)}' is not a date written {ImportDates.Describe(format)}.";

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
