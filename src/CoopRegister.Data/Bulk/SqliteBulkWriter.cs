using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CoopRegister.Data.Bulk;

/// <summary>
/// SQLite: one IMMEDIATE transaction per batch (the write lock is taken at BEGIN, so the keys read at the start of the
/// batch cannot move under it) and prepared INSERT statements per table, of 32 rows and of one, whose parameters are
/// bound again for every row. The connection keeps its usual settings, including full synchronisation: a committed batch survives a power
/// cut. Only the page cache is enlarged while the writer is open, so that the search indexes being filled in random
/// order stay in memory instead of being read back from disk.
/// <para>
/// The statements are driven through SQLitePCL, the layer under Microsoft.Data.Sqlite, on the same connection and in
/// the same transaction: binding a parameter there costs about half as much as through <see cref="SqliteParameter"/>,
/// which is most of the time a million rows take. Each column is read through a compiled, typed accessor
/// (<see cref="BulkColumn.ProviderValue"/>: the model's members and value converter, without boxing) and bound by a
/// binder for its type. Values are stored exactly as Microsoft.Data.Sqlite stores EF's parameters (integers for whole
/// numbers and booleans, UTF-8 text for strings, dates as yyyy-MM-dd and instants as yyyy-MM-dd HH:mm:ss.FFFFFFF);
/// the tests compare bulk-written rows with rows EF wrote.
/// </para>
/// </summary>
internal sealed class SqliteBulkWriter(RegisterDbContext db) : RegisterBulkWriter(db)
{
    /// <summary>Page cache while writing, in KiB (SQLite's negative cache_size); a larger one measured no faster for a million members.</summary>
    private const int CacheKiB = 256 * 1024;


    private static readonly HashSet<Type> Supported = [typeof(string), typeof(long), typeof(int), typeof(short), typeof(byte), typeof(bool), typeof(DateOnly), typeof(DateTime)];

    /// <summary>
    /// Rows per INSERT statement: one statement of many rows costs SQLite one step where rows one by one cost one each.
    /// The parameters of a statement stay under SQLite's limit of 32,766 for the widest table.
    /// </summary>
    private const int RowsPerInsert = 32;

    private readonly Dictionary<(BulkTable Table, int Rows), sqlite3_stmt> _inserts = [];
    private readonly Dictionary<(BulkTable Table, int Rows), ColumnBinder[]> _binders = [];
    private byte[] _text = new byte[1024];
    private long? _previousCacheSize;

    private SqliteConnection Sqlite => (SqliteConnection)Connection;

