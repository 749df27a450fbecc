using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Audit;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CoopRegister.Data.Bulk;

/// <summary>
/// Writes large numbers of new register rows far faster than EF's change tracker can (a million members with their
/// ledger in under a minute): on SQLite with prepared INSERT commands whose parameters are reused row after row, on
/// PostgreSQL with binary COPY. Tables, columns, types and value conversions come from the EF model, so what is
/// written reads back through EF exactly as if EF had written it.
/// <para>
/// Every batch writes its rows, moves the member counter past the batch's numbers and (PostgreSQL) the identity
/// sequences past its keys, so that the app goes on numbering and inserting afterwards without a gap or a collision.
/// A batch is refused if the register's keys are no longer where the batch was numbered from (another writer added
/// rows meanwhile); while the writer holds its transaction, other writers wait (SQLite: the write lock; PostgreSQL: a
/// SHARE ROW EXCLUSIVE lock on the register tables, which readers pass).
/// </para>
/// <para>
/// <see cref="RegisterBulkMode.TransactionPerBatch"/>: each <see cref="WriteAsync"/> is one transaction.
/// <see cref="RegisterBulkMode.SingleTransaction"/>: the first batch opens one transaction, drops the secondary
/// indexes of the members, ledger and holdings tables (keeping each one's exact definition from the database's
/// catalogue) and, on PostgreSQL, their foreign keys, and <see cref="CompleteAsync"/> makes them again and commits:
/// building an index once from the finished table, and checking a foreign key once over it, costs far less than doing
/// either row by row through millions of inserts. Because they are dropped and made again inside the transaction, an
/// interrupted load leaves the register as it was, indexes, keys and all. On PostgreSQL, dropping them locks the
/// tables against readers too until the load commits; a single-transaction load is meant for an empty register.
/// </para>
/// </summary>
public abstract class RegisterBulkWriter : IAsyncDisposable
{
    private readonly ISqlGenerationHelper _sql;
    private readonly string _keysSql;
    private readonly string _counterSql;
    private readonly List<string> _restore = [];
    private bool _opened;
    private DbTransaction? _load;
    private RegisterKeys? _expected;

    private protected RegisterBulkWriter(RegisterDbContext db)
    {
        Db = db;
        _sql = db.GetService<ISqlGenerationHelper>();
        var model = db.Model;
        Members = BulkTable.For<Member>(model);
        LedgerEntries = BulkTable.For<LedgerEntry>(model);
        Holdings = BulkTable.For<Holding>(model);
        Applications = BulkTable.For<ShareApplication>(model);
        ApplicationPayments = BulkTable.For<ApplicationPayment>(model);
        ApplicationEvents = BulkTable.For<ApplicationEvent>(model);
        AuditEvents = BulkTable.For<AuditEvent>(model);
        Counters = BulkTable.For<NumberCounter>(model);
        _keysSql = KeysSql(model);
        _counterSql = CounterSql(model);
    }

    /// <summary>The tables a batch writes, in the order foreign keys need.</summary>
    private protected IReadOnlyList<BulkTable> Tables => [Members, LedgerEntries, Holdings, Applications, ApplicationPayments, ApplicationEvents, AuditEvents];

    /// <summary>The tables whose secondary indexes a single-transaction load rebuilds at the end: the ones with a row or more per member.</summary>
    private protected IReadOnlyList<BulkTable> LargeTables => [Members, LedgerEntries, Holdings];

    public RegisterBulkMode Mode { get; private init; }

    private protected RegisterDbContext Db { get; }

    private protected DbConnection Connection => Db.Database.GetDbConnection();

    private protected BulkTable Members { get; }

    private protected BulkTable LedgerEntries { get; }

    private protected BulkTable Holdings { get; }

    private protected BulkTable Applications { get; }

    private protected BulkTable ApplicationPayments { get; }

    private protected BulkTable ApplicationEvents { get; }

    private protected BulkTable AuditEvents { get; }

    private protected BulkTable Counters { get; }

