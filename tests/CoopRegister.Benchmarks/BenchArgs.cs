using System.Globalization;
using Npgsql;

namespace CoopRegister.Benchmarks;

/// <summary>The command-line options and the PostgreSQL server commands the benchmarks share.</summary>
public static class BenchArgs
{
    /// <summary>The whole-number value after <paramref name="name"/>, or <paramref name="fallback"/> when it is not given.</summary>
    public static int Option(string[] args, string name, int fallback)
    {
        ArgumentNullException.ThrowIfNull(args);
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>The text after <paramref name="name"/>, or <paramref name="fallback"/> when it is not given.</summary>
    public static string Text(string[] args, string name, string fallback)
    {
        ArgumentNullException.ThrowIfNull(args);
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>Runs a statement (create or drop a benchmark's database) on the server's maintenance database.</summary>
    public static async Task ExecuteOnServerAsync(string server, string sql, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The database name is made by the benchmark from the process id, never from input.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
