using System.Globalization;
using CoopRegister.Domain;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;

namespace CoopRegister.Features.Imports;

/// <summary>A holding of one class as a member will have it: the shares and amount paid, from the register file or the history.</summary>
internal readonly record struct ImportedHolding(ShareClass Class, long Shares, long Pence);

/// <summary>A ledger event a member will have: an allotment on the date entered, or an event of the history file.</summary>
internal readonly record struct PlannedEntry(ShareClass Class, LedgerEntryKind Kind, DateOnly Date, long Shares, long Pence, string? Reference);

/// <summary>One member of the register file, read from its rows and checked by every rule: what an import writes.</summary>
internal sealed class ImportedMember
{
    public required long Number { get; init; }
    public required long Line { get; init; }
    public required PersonDetails Details { get; init; }
    public required DateOnly Entered { get; init; }
    public DateOnly? Ceased { get; init; }
    public string? CeasedReason { get; init; }
    public required List<ImportedHolding> Holdings { get; init; }
    public required List<PlannedEntry> Entries { get; init; }

    /// <summary>Whether the member is already in the register exactly as here (the import leaves it alone).</summary>
    public bool Unchanged { get; set; }
}

/// <summary>What a run needs to know of the register it imports into.</summary>
internal sealed record ImportTarget(SocietyDetails Society, ImportShareClasses Classes, DateOnly Today, ExistingRegister? Existing, string DefaultReference);

/// <summary>
/// Reads the register file once, from the first row to the last, and checks every row by the register's own rules:
/// the domain's rules for a member's details (<see cref="PersonDetails.Validate"/>, as for an existing member) and
/// for holdings (<see cref="HoldingRules.CheckAddition"/>: the cap, and who may hold a class), known share classes,
/// dates in the chosen format, member numbers not repeated, and each member's rows agreeing with each other. A
/// member's rows (one per share class) must come together. Each member, once its last row is read, is handed to the
/// caller when it has no problem; every problem is logged with its line and column. Cheap checks come first and
/// values are read without strings where they can be, so that a million rows take seconds.
/// </summary>
internal sealed class RegisterImportRun
{
    private const string ReasonNotRecorded = "Recorded as ceased in the register this one was imported from.";

    // The fields that describe the member rather than one holding: every row of a member must agree on them.
    private static readonly int[] MemberFields = ImportFields.Register.Select(f => (int)f.Field)
        .Where(f => f is not ((int)RegisterField.MemberNumber or (int)RegisterField.ShareClass or (int)RegisterField.Shares or (int)RegisterField.AmountPaid)).ToArray();

    private readonly ImportSourceFile _file;
    private readonly ColumnMap<RegisterField> _map;
    private readonly ImportDateFormat _dates;
    private readonly ImportTarget _target;
    private readonly ImportHistory? _history;
    private readonly ProblemLog _problems;
    private readonly ImportComparison _comparison;
    private readonly Dictionary<long, long> _seen = [];

    public RegisterImportRun(ImportSourceFile file, ColumnMap<RegisterField> map, ImportDateFormat dates, ImportTarget target, ImportHistory? history, ProblemLog problems)
    {
        _file = file;
        _map = map;
        _dates = dates;
        _target = target;
        _history = history;
        _problems = problems;
        _comparison = Comparison(map, history is not null);
    }

    public long Rows { get; private set; }
    public long BlankRows { get; private set; }
    public long Members { get; private set; }
    public long CurrentMembers { get; private set; }
    public long CeasedMembers { get; private set; }
    public long NewMembers { get; private set; }
    public long UnchangedMembers { get; private set; }
    public long LedgerEntries { get; private set; }
    public long Shares { get; private set; }
    public long Pence { get; private set; }
    public long SocietiesWithoutNumber { get; private set; }
    public long BytesRead { get; private set; }

    public static ImportComparison Comparison(ColumnMap<RegisterField> map, bool history) =>
        new(map.Has(RegisterField.Phone), map.Has(RegisterField.DateOfBirth), map.Has(RegisterField.RegistrationNumber), map.Has(RegisterField.ReasonCeased), history);