    private protected override async Task OnOpenedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in Tables)
        {
            foreach (var column in table.Columns)
            {
                var stored = column.Mapping.Converter?.ProviderClrType ?? column.Mapping.ClrType;
                if (!Supported.Contains(Nullable.GetUnderlyingType(stored) ?? stored))
                {
                    throw new NotSupportedException($"{table.Name}.{column.Name} is stored as {stored.Name}, which the SQLite bulk writer does not bind.");
                }
            }
        }

        await using var command = Sqlite.CreateCommand();
        command.CommandText = "PRAGMA cache_size";
        _previousCacheSize = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        command.CommandText = $"PRAGMA cache_size = -{CacheKiB.ToString(CultureInfo.InvariantCulture)}";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private protected override Task<DbTransaction> BeginAsync(CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(Sqlite.BeginTransaction(deferred: false));

    private protected override async Task<IReadOnlyList<(string Name, string Create)>> SecondaryIndexesAsync(DbTransaction transaction, BulkTable table, CancellationToken cancellationToken)
    {
        // Indexes SQLite makes itself for a primary key or a UNIQUE constraint have no SQL and cannot be dropped.
        await using var command = Sqlite.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL ORDER BY name";
        command.Parameters.AddWithValue("$table", table.Name);
        var indexes = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }

    private protected override Task WriteRowsAsync(DbTransaction transaction, BulkTable table, IEnumerable<object> rows, CancellationToken cancellationToken)
    {
        // Rows go in RowsPerInsert at a time, in their order (so keys rise as they are written); the rest one by one.
        var pending = new object[RowsPerInsert];
        var count = 0;
        var written = 0;
        foreach (var row in rows)
        {
            pending[count++] = row;
            if (count == RowsPerInsert)
            {
                Step(Insert(table, RowsPerInsert), Binders(table, RowsPerInsert), pending, count);
                count = 0;
                if (((written += RowsPerInsert) & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }

        for (var i = 0; i < count; i++)
        {
            pending[0] = pending[i];
            Step(Insert(table, 1), Binders(table, 1), pending, 1);
        }

        return Task.CompletedTask;
    }

    /// <summary>Binds <paramref name="count"/> rows to a statement made for that many and runs it.</summary>
    private void Step(sqlite3_stmt statement, ColumnBinder[] binders, object[] rows, int count)
    {
        var columns = binders.Length / count;
        for (var r = 0; r < count; r++)
        {
            var row = rows[r];
            var at = r * columns;
            for (var i = 0; i < columns; i++)
            {
                Check(binders[at + i].Bind(this, statement, at + i + 1, row));
            }
        }

        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
    }

    /// <summary>
    /// A load writes the whole register through the write-ahead log, which SQLite keeps at its largest size once used:
    /// after the commit has copied it into the database, truncate it, or a gigabyte of disk stays taken. If a reader
    /// is still using the log it is left as it is, to be truncated by a later checkpoint.
    /// </summary>
    private protected override async Task AfterLoadAsync(CancellationToken cancellationToken)
    {
        await using var command = Sqlite.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private protected override async ValueTask DisposeCoreAsync()
    {
        foreach (var statement in _inserts.Values)
        {
            statement.Dispose();
        }

        _inserts.Clear();
        if (_previousCacheSize is { } previous)
        {
            // The connection goes back to the pool: leave it with the cache it came with.
            await using var command = Sqlite.CreateCommand();
            command.CommandText = $"PRAGMA cache_size = {previous.ToString(CultureInfo.InvariantCulture)}";
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A binder for each parameter of a statement of <paramref name="rows"/> rows: each remembers what its own parameter holds.</summary>
    private ColumnBinder[] Binders(BulkTable table, int rows)
    {
        if (!_binders.TryGetValue((table, rows), out var binders))
        {
            var first = rows == 1 ? table.Columns.Select(ColumnBinder.For).ToArray() : Binders(table, 1);
            binders = rows == 1 ? first : Enumerable.Range(0, rows).SelectMany(_ => first.Select(b => b.Fresh())).ToArray();
            _binders[(table, rows)] = binders;
        }

        return binders;
    }

    private int BindText(sqlite3_stmt statement, int index, string s)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (needed > _text.Length)
        {
            _text = new byte[Math.Max(needed, _text.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(s, _text);
        return raw.sqlite3_bind_text(statement, index, _text.AsSpan(0, length));
    }

    /// <summary>yyyy-MM-dd, as Microsoft.Data.Sqlite writes a date.</summary>
    private int BindDate(sqlite3_stmt statement, int index, DateOnly date)
    {
        WriteDate(_text, date.Year, date.Month, date.Day);
        return raw.sqlite3_bind_text(statement, index, _text.AsSpan(0, 10));
    }

    /// <summary>yyyy-MM-dd HH:mm:ss.FFFFFFF, as Microsoft.Data.Sqlite writes an instant: the fraction without trailing zeros, and without its point when it is zero.</summary>
    private int BindInstant(sqlite3_stmt statement, int index, DateTime t)
    {
        var b = _text;
        WriteDate(b, t.Year, t.Month, t.Day);
        b[10] = (byte)' ';
        Two(b, 11, t.Hour);
        b[13] = (byte)':';
        Two(b, 14, t.Minute);
        b[16] = (byte)':';
        Two(b, 17, t.Second);
        var length = 19;
        var fraction = t.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            b[19] = (byte)'.';
            for (var i = 26; i >= 20; i--)
            {
                b[i] = (byte)('0' + (fraction % 10));
                fraction /= 10;
            }

            length = 27;
            while (b[length - 1] == (byte)'0')
            {
                length--;
            }
        }

        return raw.sqlite3_bind_text(statement, index, b.AsSpan(0, length));
    }

    private static void WriteDate(byte[] b, int year, int month, int day)
    {
        b[0] = (byte)('0' + (year / 1000));
        b[1] = (byte)('0' + (year / 100 % 10));
        Two(b, 2, year % 100);
        b[4] = (byte)'-';
        Two(b, 5, month);
        b[7] = (byte)'-';
        Two(b, 8, day);
    }

    private static void Two(byte[] b, int at, int value)
    {
        b[at] = (byte)('0' + (value / 10));
        b[at + 1] = (byte)('0' + (value % 10));
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, Sqlite.Handle);
        }
    }

    private sqlite3_stmt Insert(BulkTable table, int rows)
    {
        if (_inserts.TryGetValue((table, rows), out var statement))
        {
            return statement;
        }

        var names = table.Columns.Select(c => Quote(c.Name));
        var values = $"({string.Join(", ", table.Columns.Select(_ => "?"))})";
        var sql = $"INSERT INTO {Quote(table)} ({string.Join(", ", names)}) VALUES {string.Join(", ", Enumerable.Repeat(values, rows))}";
        Check(raw.sqlite3_prepare_v2(Sqlite.Handle, sql, out statement));
        _inserts[(table, rows)] = statement;
        return statement;
    }

    /// <summary>Binds one column of a row: its typed value read by a compiled accessor, bound by the function for its type.</summary>
    private abstract class ColumnBinder
    {
        public abstract int Bind(SqliteBulkWriter writer, sqlite3_stmt statement, int index, object row);

        /// <summary>A binder reading the same value for another parameter (of another row of the statement), remembering its own.</summary>
        public abstract ColumnBinder Fresh();

        public static ColumnBinder For(BulkColumn column)
        {
            var lambda = column.ProviderValue();
            var entity = lambda.Parameters[0];
            var body = lambda.Body;
            var type = body.Type;
            var underlying = Nullable.GetUnderlyingType(type);
            var nullable = underlying is not null;
            underlying ??= type;
            Func<object, T> Compile<T>(Expression e) => Expression.Lambda<Func<object, T>>(e, entity).Compile();

            if (type == typeof(string))
            {
                return new Text(Compile<string?>(body));
            }

            if (underlying == typeof(bool))
            {
                // Booleans are stored as 1 and 0.
                var flag = nullable ? Expression.Property(body, "Value") : body;
                var number = Expression.Condition(flag, Expression.Constant(1L), Expression.Constant(0L));
                return nullable
                    ? new NullableInteger(Compile<long?>(Expression.Condition(Expression.Property(body, "HasValue"), Expression.Convert(number, typeof(long?)), Expression.Constant(null, typeof(long?)))))
                    : new Integer(Compile<long>(number));
            }

            if (underlying == typeof(long) || underlying == typeof(int) || underlying == typeof(short) || underlying == typeof(byte))
            {
                return nullable
                    ? new NullableInteger(Compile<long?>(Expression.Convert(body, typeof(long?))))
                    : new Integer(Compile<long>(Expression.Convert(body, typeof(long))));
            }

            if (underlying == typeof(DateOnly))
            {
                return nullable ? new NullableDate(Compile<DateOnly?>(body)) : new Date(Compile<DateOnly>(body));
            }

            if (underlying == typeof(DateTime))
            {
                return nullable ? new NullableInstant(Compile<DateTime?>(body)) : new Instant(Compile<DateTime>(body));
            }

            throw new NotSupportedException($"{column.Name} is stored as {type.Name}, which the SQLite bulk writer does not bind.");
        }
    }

    // A statement keeps its parameters' values from one row to the next (sqlite3_reset leaves them bound), so a value
    // equal to the one already bound (a null, a constant such as a concurrency version, the same instant or country on
    // row after row) is not bound again: each bind is a call into SQLite.
    private abstract class Remembering<T>(Func<object, T> value) : ColumnBinder
    {
        protected Func<object, T> Value { get; } = value;

        private bool _bound;
        private T? _last;

        public sealed override int Bind(SqliteBulkWriter writer, sqlite3_stmt statement, int index, object row)
        {
            var v = Value(row);
            if (_bound && EqualityComparer<T>.Default.Equals(v, _last))
            {
                return raw.SQLITE_OK;
            }

            (_bound, _last) = (true, v);
            return BindValue(writer, statement, index, v);
        }

        protected abstract int BindValue(SqliteBulkWriter writer, sqlite3_stmt statement, int index, T value);
    }

    private sealed class Text(Func<object, string?> value) : Remembering<string?>(value)
    {
        public override ColumnBinder Fresh() => new Text(Value);

        protected override int BindValue(SqliteBulkWriter writer, sqlite3_stmt statement, int index, string? value) =>
            value is null ? raw.sqlite3_bind_null(statement, index) : writer.BindText(statement, index, value);
    }

    private sealed class Integer(Func<object, long> value) : Remembering<long>(value)
    {
        public override ColumnBinder Fresh() => new Integer(Value);

        protected override int BindValue(SqliteBulkWriter writer, sqlite3_stmt statement, int index, long value) =>
            raw.sqlite3_bind_int64(statement, index, value);
    }

    private sealed class NullableInteger(Func<object, long?> value) : Remembering<long?>(value)
    {
        public override ColumnBinder Fresh() => new NullableInteger(Value);

        protected override int BindValue(SqliteBulkWriter writer, sqlite3_stmt statement, int index, long? value) =>
            value is { } v ? raw.sqlite3_bind_int64(statement, index, v) : raw.sqlite3_bind_null(statement, index);
    }

    private sealed class Date(Func<object, DateOnly> value) : Remembering<DateOnly>(value)
    {
        public override ColumnBinder Fresh() => new Date(Value);

        protected override int BindValue(SqliteBulkWriter writer, sqlite3_stmt statement, int index, DateOnly value) =>
            writer.BindDate(statement, index, value);
    }

    private sealed class NullableDate(Func<object, DateOnly?> value) : Remembering<DateOnly?>(value)
    {
        public override ColumnBinder Fresh() => new NullableDate(Value);

        protected override int BindValue(SqliteBulkWriter writer, sqlite3_stmt statement, int index, DateOnly? value) =>
            value is { } v ? writer.BindDate(statement, index, v) : raw.sqlite3_bind_null(statement, index);
    }

    // DateTime equality compares ticks only, as the stored text does (instants are all UTC).
    private sealed class Instant(Func<object, DateTime> value) : Remembering<DateTime>(value)
    {
        public override ColumnBinder Fresh() => new Instant(Value);

        protected override int BindValue(SqliteBulkWriter writer, sqlite3_stmt statement, int index, DateTime value) =>
            writer.BindInstant(statement, index, value);
    }

    private sealed class NullableInstant(Func<object, DateTime?> value) : Remembering<DateTime?>(value)
    {
        public override ColumnBinder Fresh() => new NullableInstant(Value);

        protected override int BindValue(SqliteBulkWriter writer, sqlite3_stmt statement, int index, DateTime? value) =>
            value is { } v ? writer.BindInstant(statement, index, v) : raw.sqlite3_bind_null(statement, index);
    }
}
