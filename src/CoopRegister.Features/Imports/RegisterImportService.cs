using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using CoopRegister.Data;
using CoopRegister.Data.Bulk;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Audit;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Imports;

/// <summary>
/// Imports a society's existing register from a spreadsheet saved as CSV, with an optional second file of dated
/// events so that the register as at past dates is right too. A check (dry run) reads and checks everything and
/// writes nothing; an import does the same and writes every new member, with its ledger and holdings, in one
/// transaction through the bulk writer, or nothing at all when any row has a problem, when the totals do not agree
/// with those the registrar expects, or when it is cancelled. Members already in the register exactly as the file
/// has them are left alone, so importing the same file twice changes nothing; a member number in the register with
/// other details is a problem naming what differs. One audit event records the import.
/// </summary>
public sealed class RegisterImportService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    /// <summary>Problems listed in a report; every one is counted.</summary>
    public const int MaxReportedProblems = 1000;

    /// <summary>The largest file the web page accepts.</summary>
    public const long MaxUploadBytes = 250L * 1024 * 1024;

    private const int BatchSize = 20_000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The file's encoding, separator, headers and first rows as they are, for choosing its columns.</summary>
    public async Task<ImportFileView> InspectAsync(Actor actor, ImportUpload upload, ImportFileKind kind, int rows = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        await RequireAsync(actor, cancellationToken);
        var label = Label(kind);
        var text = await ImportTextFile.CheckAsync(upload.Path, upload.Encoding, label, cancellationToken);
        using var reader = ImportCsv.Open(upload.Path, text, null);
        var headers = await ImportCsv.ReadHeaderAsync(reader, label, cancellationToken);
        var first = new List<IReadOnlyList<string>>();
        try
        {
            while (first.Count < rows && await reader.ReadAsync(cancellationToken))
            {
                first.Add(Enumerable.Range(0, Math.Max(headers.Count, reader.FieldCount)).Select(i => i < reader.FieldCount ? reader.GetString(i) : "").ToList());
            }
        }
        catch (CsvHelper.CsvFormatException ex)
        {
            throw new DomainException("File", $"The {label} cannot be read: {ex.Message}");
        }

        return new ImportFileView(upload.FileName, text, ImportCsv.DescribeSeparator(reader.Separator), headers, first);
    }

    /// <summary>The date format that every date of the files fits, or the formats to choose between.</summary>
    public async Task<DateFormatSuggestion> SuggestDateFormatAsync(Actor actor, RegisterImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await RequireAsync(actor, cancellationToken);
        var (register, history, map, historyMap) = await OpenAsync(request, cancellationToken);
        return await TallyDatesAsync(register, map, history, historyMap, cancellationToken);
    }

    /// <summary>The first rows as the import will read them, with each row's problems (a history file is not consulted).</summary>
    public async Task<ImportPreview> PreviewAsync(Actor actor, RegisterImportRequest request, int rows = 10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await RequireAsync(actor, cancellationToken);
        var (register, _, map, _) = await OpenAsync(request with { History = null }, cancellationToken);
        var format = request.DateFormat ?? (await TallyDatesAsync(register, map, null, null, cancellationToken)).Suggested ?? ImportDateFormat.Iso;
        var target = await TargetAsync(withExisting: false, null, cancellationToken);
        var problems = new ProblemLog(MaxReportedProblems);
        var run = new RegisterImportRun(register, map, format, target, null, problems);
        await run.RunAsync(_ => ValueTask.CompletedTask, (_, _) => ValueTask.FromResult<string?>(null), null, cancellationToken, rows);

        var fields = ImportFields.Register.Where(f => map.Has(f.Field)).ToList();
        var preview = new List<ImportPreviewRow>();
        using var reader = ImportCsv.Open(register.Path, register.Text, null);
        var headers = await ImportCsv.ReadHeaderAsync(reader, "register file", cancellationToken);
        var row = new ImportRow(reader, headers, ImportFields.Register.Count, f => map[(RegisterField)f]);
        while (preview.Count < rows && await reader.ReadAsync(cancellationToken))
        {
            if (row.IsBlank())
            {
                continue;
            }

            var values = fields.Select(f => Shown(row, f.Field, format)).ToList();
            var line = row.Line;
            preview.Add(new ImportPreviewRow(line, values, problems.Listed.Where(p => p.File == ImportFileKind.Register && p.Line == line).Select(p => p.Column is null ? p.Message : $"{p.Column}: {p.Message}").ToList()));
        }

        return new ImportPreview(fields.Select(f => f.Label).ToList(), preview);
    }

    /// <summary>Reads and checks everything and writes nothing: what an import would do, and every problem that would stop it.</summary>
    public Task<ImportReport> CheckAsync(Actor actor, RegisterImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(actor, request, dryRun: true, progress, cancellationToken);

    /// <summary>
    /// Imports the files: every new member with its ledger and holdings in one transaction, or nothing. The report
    /// says which (<see cref="ImportReport.Committed"/>) and lists the problems that stopped it.
    /// </summary>
    public Task<ImportReport> ImportAsync(Actor actor, RegisterImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(actor, request, dryRun: false, progress, cancellationToken);

    private async Task<ImportReport> RunAsync(Actor actor, RegisterImportRequest request, bool dryRun, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.StartNew();
        await RequireAsync(actor, cancellationToken);
        progress?.Report(new ImportProgress(ImportStage.Checking, 0, 0, 0));
        var (register, history, map, historyMap) = await OpenAsync(request, cancellationToken);
        var notes = new List<string> { $"Register file: {register.Text.EncodingName}. {register.Text.Decision}" };
        if (history is not null)
        {
            notes.Add($"History file: {history.Text.EncodingName}. {history.Text.Decision}");
        }

        ImportDateFormat format;
        if (request.DateFormat is { } chosen)
        {
            format = chosen;
            notes.Add($"Dates are read as {ImportDates.Describe(format)}, as chosen.");
        }
        else
        {
            var suggestion = await TallyDatesAsync(register, map, history, historyMap, cancellationToken);
            format = suggestion.Suggested ?? throw new DomainException("DateFormat", suggestion.Describe());
            notes.Add($"Dates are read as {ImportDates.Describe(format)}: {suggestion.Describe()}");
        }

        var target = await TargetAsync(withExisting: true, RegisterImportRun.Comparison(map, history is not null), cancellationToken);
        var problems = new ProblemLog(MaxReportedProblems);
        ImportHistory? book = null;
        if (history is not null)
        {
            progress?.Report(new ImportProgress(ImportStage.ReadingHistory, 0, 0, history.Text.Bytes));
            book = await ImportHistory.ReadAsync(history, historyMap!, format, target.Classes, target.Today, problems, progress, cancellationToken);
        }

        var run = new RegisterImportRun(register, map, format, target, book, problems);
        var deferred = new List<(int Index, ImportedMember Member, long Id)>();
        var committed = false;
        if (dryRun || problems.Count > 0)
        {
            await run.RunAsync(_ => ValueTask.CompletedTask, (m, id) => ExplainAsync(m, id, map, history is not null, target, cancellationToken), progress, cancellationToken);
        }
        else
        {
            committed = await WriteAsync(actor, request, run, register, history, format, problems, deferred, progress, cancellationToken);
        }

        // Differences found while the import held the register's tables are explained now that it has let go of them.
        foreach (var (index, member, id) in deferred)
        {
            if (await ExplainAsync(member, id, map, history is not null, target, cancellationToken) is { } what)
            {
                problems.Explain(index, what);
            }
        }

        if (run.SocietiesWithoutNumber > 0)
        {
            notes.Add($"{Count(run.SocietiesWithoutNumber)} registered {(run.SocietiesWithoutNumber == 1 ? "society has" : "societies have")} no registration number: the file has no column for it. Add each on the member's page.");
        }

        if (target.Existing is { } existing)
        {
            notes.Add($"The register already had {Count(existing.Count)} members; the file's members were compared with them by member number.");
        }

        var report = new ImportReport
        {
            FileName = register.FileName,
            HistoryFileName = history?.FileName,
            DryRun = dryRun,
            Committed = committed,
            Encoding = register.Text.EncodingName,
            HistoryEncoding = history?.Text.EncodingName,
            Separator = await SeparatorAsync(register, cancellationToken),
            DateFormat = format,
            Rows = run.Rows,
            BlankRows = run.BlankRows,
            HistoryRows = book?.Rows ?? 0,
            Members = run.Members,
            CurrentMembers = run.CurrentMembers,
            CeasedMembers = run.CeasedMembers,
            NewMembers = run.NewMembers,
            UnchangedMembers = run.UnchangedMembers,
            LedgerEntries = run.LedgerEntries,
            Shares = run.Shares,
            CapitalPence = run.Pence,
            ProblemCount = problems.Count,
            Problems = problems.Listed,
            Notes = notes,
            Reconciliation = Reconcile(request.Expected, run),
            Elapsed = started.Elapsed,
        };
        progress?.Report(new ImportProgress(ImportStage.Done, run.Rows, register.Text.Bytes, register.Text.Bytes));
        return report;
    }

    /// <summary>
    /// Reads the register file on this thread while the bulk writer writes the members it hands over, batch by batch,
    /// on another, all in one transaction with the large tables' indexes rebuilt at the end. The writing stops at the
    /// first problem (the reading goes on, to report them all), and the transaction commits only when the whole file
    /// was read without a problem and the totals agree; otherwise disposing the writer rolls everything back.
    /// </summary>
    private async Task<bool> WriteAsync(Actor actor, RegisterImportRequest request, RegisterImportRun run, ImportSourceFile register, ImportSourceFile? history,
        ImportDateFormat format, ProblemLog problems, List<(int Index, ImportedMember Member, long Id)> deferred, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var writer = await RegisterBulkWriter.OpenAsync(db, RegisterBulkMode.SingleTransaction, cancellationToken);
        var keys = writer.KeyAssigner(await writer.ReadKeysAsync(cancellationToken));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var reconciled = false;

        // The reading thread reads and checks; this one makes the register's rows from the checked members (their
        // search keys, ledger entries and holdings, numbered in file order) and writes them, so that both cores work.
        var producer = Task.Run(async () =>
        {
            try
            {
                var chunk = new Chunk();
                async ValueTask Accept(ImportedMember member)
                {
                    // After the first problem nothing more is written: the transaction will be rolled back.
                    if (member.Unchanged || problems.Count > 0)
                    {
                        return;
                    }

                    chunk.Members.Add(member);
                    if (chunk.Members.Count >= BatchSize)
                    {
                        await channel.Writer.WriteAsync(chunk, stop.Token);
                        chunk = new Chunk();
                    }
                }

                ValueTask<string?> Explain(ImportedMember member, long id)
                {
                    // The tables may be locked by this import's own transaction: say what differs once it is over.
                    deferred.Add((problems.Listed.Count, member, id));
                    return ValueTask.FromResult<string?>(null);
                }

                await run.RunAsync(Accept, Explain, progress, stop.Token);
                reconciled = Reconcile(request.Expected, run).All(r => r.Matches);
                if (problems.Count == 0 && reconciled && run.NewMembers > 0)
                {
                    chunk.Audit = Audit(actor, now, register, history, format, run);
                    await channel.Writer.WriteAsync(chunk, stop.Token);
                }

                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        var written = 0L;
        try
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync(cancellationToken))
            {
                var batch = new RegisterBatch(keys.Next) { KeepsMemberNumbers = true };
                foreach (var member in chunk.Members)
                {
                    Add(batch, member, keys, actor.Name, now);
                }

                if (chunk.Audit is { } audit)
                {
                    keys.AssignKey(audit);
                    batch.AuditEvents.Add(audit);
                }

                batch.End = keys.Next;
                await writer.WriteAsync(batch, cancellationToken);
                written += batch.Members.Count;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }

        if (problems.Count > 0 || !reconciled || written == 0)
        {
            // Disposing the writer rolls back whatever was written.
            return false;
        }

        progress?.Report(new ImportProgress(ImportStage.Indexing, run.Rows, register.Text.Bytes, register.Text.Bytes));
        await writer.CompleteAsync(cancellationToken);
        return true;
    }

    /// <summary>Checked members handed from the reading thread to the writing one; the last carries the import's audit event.</summary>
    private sealed class Chunk
    {
        public List<ImportedMember> Members { get; } = new(BatchSize);

        public AuditEvent? Audit { get; set; }
    }

    /// <summary>A checked member as the register stores it: the member with its number kept, its ledger entries and a holding per class.</summary>
    private static void Add(RegisterBatch batch, ImportedMember m, BulkKeyAssigner keys, string recordedBy, DateTime now)
    {
        var member = Member.CarriedOver(keys.UseMemberNumber(m.Number), m.Details, m.Entered, m.Ceased, m.CeasedReason, now);
        var id = keys.AssignKey(member);
        batch.Members.Add(member);
        foreach (var e in m.Entries)
        {
            var entry = e.Kind == LedgerEntryKind.Allotment
                ? LedgerEntry.Allotment(id, e.Class.Id, e.Date, e.Shares, e.Pence, e.Reference ?? "", null, now, recordedBy)
                : LedgerEntry.Movement(e.Kind, id, e.Class.Id, e.Date, e.Shares, e.Pence, e.Reference, null, now, recordedBy);
            keys.AssignKey(entry);
            batch.LedgerEntries.Add(entry);
        }

        foreach (var h in m.Holdings)
        {
            batch.Holdings.Add(Holding.Of(id, h.Class.Id, h.Shares, h.Pence));
        }
    }

    private static AuditEvent Audit(Actor actor, DateTime now, ImportSourceFile register, ImportSourceFile? history, ImportDateFormat format, RegisterImportRun run)
    {
        var files = history is null ? $"'{register.FileName}'" : $"'{register.FileName}' with the history in '{history.FileName}'";
        var unchanged = run.UnchangedMembers > 0 ? $"; {Count(run.UnchangedMembers)} already in the register were left unchanged" : "";
        return AuditEvent.Record(now, actor.UserId, actor.Name, "register.imported", "Register", register.FileName,
            $"Imported {Count(run.NewMembers)} members ({Count(run.CurrentMembers)} current, {Count(run.CeasedMembers)} ceased in the file) with {Count(run.LedgerEntries)} ledger entries " +
            $"from {files}: {Count(run.Rows)} rows, {Count(run.Shares)} shares, {new Money(run.Pence).Format()} paid{unchanged}.",
            null,
            AuditTrail.Snapshot(new
            {
                File = register.FileName,
                HistoryFile = history?.FileName,
                register.Text.EncodingName,
                DateFormat = ImportDates.Key(format),
                run.Rows,
                run.Members,
                run.NewMembers,
                run.UnchangedMembers,
                run.CurrentMembers,
                run.CeasedMembers,
                run.LedgerEntries,
                run.Shares,
                CapitalPence = run.Pence,
            }));
    }

    private static IReadOnlyList<ReconciliationLine> Reconcile(ExpectedTotals expected, RegisterImportRun run)
    {
        var lines = new List<ReconciliationLine>();
        if (expected.Members is { } members)
        {
            lines.Add(new("Current members", Count(run.CurrentMembers), Count(members), run.CurrentMembers == members));
        }

        if (expected.Shares is { } shares)
        {
            lines.Add(new("Shares held", Count(run.Shares), Count(shares), run.Shares == shares));
        }

        if (expected.CapitalPence is { } capital)
        {
            lines.Add(new("Amount paid", new Money(run.Pence).Format(), new Money(capital).Format(), run.Pence == capital));
        }

        return lines;
    }

    /// <summary>What differs between a member in the register and the same member number in the file, in the file's words.</summary>
    private async ValueTask<string?> ExplainAsync(ImportedMember file, long id, ColumnMap<RegisterField> map, bool history, ImportTarget target, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var m = await db.Members.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.Details, x.DateEntered, x.DateCeased, x.CeasedReason }).SingleOrDefaultAsync(cancellationToken);
        if (m is null)
        {
            return null;
        }

        var comparison = RegisterImportRun.Comparison(map, history);
        var differences = new List<string>();
        string Label(RegisterField f) => map[f] ?? ImportFields.Info(f).Label;
        void Compare(RegisterField f, string? inRegister, string? inFile)
        {
            if (!string.Equals(inRegister ?? "", inFile ?? "", StringComparison.Ordinal))
            {
                differences.Add($"{Label(f)} ('{ImportHistory.Shorten(inRegister ?? "")}' in the register, '{ImportHistory.Shorten(inFile ?? "")}' in the file)");
            }
        }

        string Holders(PersonDetails d) => string.Join("; ", d.JointHolders.Select(h => h.Name));
        string? Day(DateOnly? d) => d is { } x ? ImportHistory.Iso(x) : null;
        var r = m.Details;
        var f = file.Details;
        Compare(map.Has(RegisterField.Name) ? RegisterField.Name : RegisterField.FamilyName, r.Name, f.Name);
        Compare(RegisterField.Kind, r.Kind.Describe(), f.Kind.Describe());
        Compare(RegisterField.ActingFor, r.RepresentedBody, f.RepresentedBody);
        Compare(RegisterField.Representative, r.RepresentativeName, f.RepresentativeName);
        Compare(RegisterField.JointHolders, Holders(r), Holders(f));
        Compare(RegisterField.Address, r.Address.Replace('\n', ','), f.Address.Replace('\n', ','));
        Compare(RegisterField.Postcode, r.Postcode, f.Postcode);
        Compare(RegisterField.Country, r.Country, f.Country);
        Compare(RegisterField.Email, r.NoticesByEmail ? r.Email : null, f.NoticesByEmail ? f.Email : null);
        Compare(RegisterField.NoticesByEmail, r.NoticesByEmail ? "Yes" : "No", f.NoticesByEmail ? "Yes" : "No");
        Compare(RegisterField.DateEntered, Day(m.DateEntered), Day(file.Entered));
        Compare(RegisterField.DateCeased, Day(m.DateCeased), Day(file.Ceased));
        if (comparison.Phone)
        {
            Compare(RegisterField.Phone, r.Phone, f.Phone);
        }

        if (comparison.DateOfBirth)
        {
            Compare(RegisterField.DateOfBirth, Day(r.DateOfBirth), Day(f.DateOfBirth));
        }

        if (comparison.RegistrationNumber)
        {
            Compare(RegisterField.RegistrationNumber, r.OrganisationNumber, f.OrganisationNumber);
        }

        if (comparison.ReasonCeased)
        {
            Compare(RegisterField.ReasonCeased, m.CeasedReason, file.CeasedReason);
        }

        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.MemberId == id)
            .Select(e => new { e.ShareClassId, e.Shares, e.AmountPaidPence }).ToListAsync(cancellationToken);
        if (history)
        {
            if (entries.Count != file.Entries.Count)
            {
                differences.Add($"the share history ({entries.Count.ToString(CultureInfo.InvariantCulture)} events in the register, {file.Entries.Count.ToString(CultureInfo.InvariantCulture)} in the history file)");
            }
            else if (differences.Count == 0)
            {
                differences.Add("the dates or amounts of the share history");
            }
        }

        foreach (var shareClass in target.Classes.All)
        {
            var held = entries.Where(e => e.ShareClassId == shareClass.Id).ToList();
            var (shares, pence) = (held.Sum(e => e.Shares), held.Sum(e => e.AmountPaidPence));
            var inFile = file.Holdings.Where(h => h.Class.Id == shareClass.Id).ToList();
            var (fileShares, filePence) = (inFile.Sum(h => h.Shares), inFile.Sum(h => h.Pence));
            if (shares != fileShares)
            {
                differences.Add($"{map[RegisterField.Shares] ?? "Shares held"} of {shareClass.Name.ToLowerInvariant()} ({Count(shares)} in the register, {Count(fileShares)} in the file)");
            }
            else if (pence != filePence)
            {
                differences.Add($"{map[RegisterField.AmountPaid] ?? "Amount paid"} on {shareClass.Name.ToLowerInvariant()} ({new Money(pence).Format()} in the register, {new Money(filePence).Format()} in the file)");
            }
        }

        return differences.Count == 0 ? null : string.Join("; ", differences);
    }

    /// <summary>Checks the files are text, reads their headers, and settles and checks the column maps.</summary>
    private async Task<(ImportSourceFile Register, ImportSourceFile? History, ColumnMap<RegisterField> Map, ColumnMap<HistoryField>? HistoryMap)> OpenAsync(
        RegisterImportRequest request, CancellationToken cancellationToken)
    {
        var registerText = await ImportTextFile.CheckAsync(request.Register.Path, request.Register.Encoding, "register file", cancellationToken);
        var register = new ImportSourceFile(request.Register.Path, request.Register.FileName, registerText);
        var headers = await HeadersAsync(register, "register file", cancellationToken);
        var map = request.Map ?? ColumnMap<RegisterField>.Suggest(headers);
        var errors = map.Check(headers, "register file").ToList();

        ImportSourceFile? history = null;
        ColumnMap<HistoryField>? historyMap = null;
        if (request.History is { } h)
        {
            var historyText = await ImportTextFile.CheckAsync(h.Path, h.Encoding, "history file", cancellationToken);
            history = new ImportSourceFile(h.Path, h.FileName, historyText);
            var historyHeaders = await HeadersAsync(history, "history file", cancellationToken);
            historyMap = request.HistoryMap ?? ColumnMap<HistoryField>.Suggest(historyHeaders);
            errors.AddRange(historyMap.Check(historyHeaders, "history file"));
        }

        return errors.Count > 0 ? throw new DomainException(errors) : (register, history, map, historyMap);
    }

    private static async Task<IReadOnlyList<string>> HeadersAsync(ImportSourceFile file, string label, CancellationToken cancellationToken)
    {
        using var reader = ImportCsv.Open(file.Path, file.Text, null);
        return await ImportCsv.ReadHeaderAsync(reader, label, cancellationToken);
    }

    private static async Task<string> SeparatorAsync(ImportSourceFile file, CancellationToken cancellationToken)
    {
        using var reader = ImportCsv.Open(file.Path, file.Text, null);
        await reader.ReadHeaderAsync(cancellationToken);
        return ImportCsv.DescribeSeparator(reader.Separator);
    }

    /// <summary>Every date in the date columns of both files, tallied by the formats it fits: the suggestion is the format that fits them all.</summary>
    private static async Task<DateFormatSuggestion> TallyDatesAsync(ImportSourceFile register, ColumnMap<RegisterField> map, ImportSourceFile? history,
        ColumnMap<HistoryField>? historyMap, CancellationToken cancellationToken)
    {
        var tally = new ImportDates.Tally();
        await TallyAsync(register, f => map[(RegisterField)f], ImportFields.Register.Count, [(int)RegisterField.DateEntered, (int)RegisterField.DateCeased, (int)RegisterField.DateOfBirth], tally, cancellationToken);
        if (history is not null && historyMap is not null)
        {
            await TallyAsync(history, f => historyMap[(HistoryField)f], ImportFields.History.Count, [(int)HistoryField.Date], tally, cancellationToken);
        }

        return tally.Suggest();
    }

    private static async Task TallyAsync(ImportSourceFile file, Func<int, string?> headerOf, int fieldCount, int[] dateFields, ImportDates.Tally tally, CancellationToken cancellationToken)
    {
        using var reader = ImportCsv.Open(file.Path, file.Text, null);
        var headers = await ImportCsv.ReadHeaderAsync(reader, "file", cancellationToken);
        var row = new ImportRow(reader, headers, fieldCount, headerOf);
        var fields = dateFields.Where(row.Has).ToArray();
        if (fields.Length == 0)
        {
            return;
        }

        try
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                foreach (var f in fields)
                {
                    row.TallyDate(f, tally);
                }
            }
        }
        catch (CsvHelper.CsvFormatException)
        {
            // A file that breaks off is reported, with its line, by the check itself; the dates before it are enough here.
        }
    }

    /// <summary>The society, its share classes, today, and (for a check or an import) the members already in the register.</summary>
    private async Task<ImportTarget> TargetAsync(bool withExisting, ImportComparison? comparison, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var society = (await db.Societies.AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.Details
            ?? throw new DomainException("Society", "The register has not been set up yet: the society's first-run setup comes before an import.");
        var classes = await db.ShareClasses.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        if (classes.Count == 0)
        {
            throw new DomainException("ShareClass", "The society has no share classes yet: set up the ordinary shares (Administration, Share classes) before an import.");
        }

        var existing = withExisting && comparison is not null ? await ExistingRegister.LoadAsync(db, comparison, cancellationToken) : null;
        var today = DateOnly.FromDateTime(Now);
        return new ImportTarget(society, new ImportShareClasses(classes), today, existing, $"Imported {ImportHistory.Iso(today)}");
    }

    private async Task RequireAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
    }

    /// <summary>A field's value as the import reads it, for the preview.</summary>
    private static string Shown(ImportRow row, RegisterField field, ImportDateFormat format)
    {
        var f = (int)field;
        if (row.IsEmpty(f))
        {
            return "";
        }

        switch (field)
        {
            case RegisterField.DateEntered or RegisterField.DateCeased or RegisterField.DateOfBirth:
                return row.TryDate(f, format, out var d) ? ImportHistory.Iso(d) : $"{row.Text(f)} (not a date)";
            case RegisterField.AmountPaid:
                return row.TryPence(f, out var pence) ? new Money(pence).Format() : $"{row.Text(f)} (not an amount)";
            case RegisterField.Shares or RegisterField.MemberNumber:
                return row.TryWhole(f, out var n) ? n.ToString("#,##0", CultureInfo.InvariantCulture) : $"{row.Text(f)} (not a number)";
            case RegisterField.Kind:
                return RegisterImportRun.ParseKind(row.Text(f))?.Describe() ?? $"{row.Text(f)} (not a kind)";
            default:
                return row.Text(f).Replace("\n", " / ", StringComparison.Ordinal);
        }
    }

    private static string Label(ImportFileKind kind) => kind == ImportFileKind.History ? "history file" : "register file";

    private static string Count(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);
}