    /// <summary>
    /// Reads the file. <paramref name="accept"/> gets each member that passed every check, in file order;
    /// <paramref name="explain"/> is asked what differs for a member that is in the register with other details
    /// (null when it has asked enough). <paramref name="maxRows"/> stops early (a preview).
    /// </summary>
    public async Task RunAsync(Func<ImportedMember, ValueTask> accept, Func<ImportedMember, long, ValueTask<string?>> explain,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken, long maxRows = long.MaxValue)
    {
        using var reader = ImportCsv.Open(_file.Path, _file.Text, m => _problems.Malformed(ImportFileKind.Register, m));
        var headers = await ImportCsv.ReadHeaderAsync(reader, "register file", cancellationToken);
        var row = new ImportRow(reader, headers, ImportFields.Register.Count, f => _map[(RegisterField)f]);
        Pending? pending = null;
        string[] values = new string[ImportFields.Register.Count];
        try
        {
            while (Rows < maxRows && await reader.ReadAsync(cancellationToken))
            {
                if (row.IsBlank())
                {
                    BlankRows++;
                    continue;
                }

                Rows++;
                if ((Rows & 0x3FFF) == 0)
                {
                    BytesRead = reader.ByteOffset;
                    progress?.Report(new ImportProgress(ImportStage.Reading, Rows, BytesRead, _file.Text.Bytes));
                }

                var line = row.Line;
                if (row.ValueBeyondHeader() is var beyond and >= 0)
                {
                    Fail(line, null, $"There is a value in column {(beyond + 1).ToString(CultureInfo.InvariantCulture)} ('{ImportHistory.Shorten(row.Raw(beyond))}'), beyond the header's {row.HeaderCount.ToString(CultureInfo.InvariantCulture)} columns: is there a comma in a value that is not in quotes?");
                }

                if (!row.TryWhole((int)RegisterField.MemberNumber, out var number) || number < 1)
                {
                    Fail(line, row.Header((int)RegisterField.MemberNumber), row.IsEmpty((int)RegisterField.MemberNumber)
                        ? "The member number is missing."
                        : $"'{ImportHistory.Shorten(row.Text((int)RegisterField.MemberNumber))}' is not a member number (a whole number from 1).");
                    continue;
                }

                foreach (var f in MemberFields)
                {
                    values[f] = row.Text(f);
                }

                if (pending is not null && pending.Number == number)
                {
                    // Another share class of the same member: its details must be the same as on its first row.
                    var differ = MemberFields.Where(f => row.Has(f) && !string.Equals(values[f], pending.Values[f], StringComparison.Ordinal))
                        .Select(f => $"'{row.Header(f)}'").ToList();
                    if (differ.Count > 0)
                    {
                        Fail(line, null, $"Member {number.ToString(CultureInfo.InvariantCulture)} is also on line {pending.Line.ToString(CultureInfo.InvariantCulture)}, with a different {string.Join(", ", differ)}: a member's rows (one per share class) must agree.");
                        pending.Broken = true;
                    }
                }
                else
                {
                    if (pending is not null)
                    {
                        await FinishAsync(pending, row, accept, explain);
                    }

                    if (!_seen.TryAdd(number, line))
                    {
                        Fail(line, row.Header((int)RegisterField.MemberNumber),
                            $"Member number {number.ToString(CultureInfo.InvariantCulture)} is repeated: it is already on line {_seen[number].ToString(CultureInfo.InvariantCulture)}. A member's rows (one per share class) must come one after another.");
                        pending = null;
                        continue;
                    }

                    pending = new Pending(number, line, values);
                    values = new string[ImportFields.Register.Count];
                }

                ReadHolding(pending, row, line);
            }

            if (pending is not null)
            {
                await FinishAsync(pending, row, accept, explain);
            }
        }
        catch (CsvHelper.CsvFormatException ex)
        {
            Fail(ex.LineNumber, null, $"The file cannot be read past this line: {ex.Message}");
        }

        BytesRead = _file.Text.Bytes;
        if (_history is not null && Rows < maxRows)
        {
            foreach (var (memberNumber, historyLine) in _history.Leftover())
            {
                _problems.Add(ImportFileKind.History, historyLine, _history.Header(HistoryField.MemberNumber),
                    $"Member {memberNumber.ToString(CultureInfo.InvariantCulture)} has events in the history file but is not in the register file.");
            }
        }

        if (Rows == 0 && maxRows > 0)
        {
            Fail(0, null, "The register file has a header but no rows of members.");
        }
    }

