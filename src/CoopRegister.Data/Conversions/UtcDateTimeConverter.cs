using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CoopRegister.Data.Conversions;

/// <summary>
/// Every <see cref="DateTime"/> in the model is an instant in UTC. Npgsql refuses any other kind for
/// <c>timestamptz</c>, and SQLite stores text that would otherwise come back as <see cref="DateTimeKind.Unspecified"/>.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