    /// <summary>A writer for the context's provider, over the context's connection (opened, with its usual settings).</summary>
    public static async Task<RegisterBulkWriter> OpenAsync(RegisterDbContext db, RegisterBulkMode mode = RegisterBulkMode.TransactionPerBatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        RegisterBulkWriter writer = db.Database.IsSqlite() ? new SqliteBulkWriter(db) { Mode = mode }
            : db.Database.IsNpgsql() ? new PostgresBulkWriter(db) { Mode = mode }
            : throw new NotSupportedException($"Bulk writing is not available for {db.Database.ProviderName}.");
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            writer._opened = true;
            await writer.OnOpenedAsync(cancellationToken);
            return writer;
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }
    }

    /// <summary>A key assigner for the model this writer writes, numbering from <paramref name="start"/>.</summary>
    public BulkKeyAssigner KeyAssigner(RegisterKeys start) => new(Db.Model, start);

    /// <summary>Where the register's keys and member numbers stand now.</summary>
    public async Task<RegisterKeys> ReadKeysAsync(CancellationToken cancellationToken = default) =>
        await ReadKeysAsync(null, cancellationToken);

    /// <summary>
    /// Writes one batch: in its own transaction (all or nothing; cancelling rolls this batch back and earlier batches stay
    /// written), or in the load's single transaction, which <see cref="CompleteAsync"/> commits.
    /// </summary>
    public async Task WriteAsync(RegisterBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CheckNumbering(batch);
        cancellationToken.ThrowIfCancellationRequested();
        var single = Mode == RegisterBulkMode.SingleTransaction;
        var transaction = single ? _load : null;
        if (transaction is null)
        {
            transaction = await BeginAsync(cancellationToken);
            try
            {
                var now = await ReadKeysAsync(transaction, cancellationToken);
                CheckStart(batch, now);
                if (single)
                {
                    await SuspendIndexesAsync(transaction, cancellationToken);
                }
            }
            catch
            {
                await transaction.DisposeAsync();
                throw;
            }

            _load = single ? transaction : null;
        }
        else
        {
            // The load's transaction has held the lock since its first batch: the keys are where the last batch left them.
            CheckStart(batch, _expected!);
        }

        try
        {
            await WriteRowsAsync(transaction, Members, batch.Members, cancellationToken);
            await WriteRowsAsync(transaction, LedgerEntries, batch.LedgerEntries, cancellationToken);
            await WriteRowsAsync(transaction, Holdings, batch.Holdings, cancellationToken);
            await WriteRowsAsync(transaction, Applications, batch.Applications, cancellationToken);
            await WriteRowsAsync(transaction, ApplicationPayments, batch.Applications.SelectMany(a => a.Payments), cancellationToken);
            await WriteRowsAsync(transaction, ApplicationEvents, batch.Applications.SelectMany(a => a.Events), cancellationToken);
            await AuditChain.LinkNewAsync(transaction, batch.AuditEvents, cancellationToken);
            await WriteRowsAsync(transaction, AuditEvents, batch.AuditEvents, cancellationToken);
            await AfterRowsAsync(transaction, batch, cancellationToken);
            if (batch.Members.Count > 0)
            {
                await SetMemberCounterAsync(transaction, batch.End.NextMemberNumber, cancellationToken);
            }

            _expected = batch.End;
            if (!single)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (!single)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Ends a single-transaction load: rebuilds the indexes it dropped, from their definitions as they were, and
    /// commits. Nothing to do for a writer with a transaction per batch, or before the first batch.
    /// </summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_load is not { } transaction)
        {
            return;
        }

        await ExecuteAsync(transaction, _restore, cancellationToken);
        _restore.Clear();
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(cancellationToken);
        await transaction.DisposeAsync();
        _load = null;
        await AfterLoadAsync(CancellationToken.None);
    }

    /// <summary>Closes the writer; a single-transaction load not completed is rolled back, dropped indexes and all.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_load is { } transaction)
        {
            _load = null;
            await transaction.DisposeAsync();
        }

        await DisposeCoreAsync();
        if (_opened)
        {
            _opened = false;
            await Db.Database.CloseConnectionAsync();
        }

        GC.SuppressFinalize(this);
    }

    private protected virtual Task OnOpenedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private protected abstract Task<DbTransaction> BeginAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The name and the exact CREATE statement of each index of a table that is neither its primary key nor behind a
    /// constraint, as the database's catalogue holds them.
    /// </summary>
    private protected abstract Task<IReadOnlyList<(string Name, string Create)>> SecondaryIndexesAsync(DbTransaction transaction, BulkTable table, CancellationToken cancellationToken);

    /// <summary>
    /// The foreign keys of a table that can be dropped and added again (name and definition), or none where the engine
    /// keeps them in the table's own definition (SQLite, whose checks are cheap anyway).
    /// </summary>
    private protected virtual Task<IReadOnlyList<(string Name, string Definition)>> ForeignKeysAsync(DbTransaction transaction, BulkTable table, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(string, string)>>([]);

    private protected abstract Task WriteRowsAsync(DbTransaction transaction, BulkTable table, IEnumerable<object> rows, CancellationToken cancellationToken);

    /// <summary>Called after the rows, inside the transaction (PostgreSQL moves its identity sequences here).</summary>
    private protected virtual Task AfterRowsAsync(DbTransaction transaction, RegisterBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called after a single-transaction load has committed (SQLite gives back the space its log took).</summary>
    private protected virtual Task AfterLoadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    /// <summary>A table's name, quoted for the provider's SQL.</summary>
    private protected string Quote(BulkTable table) => _sql.DelimitIdentifier(table.Name, table.Schema);

    private protected string Quote(string identifier) => _sql.DelimitIdentifier(identifier);

    private static void CheckStart(RegisterBatch batch, RegisterKeys now)
    {
        if (now != batch.Start)
        {
            throw new InvalidOperationException(
                $"The register changed while the batch was prepared (another writer added rows): the batch starts at member number {batch.Start.NextMemberNumber.ToString(CultureInfo.InvariantCulture)}, " +
                $"the register's next member number is {now.NextMemberNumber.ToString(CultureInfo.InvariantCulture)}. Nothing of this batch was written.");
        }
    }

    /// <summary>
    /// Drops the large tables' secondary indexes and foreign keys for a single-transaction load, remembering how to
    /// make them again: the indexes first (so that the keys are checked with them in place), then the foreign keys,
    /// which the database then checks once over the whole table instead of once per row.
    /// </summary>
    private async Task SuspendIndexesAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        var foreignKeys = new List<string>();
        foreach (var table in LargeTables)
        {
            foreach (var (name, create) in await SecondaryIndexesAsync(transaction, table, cancellationToken))
            {
                await ExecuteAsync(transaction, ["DROP INDEX " + Quote(name)], cancellationToken);
                _restore.Add(create);
            }

            foreach (var (name, definition) in await ForeignKeysAsync(transaction, table, cancellationToken))
            {
                await ExecuteAsync(transaction, [$"ALTER TABLE {Quote(table)} DROP CONSTRAINT {Quote(name)}"], cancellationToken);
                foreignKeys.Add($"ALTER TABLE {Quote(table)} ADD CONSTRAINT {Quote(name)} {definition}");
            }
        }

        _restore.AddRange(foreignKeys);
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Index statements come from the database's own catalogue or are built from the EF model's names.")]
    private async Task ExecuteAsync(DbTransaction transaction, IEnumerable<string> statements, CancellationToken cancellationToken)
    {
        foreach (var sql in statements)
        {
            await using var command = Connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;

            // Rebuilding an index over millions of rows takes longer than the provider's default command timeout.
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The keys of a batch must lie in the range it was numbered over, and its member numbers must run on without a gap;
    /// or, for a batch that keeps numbers given to it (<see cref="RegisterBatch.KeepsMemberNumbers"/>), each number
    /// must be at least 1, below the batch's closing number and not repeated in the batch (the unique index on the
    /// member number refuses one that is already in the register).
    /// </summary>
    private static void CheckNumbering(RegisterBatch batch)
    {
        var start = batch.Start;
        var end = batch.End;
        var kept = batch.KeepsMemberNumbers ? new HashSet<long>(batch.Members.Count) : null;
        for (var i = 0; i < batch.Members.Count; i++)
        {
            var m = batch.Members[i];
            if (kept is not null)
            {
                if (m.MemberNumber < 1 || m.MemberNumber >= end.NextMemberNumber || !kept.Add(m.MemberNumber))
                {
                    throw new InvalidOperationException($"Member {i.ToString(CultureInfo.InvariantCulture)} of the batch has number {m.MemberNumber.ToString(CultureInfo.InvariantCulture)}, which is repeated in the batch or outside 1–{(end.NextMemberNumber - 1).ToString(CultureInfo.InvariantCulture)}.");
                }
            }
            else if (m.MemberNumber != start.NextMemberNumber + i)
            {
                throw new InvalidOperationException($"Member numbers in a batch must run on from {start.NextMemberNumber.ToString(CultureInfo.InvariantCulture)} without a gap; member {i.ToString(CultureInfo.InvariantCulture)} of the batch has number {m.MemberNumber.ToString(CultureInfo.InvariantCulture)}.");
            }

            InRange("Members", m.Id, start.NextMemberId, end.NextMemberId);
        }

        if (kept is null ? end.NextMemberNumber != start.NextMemberNumber + batch.Members.Count : end.NextMemberNumber < start.NextMemberNumber)
        {
            throw new InvalidOperationException("The batch's closing member number does not follow its members.");
        }

        foreach (var e in batch.LedgerEntries)
        {
            InRange("LedgerEntries", e.Id, start.NextLedgerEntryId, end.NextLedgerEntryId);
        }

        foreach (var a in batch.Applications)
        {
            InRange("Applications", a.Id, start.NextApplicationId, end.NextApplicationId);
            foreach (var p in a.Payments)
            {
                InRange("ApplicationPayments", p.Id, start.NextApplicationPaymentId, end.NextApplicationPaymentId);
            }

            foreach (var e in a.Events)
            {
                InRange("ApplicationEvents", e.Id, start.NextApplicationEventId, end.NextApplicationEventId);
            }
        }

        foreach (var e in batch.AuditEvents)
        {
            InRange("AuditEvents", e.Id, start.NextAuditEventId, end.NextAuditEventId);
        }

        static void InRange(string table, long id, long from, long to)
        {
            if (id < from || id >= to)
            {
                throw new InvalidOperationException($"A row of {table} has key {id.ToString(CultureInfo.InvariantCulture)}, outside the batch's keys {from.ToString(CultureInfo.InvariantCulture)}–{(to - 1).ToString(CultureInfo.InvariantCulture)}: assign keys with the batch's key assigner.");
            }
        }
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The SQL is built once from the EF model's table and column names; the counter name is a parameter.")]
    private async Task<RegisterKeys> ReadKeysAsync(DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _keysSql;
        AddParameter(command, "@counter", NumberCounter.MemberNumbers);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("The register's keys could not be read.");
        }

        long At(int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
        var counterNext = At(2);
        return new RegisterKeys(
            NextMemberId: At(0) + 1,
            NextMemberNumber: Math.Max(Math.Max(counterNext, 1), At(1) + 1),
            NextLedgerEntryId: At(3) + 1,
            NextApplicationId: At(4) + 1,
            NextApplicationPaymentId: At(5) + 1,
            NextApplicationEventId: At(6) + 1,
            NextAuditEventId: At(7) + 1);
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The SQL is built once from the EF model's table and column names; the values are parameters.")]
    private async Task SetMemberCounterAsync(DbTransaction transaction, long next, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _counterSql;
        AddParameter(command, "@counter", NumberCounter.MemberNumbers);
        AddParameter(command, "@next", next);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private string Column<T>(IModel model, string property) =>
        Quote(model.FindEntityType(typeof(T))!.FindProperty(property)!.GetColumnName());

    /// <summary>The largest key of each numbered table, the largest member number and the member counter, in one query.</summary>
    private string KeysSql(IModel model)
    {
        string Max(BulkTable table, string column) => $"(SELECT COALESCE(MAX({column}), 0) FROM {Quote(table)})";
        var memberNumber = Column<Member>(model, nameof(Member.MemberNumber));
        var counterName = Column<NumberCounter>(model, nameof(NumberCounter.Name));
        var counterNext = Column<NumberCounter>(model, nameof(NumberCounter.Next));
        return "SELECT "
            + Max(Members, Quote(Members.KeyColumn)) + ", "
            + Max(Members, memberNumber) + ", "
            + $"(SELECT COALESCE(MAX({counterNext}), 0) FROM {Quote(Counters)} WHERE {counterName} = @counter), "
            + Max(LedgerEntries, Quote(LedgerEntries.KeyColumn)) + ", "
            + Max(Applications, Quote(Applications.KeyColumn)) + ", "
            + Max(ApplicationPayments, Quote(ApplicationPayments.KeyColumn)) + ", "
            + Max(ApplicationEvents, Quote(ApplicationEvents.KeyColumn)) + ", "
            + Max(AuditEvents, Quote(AuditEvents.KeyColumn));
    }

    /// <summary>
    /// Sets the member counter past the batch, creating it if need be, and bumps its concurrency version as any update
    /// through EF does, so that a writer that read the counter before the batch gets a conflict rather than a duplicate.
    /// </summary>
    private string CounterSql(IModel model)
    {
        var name = Column<NumberCounter>(model, nameof(NumberCounter.Name));
        var next = Column<NumberCounter>(model, nameof(NumberCounter.Next));
        var version = Column<NumberCounter>(model, RegisterDbContext.VersionProperty);
        var table = Quote(Counters);
        return $"INSERT INTO {table} ({name}, {next}, {version}) VALUES (@counter, @next, 0) "
            + $"ON CONFLICT ({name}) DO UPDATE SET {next} = @next, {version} = {table}.{version} + 1";
    }
}
