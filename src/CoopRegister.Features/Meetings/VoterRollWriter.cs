using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using CoopRegister.Data;
using CoopRegister.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace CoopRegister.Features.Meetings;

/// <summary>
/// Writes a meeting's voter roll set-based: one INSERT … SELECT per 50,000 members, the members' keys passed as one
/// parameter (a JSON array read by <c>json_each</c> on SQLite, a <c>bigint[]</c> read by <c>unnest</c> on PostgreSQL)
/// instead of a row at a time through EF's change tracker, which took seconds for a large register. Rows are written
/// in the order given (member-number order), as before. Table and column names come from the EF model.
/// </summary>
internal static class VoterRollWriter
{
    private const int Chunk = 50_000;

    /// <summary>Adds a roll row for each member, inside the context's current transaction.</summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The SQL is built from the EF model's table and column names; every value is a parameter.")]
    public static async Task InsertAsync(RegisterDbContext db, long meetingId, long? sectionId, IReadOnlyList<long> memberIds, CancellationToken cancellationToken)
    {
        if (memberIds.Count == 0)
        {
            return;
        }

        var postgres = db.Database.IsNpgsql();
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(VoterRollEntry))!;
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        var insert = $"INSERT INTO {sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema())} "
                     + $"({Column(nameof(VoterRollEntry.MeetingId))}, {Column(nameof(VoterRollEntry.MemberId))}, {Column(nameof(VoterRollEntry.SectionId))}) ";
        var text = postgres
            ? insert + "SELECT @meeting, m.id, @section FROM unnest(@members) WITH ORDINALITY AS m(id, n) ORDER BY m.n"
            : insert + "SELECT @meeting, j.value, @section FROM json_each(@members) AS j ORDER BY j.key";

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = text;
        command.CommandTimeout = 0;
        Add(command, "@meeting", DbType.Int64, meetingId);
        Add(command, "@section", DbType.Int64, sectionId is { } s ? s : DBNull.Value);
        var members = command.CreateParameter();
        members.ParameterName = "@members";
        command.Parameters.Add(members);
        foreach (var chunk in memberIds.Chunk(Chunk))
        {
            members.Value = postgres ? chunk : Json(chunk);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void Add(DbCommand command, string name, DbType type, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string Json(long[] ids)
    {
        var text = new StringBuilder((ids.Length * 8) + 2).Append('[');
        for (var i = 0; i < ids.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(ids[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }
}