    private void Fail(long line, string? column, string message) => _problems.Add(ImportFileKind.Register, line, column, message);

    /// <summary>One row's share class, shares and amount paid.</summary>
    private void ReadHolding(Pending pending, ImportRow row, long line)
    {
        const int Class = (int)RegisterField.ShareClass, SharesField = (int)RegisterField.Shares, Paid = (int)RegisterField.AmountPaid;
        var classText = row.Text(Class);
        var shareClass = _target.Classes.Find(classText);
        if (shareClass is null)
        {
            Fail(line, row.Header(Class), $"'{ImportHistory.Shorten(classText)}' is not a share class of the society (its classes are {_target.Classes.Describe()}).");
            pending.Broken = true;
        }
        else if (pending.Holdings.Any(h => h.Class == shareClass))
        {
            Fail(line, row.Header(Class), $"Member {pending.Number.ToString(CultureInfo.InvariantCulture)} already has a row for {shareClass.Name} (line {pending.Holdings.First(h => h.Class == shareClass).Line.ToString(CultureInfo.InvariantCulture)}).");
            pending.Broken = true;
            shareClass = null;
        }

        long shares = 0;
        if (row.IsEmpty(SharesField) || !row.TryWhole(SharesField, out shares))
        {
            Fail(line, row.Header(SharesField), row.IsEmpty(SharesField)
                ? "The number of shares held is missing (write 0 for a member who holds none)."
                : $"'{ImportHistory.Shorten(row.Text(SharesField))}' is not a number of shares (a whole number, 0 or more).");
            pending.Broken = true;
            return;
        }

        long? pence = null;
        if (!row.IsEmpty(Paid))
        {
            if (row.TryPence(Paid, out var p))
            {
                pence = p;
            }
            else
            {
                Fail(line, row.Header(Paid), $"'{ImportHistory.Shorten(row.Text(Paid))}' is not an amount in pounds (such as 250.00).");
                pending.Broken = true;
                return;
            }
        }

        if (shareClass is not null)
        {
            pending.Holdings.Add(new PendingHolding(shareClass, shares, pence, line));
        }
    }

