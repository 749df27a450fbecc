using CoopRegister.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CoopRegister.Testing;

/// <summary>
/// A fresh, migrated database for one test: a copy of a migrated SQLite template file, or a PostgreSQL database
/// created from a migrated template database. PostgreSQL is used when <c>COOPREG_TEST_POSTGRES</c> holds a connection
/// string (without a database name); tests ask <see cref="PostgresConfigured"/> and are skipped, visibly, otherwise.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "COOPREG_TEST_POSTGRES";

    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "testdb");
    private static readonly Lazy<Task<string>> SqliteTemplate = new(CreateSqliteTemplateAsync);
    private static readonly Lazy<Task<string>> PostgresTemplate = new(CreatePostgresTemplateAsync);
    private static readonly SemaphoreSlim PostgresCreateGate = new(1, 1);

    private readonly string? _sqliteFile;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseOptions options, string? sqliteFile, string? postgresName)
    {
        Options = options;
        _sqliteFile = sqliteFile;
        _postgresName = postgresName;
    }

    public DatabaseOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    public static bool PostgresConfigured => PostgresServer is not null;

    public static string SkipReason => $"PostgreSQL is not configured: set {PostgresVariable} to a connection string (see README) to run this test on PostgreSQL.";

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var template = await SqliteTemplate.Value;
            var file = Path.Combine(Root, $"t-{Guid.NewGuid():N}.db");
            File.Copy(template, file);
            return new TestDatabase(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file}"), file, null);
        }

        if (PostgresServer is null)
        {
            throw new InvalidOperationException(SkipReason);
        }

        var templateName = await PostgresTemplate.Value;
        var name = $"coopreg_t_{Guid.NewGuid():N}";
        await PostgresCreateGate.WaitAsync();
        try
        {
            await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{templateName}\"");
        }
        finally
        {
            PostgresCreateGate.Release();
        }

        return new TestDatabase(new DatabaseOptions(DatabaseProvider.Postgres, WithDatabase(name)), null, name);
    }

    public RegisterDbContext CreateContext() => new(RegisterDatabase.StandaloneOptions(Options));

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            using (var connection = new SqliteConnection(Options.ConnectionString))
            {
                SqliteConnection.ClearPool(connection);
            }

            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                TryDelete(_sqliteFile + suffix);
            }
        }

        if (_postgresName is not null)
        {
            using (var connection = new NpgsqlConnection(Options.ConnectionString))
            {
                NpgsqlConnection.ClearPool(connection);
            }

            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)");
        }
    }

    private static async Task<string> CreateSqliteTemplateAsync()
    {
        Directory.CreateDirectory(Root);
        var file = Path.Combine(Root, $"template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False");
        await using (var db = new RegisterDbContext(RegisterDatabase.StandaloneOptions(options)))
        {
            await db.Database.MigrateAsync();
        }

        // Fold the write-ahead log into the file so that a plain copy is a complete database.
        await using (var connection = new SqliteConnection(options.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
            await command.ExecuteNonQueryAsync();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(file);
        return file;
    }

    private static async Task<string> CreatePostgresTemplateAsync()
    {
        var name = $"coopreg_tpl_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
        var options = new DatabaseOptions(DatabaseProvider.Postgres, WithDatabase(name, pooling: false));
        await using (var db = new RegisterDbContext(RegisterDatabase.StandaloneOptions(options)))
        {
            await db.Database.MigrateAsync();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
        return name;
    }

    private static string WithDatabase(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database, Pooling = pooling }.ToString();

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(WithDatabase("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A file still open by a leaked connection is left for the next clean; it is under bin/, never in the repo.
        }
    }
}
