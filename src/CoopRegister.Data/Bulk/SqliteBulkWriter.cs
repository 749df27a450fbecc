using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CoopRegister.Data.Bulk;

/// <summary>
/// SQLite: one IMMEDIATE transaction per batch (the write lock is taken at BEGIN, so the keys read at the start of the
/// batch cannot move under it) and one prepared INSERT statement per table whose parameters are bound again for every
/// row. The connection keeps its usual settings, including full synchronisation: a committed batch survives a power
/// cut. Only the page cache is enlarged while the writer is open, so that the search indexes being filled in random
/// order stay in memory instead of being read back from disk.
/// <para>
/// The statements are driven through SQLitePCL, the layer under Microsoft.Data.Sqlite, on the same connection and in
/// the same transaction: binding a parameter there costs about half as much as through <see cref="SqliteParameter"/>,
/// which is most of the time a million rows take. Values are stored exactly as Microsoft.Data.Sqlite stores EF's
/// parameters (integers for whole numbers and booleans, UTF-8 text for strings, dates as yyyy-MM-dd and instants as
/// yyyy-MM-dd HH:mm:ss.FFFFFFF); the tests compare bulk-written rows with rows EF wrote.
/// </para>
/// </summary>
internal sealed class SqliteBulkWriter(RegisterDbContext db) : RegisterBulkWriter(db)
{
    /// <summary>Page cache while writing, in KiB (SQLite's negative cache_size); a larger one measured no faster for a million members.</summary>
    private const int CacheKiB = 256 * 1024;

    private const string DateFormat = "yyyy-MM-dd";
    private const string InstantFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    private static readonly HashSet<Type> Supported = [typeof(string), typeof(long), typeof(int), typeof(short), typeof(byte), typeof(bool), typeof(DateOnly), typeof(DateTime)];

    private readonly Dictionary<BulkTable, sqlite3_stmt> _inserts = [];
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
        var statement = Insert(table);
        var columns = table.Columns;
        var count = 0;
        foreach (var row in rows)
        {
            if ((++count & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (var i = 0; i < columns.Count; i++)
            {
                Check(Bind(statement, i + 1, columns[i].Read(row)));
            }

            var rc = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }
        }

        return Task.CompletedTask;
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

    private int Bind(sqlite3_stmt statement, int index, object? value)
    {
        switch (value)
        {
            case null:
                return raw.sqlite3_bind_null(statement, index);
            case string s:
                var needed = Encoding.UTF8.GetMaxByteCount(s.Length);
                if (needed > _text.Length)
                {
                    _text = new byte[Math.Max(needed, _text.Length * 2)];
                }

                var length = Encoding.UTF8.GetBytes(s, _text);
                return raw.sqlite3_bind_text(statement, index, _text.AsSpan(0, length));
            case long l:
                return raw.sqlite3_bind_int64(statement, index, l);
            case int i:
                return raw.sqlite3_bind_int64(statement, index, i);
            case bool b:
                return raw.sqlite3_bind_int64(statement, index, b ? 1 : 0);
            case DateOnly d:
                return BindFormatted(statement, index, d, DateFormat);
            case DateTime t:
                return BindFormatted(statement, index, t, InstantFormat);
            case short s16:
                return raw.sqlite3_bind_int64(statement, index, s16);
            case byte u8:
                return raw.sqlite3_bind_int64(statement, index, u8);
            default:
                throw new NotSupportedException($"The SQLite bulk writer does not bind {value.GetType().Name}.");
        }
    }

    private int BindFormatted<T>(sqlite3_stmt statement, int index, T value, string format)
        where T : IUtf8SpanFormattable
    {
        if (!value.TryFormat(_text, out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"{value} could not be formatted as {format}.");
        }

        return raw.sqlite3_bind_text(statement, index, _text.AsSpan(0, written));
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, Sqlite.Handle);
        }
    }

    private sqlite3_stmt Insert(BulkTable table)
    {
        if (_inserts.TryGetValue(table, out var statement))
        {
            return statement;
        }

        var names = table.Columns.Select(c => Quote(c.Name));
        var sql = $"INSERT INTO {Quote(table)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", table.Columns.Select(_ => "?"))})";
        Check(raw.sqlite3_prepare_v2(Sqlite.Handle, sql, out statement));
        _inserts[table] = statement;
        return statement;
    }
}