    /// <summary>Checks a member whose rows have all been read, and hands it on when nothing is wrong.</summary>
    private async ValueTask FinishAsync(Pending p, ImportRow row, Func<ImportedMember, ValueTask> accept, Func<ImportedMember, long, ValueTask<string?>> explain)
    {
        var before = _problems.Count;
        var line = p.Line;
        string? Column(RegisterField f) => row.Header((int)f);
        void Fail(RegisterField? f, string message) => _problems.Add(ImportFileKind.Register, line, f is { } field ? Column(field) : null, message);
        string V(RegisterField f) => p.Values[(int)f] ?? "";

        // The kind decides which details are required.
        var kindText = V(RegisterField.Kind);
        var kind = MemberKind.Individual;
        if (kindText.Length > 0)
        {
            if (ParseKind(kindText) is { } parsed)
            {
                kind = parsed;
            }
            else
            {
                Fail(RegisterField.Kind, $"'{ImportHistory.Shorten(kindText)}' is not a kind of member: write {string.Join(", ", MemberKinds.All.Select(k => k.Describe()))}.");
            }
        }

        var name = row.Has((int)RegisterField.Name)
            ? V(RegisterField.Name)
            : string.Join(' ', new[] { V(RegisterField.GivenNames), V(RegisterField.FamilyName) }.Where(s => s.Length > 0));
        var address = Lines(V(RegisterField.Address), V(RegisterField.AddressLine2), V(RegisterField.AddressLine3), V(RegisterField.Town), V(RegisterField.County));

        var entered = default(DateOnly);
        if (!row.Has((int)RegisterField.DateEntered) || V(RegisterField.DateEntered).Length == 0)
        {
            Fail(RegisterField.DateEntered, "The date entered on the register is missing.");
        }
        else if (!ImportDates.TryParse(V(RegisterField.DateEntered), _dates, out entered))
        {
            Fail(RegisterField.DateEntered, ImportHistory.DateMessage(V(RegisterField.DateEntered), _dates, "The date entered"));
        }
        else if (entered > _target.Today)
        {
            Fail(RegisterField.DateEntered, $"The date entered, {ImportHistory.Iso(entered)}, is in the future.");
        }

        DateOnly? ceased = null;
        if (V(RegisterField.DateCeased) is { Length: > 0 } ceasedText)
        {
            if (!ImportDates.TryParse(ceasedText, _dates, out var c))
            {
                Fail(RegisterField.DateCeased, ImportHistory.DateMessage(ceasedText, _dates, "The date ceased"));
            }
            else if (c > _target.Today)
            {
                Fail(RegisterField.DateCeased, $"The date ceased, {ImportHistory.Iso(c)}, is in the future.");
            }
            else if (entered != default && c < entered)
            {
                Fail(RegisterField.DateCeased, $"The membership cannot end ({ImportHistory.Iso(c)}) before it began ({ImportHistory.Iso(entered)}).");
            }
            else
            {
                ceased = c;
            }
        }

        DateOnly? born = null;
        if (V(RegisterField.DateOfBirth) is { Length: > 0 } bornText)
        {
            if (ImportDates.TryParse(bornText, _dates, out var b))
            {
                born = b;
            }
            else
            {
                Fail(RegisterField.DateOfBirth, ImportHistory.DateMessage(bornText, _dates, "The date of birth"));
            }
        }

        var notices = false;
        if (V(RegisterField.NoticesByEmail) is { Length: > 0 } noticesText)
        {
            if (ParseYesNo(noticesText) is { } yes)
            {
                notices = yes;
            }
            else
            {
                Fail(RegisterField.NoticesByEmail, $"'{ImportHistory.Shorten(noticesText)}' is not Yes or No.");
            }
        }

        var email = V(RegisterField.Email);
        if (notices && email.Trim().Length == 0)
        {
            Fail(RegisterField.NoticesByEmail, "Notices by e-mail is Yes, but there is no e-mail address to send them to.");
        }

        var holders = V(RegisterField.JointHolders);
        if (holders.Trim().Length > 0 && kind != MemberKind.Joint)
        {
            Fail(RegisterField.JointHolders, $"Joint holders are given, but the member is of kind '{kind.Describe()}', not a joint holding.");
        }

        var details = new PersonDetails
        {
            Kind = kind,
            Name = name,
            Address = address,
            Postcode = V(RegisterField.Postcode),
            Country = V(RegisterField.Country),
            Email = email,
            NoticesByEmail = notices,
            Phone = V(RegisterField.Phone),
            DateOfBirth = born,
            RepresentativeName = V(RegisterField.Representative),
            RepresentedBody = V(RegisterField.ActingFor),
            OrganisationNumber = V(RegisterField.RegistrationNumber),
            JointHolders = holders.Length == 0 ? [] : holders.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(h => new JointHolder(h, null)).ToList(),
        }.Normalised();

        foreach (var v in details.Validate(_target.Society, _target.Today, admission: false))
        {
            if (v.Field == nameof(PersonDetails.OrganisationNumber) && kind == MemberKind.RegisteredSociety && !row.Has((int)RegisterField.RegistrationNumber)
                && details.OrganisationNumber is null)
            {
                // The register export has no column for it: the member comes in, and the registrar adds the number later.
                SocietiesWithoutNumber++;
                continue;
            }

            // The rules read the postcode as it is stored (SW1A 1AA); the message quotes it as the file has it.
            var message = v.Field == nameof(PersonDetails.Postcode) && details.Postcode.Length > 0
                ? v.Message.Replace($"'{details.Postcode}'", $"'{V(RegisterField.Postcode).Trim()}'", StringComparison.Ordinal)
                : v.Message;
            Fail(FieldOf(v.Field, row), message);
        }

        var reason = V(RegisterField.ReasonCeased).Trim();
        if (reason.Length > Member.ReasonMax)
        {
            Fail(RegisterField.ReasonCeased, $"The reason ceased may be at most {Member.ReasonMax.ToString(CultureInfo.InvariantCulture)} characters; it has {reason.Length.ToString(CultureInfo.InvariantCulture)}.");
        }

        var holdings = new List<ImportedHolding>(p.Holdings.Count);
        var entries = new List<PlannedEntry>(p.Holdings.Count);
        if (_history is null)
        {
            Holdings(p, kind, entered, holdings, entries);
        }
        else
        {
            History(p, kind, entered, ceased, holdings, entries);
        }

        if (_problems.Count > before || p.Broken)
        {
            return;
        }

        var member = new ImportedMember
        {
            Number = p.Number,
            Line = p.Line,
            Details = details,
            Entered = entered,
            Ceased = ceased,
            CeasedReason = ceased is null ? null : reason.Length > 0 ? reason : ReasonNotRecorded,
            Holdings = holdings,
            Entries = entries,
        };

        if (_target.Existing is { } existing)
        {
            var lines = entries.Select(e => new LedgerLine(e.Class.Id, e.Date, e.Kind, e.Shares, e.Pence)).ToList();
            var found = existing.Find(member.Number, Fingerprint.Details(details, entered, ceased, _comparison.ReasonCeased ? member.CeasedReason : null, _comparison),
                Fingerprint.Ledger(lines, _comparison.History));
            if (found is { } f)
            {
                if (f.SameDetails && f.SameShares)
                {
                    member.Unchanged = true;
                }
                else
                {
                    var what = _problems.Full ? null : await explain(member, f.Id);
                    Fail(null, $"Member {member.Number.ToString(CultureInfo.InvariantCulture)} {ProblemLog.DifferentDetails}{(what is null ? "" : ": " + what)}. An import adds members; it does not change them (change a member on the member's page).");
                    return;
                }
            }
        }

        Count(member);
        await accept(member);
    }

