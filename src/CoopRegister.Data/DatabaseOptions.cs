using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace CoopRegister.Data;

/// <summary>
/// Which database to use, read from configuration the same way by the web app and by <c>coopreg</c>:
/// <c>Database:Provider</c> (<c>Sqlite</c>, the default, or <c>Postgres</c>) and <c>ConnectionStrings:Register</c>.
/// With no connection string, SQLite uses <c>data/register.db</c> under the application's content root.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringName = "Register";
    public const string DefaultFileName = "register.db";

    /// <summary>The folder for the app's own files (SQLite database, outbox) under a content root.</summary>
    public static string DataDirectory(string contentRoot) => Path.Combine(contentRoot, "data");

    public static DatabaseOptions FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration[ProviderKey];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(providerText.Trim(), ignoreCase: true, out provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException(
                $"Configuration '{ProviderKey}' is '{providerText}'; it must be 'Sqlite' or 'Postgres'.");
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException(
                    $"'{ProviderKey}' is Postgres but no connection string 'ConnectionStrings:{ConnectionStringName}' is set " +
                    "(for example Host=127.0.0.1;Database=coopregister;Username=coop;Password=...).");
            }

            var directory = DataDirectory(contentRoot);
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, DefaultFileName) }.ToString();
        }

        return new DatabaseOptions(provider, connectionString);
    }

    /// <summary>Makes sure the folder of a SQLite file exists, so that a fresh machine needs no set-up.</summary>
    public void EnsureSqliteDirectory()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var source = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>The connection string with any password hidden, for logs and the console.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return "SQLite " + Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString).DataSource);
        }

        var b = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database} as {b.Username}";
    }
}