    private void Count(ImportedMember member)
    {
        Members++;
        if (member.Ceased is null)
        {
            CurrentMembers++;
        }
        else
        {
            CeasedMembers++;
        }

        if (member.Unchanged)
        {
            UnchangedMembers++;
        }
        else
        {
            NewMembers++;
            LedgerEntries += member.Entries.Count;
        }

        foreach (var h in member.Holdings)
        {
            Shares += h.Shares;
            Pence += h.Pence;
        }
    }

    /// <summary>Without a history: one allotment per class held, on the date entered, checked against the cap and who may hold the class.</summary>
    private void Holdings(Pending p, MemberKind kind, DateOnly entered, List<ImportedHolding> holdings, List<PlannedEntry> entries)
    {
        foreach (var h in p.Holdings)
        {
            void Fail(RegisterField f, string message) => _problems.Add(ImportFileKind.Register, h.Line, _map[f] is null ? null : HeaderOf(f), message);
            var nominal = h.Class.NominalValuePence;
            var pence = h.Pence ?? checked(h.Shares * nominal);
            if (h.Shares == 0)
            {
                if (pence != 0)
                {
                    Fail(RegisterField.AmountPaid, $"{new Money(pence).Format()} is paid on no shares.");
                }

                holdings.Add(new ImportedHolding(h.Class, 0, 0));
                continue;
            }

            foreach (var v in HoldingRules.CheckAddition(kind, h.Class, _target.Society, 0, h.Shares, becomingMember: false))
            {
                Fail(RegisterField.Shares, v.Message);
            }

            if (pence > checked(h.Shares * nominal))
            {
                Fail(RegisterField.AmountPaid, $"{new Money(pence).Format()} is more than {h.Shares.ToString("#,##0", CultureInfo.InvariantCulture)} shares of {h.Class.NominalValue.Format()} can be paid.");
            }

            holdings.Add(new ImportedHolding(h.Class, h.Shares, pence));
            if (entered != default)
            {
                entries.Add(new PlannedEntry(h.Class, LedgerEntryKind.Allotment, entered, h.Shares, pence, _target.DefaultReference));
            }
        }
    }

    /// <summary>
    /// With a history: the member's events in date order, each checked as the ledger would check it (within the
    /// membership's dates, the cap on every addition, never below zero), and their sums by class equal to what the
    /// register file says is held.
    /// </summary>
    private void History(Pending p, MemberKind kind, DateOnly entered, DateOnly? ceased, List<ImportedHolding> holdings, List<PlannedEntry> entries)
    {
        var events = _history!.Take(p.Number) ?? [];
        var running = new Dictionary<ShareClass, (long Shares, long Pence)>();
        var numberText = p.Number.ToString(CultureInfo.InvariantCulture);
        foreach (var e in events)
        {
            void Fail(HistoryField f, string message) => _problems.Add(ImportFileKind.History, e.Line, _history.Header(f), message);
            if (entered != default && e.Date < entered)
            {
                Fail(HistoryField.Date, $"Member {numberText}'s event on {ImportHistory.Iso(e.Date)} is before the date the member was entered ({ImportHistory.Iso(entered)}).");
            }
            else if (ceased is { } c && e.Date > c)
            {
                Fail(HistoryField.Date, $"Member {numberText}'s event on {ImportHistory.Iso(e.Date)} is after the member ceased ({ImportHistory.Iso(c)}).");
            }

            var (shares, pence) = running.GetValueOrDefault(e.Class);
            if (e.Shares > 0)
            {
                foreach (var v in HoldingRules.CheckAddition(kind, e.Class, _target.Society, shares, e.Shares, becomingMember: false))
                {
                    Fail(HistoryField.Shares, $"On {ImportHistory.Iso(e.Date)}: {v.Message}");
                }

                if (e.Pence < 0)
                {
                    Fail(HistoryField.AmountPaid, $"{ImportHistory.Describe(e.Kind)} cannot take money away.");
                }
            }
            else if (shares + e.Shares < 0)
            {
                Fail(HistoryField.Shares, $"On {ImportHistory.Iso(e.Date)} member {numberText} held {shares.ToString("#,##0", CultureInfo.InvariantCulture)} {e.Class.Name.ToLowerInvariant()}; taking away {(-e.Shares).ToString("#,##0", CultureInfo.InvariantCulture)} would leave the holding below zero.");
            }

            running[e.Class] = (shares + e.Shares, pence + e.Pence);
            entries.Add(new PlannedEntry(e.Class, e.Kind, e.Date, e.Shares, e.Pence, e.Reference ?? _target.DefaultReference));
        }

        foreach (var h in p.Holdings)
        {
            var (shares, pence) = running.GetValueOrDefault(h.Class);
            if (h.Shares != shares)
            {
                _problems.Add(ImportFileKind.Register, h.Line, HeaderOf(RegisterField.Shares),
                    $"{h.Shares.ToString("#,##0", CultureInfo.InvariantCulture)} {h.Class.Name.ToLowerInvariant()} are held, but member {numberText}'s events in the history file add up to {shares.ToString("#,##0", CultureInfo.InvariantCulture)}.");
            }
            else if (h.Pence is { } paid && paid != pence)
            {
                _problems.Add(ImportFileKind.Register, h.Line, HeaderOf(RegisterField.AmountPaid),
                    $"{new Money(paid).Format()} is paid on the {h.Class.Name.ToLowerInvariant()}, but member {numberText}'s events in the history file add up to {new Money(pence).Format()}.");
            }

            holdings.Add(new ImportedHolding(h.Class, shares, pence));
        }

        foreach (var (shareClass, (shares, pence)) in running)
        {
            if (p.Holdings.All(h => h.Class != shareClass))
            {
                if (shares != 0)
                {
                    _problems.Add(ImportFileKind.Register, p.Line, HeaderOf(RegisterField.ShareClass),
                        $"Member {numberText}'s events in the history file leave {shares.ToString("#,##0", CultureInfo.InvariantCulture)} {shareClass.Name.ToLowerInvariant()} held, but the register file has no row for that class.");
                }

                holdings.Add(new ImportedHolding(shareClass, shares, pence));
            }
        }
    }

    private string? HeaderOf(RegisterField field) => _map[field];

    /// <summary>The column a rule's field is read from: the domain names its fields, the file names its columns.</summary>
    private static RegisterField? FieldOf(string? field, ImportRow row) => field switch
    {
        nameof(PersonDetails.Name) => row.Has((int)RegisterField.Name) ? RegisterField.Name : RegisterField.FamilyName,
        nameof(PersonDetails.Address) => RegisterField.Address,
        nameof(PersonDetails.Postcode) => RegisterField.Postcode,
        nameof(PersonDetails.Country) => RegisterField.Country,
        nameof(PersonDetails.Email) => RegisterField.Email,
        nameof(PersonDetails.Phone) => RegisterField.Phone,
        nameof(PersonDetails.DateOfBirth) => RegisterField.DateOfBirth,
        nameof(PersonDetails.RepresentativeName) => RegisterField.Representative,
        nameof(PersonDetails.RepresentedBody) => RegisterField.ActingFor,
        nameof(PersonDetails.OrganisationNumber) => RegisterField.RegistrationNumber,
        nameof(PersonDetails.JointHolders) => RegisterField.JointHolders,
        nameof(PersonDetails.Kind) => RegisterField.Kind,
        _ => null,
    };

    /// <summary>The non-blank parts, one line each; the usual single address column comes back as it is.</summary>
    private static string Lines(string first, string second, string third, string fourth, string fifth)
    {
        static bool Blank(string s) => s.AsSpan().Trim().Length == 0;
        if (Blank(second) && Blank(third) && Blank(fourth) && Blank(fifth))
        {
            return Blank(first) ? "" : first;
        }

        return string.Join('\n', new[] { first, second, third, fourth, fifth }.Where(p => !Blank(p)));
    }

    // The kinds' own names as a file usually writes them, read once (by the rules below) instead of on every row.
    private static readonly Dictionary<string, MemberKind> KnownKinds = MemberKinds.All
        .SelectMany(k => new[] { k.Describe(), k.ToString() })
        .Distinct(StringComparer.Ordinal)
        .Select(t => (Text: t, Kind: ReadKind(t)))
        .Where(x => x.Kind is not null)
        .ToDictionary(x => x.Text, x => x.Kind!.Value, StringComparer.Ordinal);

    // Yes and No as a file usually writes them, read once by the rule below.
    private static readonly Dictionary<string, bool> KnownYesNo = new[] { "Yes", "No", "yes", "no", "YES", "NO", "True", "False", "true", "false", "TRUE", "FALSE", "Y", "N", "y", "n", "1", "0", "x", "X" }
        .Select(t => (Text: t, Value: ReadYesNo(t)))
        .Where(x => x.Value is not null)
        .ToDictionary(x => x.Text, x => x.Value!.Value, StringComparer.Ordinal);

    internal static MemberKind? ParseKind(string text) =>
        KnownKinds.TryGetValue(text, out var kind) ? kind : ReadKind(text);

    private static MemberKind? ReadKind(string text)
    {
        var key = ColumnMap<RegisterField>.Normalise(text);
        foreach (var kind in MemberKinds.All)
        {
            if (key == ColumnMap<RegisterField>.Normalise(kind.Describe()) || key == ColumnMap<RegisterField>.Normalise(kind.ToString()))
            {
                return kind;
            }
        }

        return key switch
        {
            "person" or "personal" or "individualmember" => MemberKind.Individual,
            "joint" or "jointmember" or "jointmembership" => MemberKind.Joint,
            "organisation" or "organization" or "corporate" or "bodycorporate" or "company" or "business" => MemberKind.Corporate,
            "nominee" or "unincorporatedbody" => MemberKind.Nominee,
            "society" or "cooperative" or "coop" => MemberKind.RegisteredSociety,
            _ => null,
        };
    }

    internal static bool? ParseYesNo(string text) =>
        KnownYesNo.TryGetValue(text, out var yes) ? yes : ReadYesNo(text);

    private static bool? ReadYesNo(string text) => text.Trim().ToLowerInvariant() switch
    {
        "yes" or "y" or "true" or "t" or "1" or "x" => true,
        "no" or "n" or "false" or "f" or "0" => false,
        _ => null,
    };

    private sealed class Pending(long number, long line, string[] values)
    {
        public long Number { get; } = number;
        public long Line { get; } = line;
        public string[] Values { get; } = values;
        public List<PendingHolding> Holdings { get; } = new(1);
        public bool Broken { get; set; }
    }

    private readonly record struct PendingHolding(ShareClass Class, long Shares, long? Pence, long Line);
}
