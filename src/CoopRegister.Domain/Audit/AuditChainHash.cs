using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CoopRegister.Domain.Audit;

/// <summary>The fields of one audit event that its link in the hash chain covers, as the database holds them.</summary>
public readonly record struct AuditChainEntry(
    long Id,
    long Sequence,
    DateTime OccurredAt,
    string? ActorUserId,
    string ActorName,
    string Action,
    string SubjectType,
    string SubjectId,
    long? MemberId,
    string Summary,
    string? Before,
    string? After)
{
    public static AuditChainEntry Of(AuditEvent e, long sequence)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, sequence, e.OccurredAt, e.ActorUserId, e.ActorName, e.Action, e.SubjectType, e.SubjectId, e.MemberId, e.Summary, e.Before, e.After);
    }
}

/// <summary>
/// The hash chain over the audit trail (quality.md, reliability: "events are hash-chained so that an edit made directly
/// in the database is detected"; domain rule 6: adequate precautions against falsification of an electronic register).
/// <para>
/// Each event's hash is the SHA-256, as 64 lower-case hexadecimal digits, of a byte string made of fourteen fields, each
/// written as a netstring: the decimal length in bytes of its UTF-8 text, a colon, the text, a comma (<c>5:hello,</c>);
/// a missing (NULL) value is written <c>-,</c>. In order: the version tag <c>coopreg-audit-chain-v1</c>, the previous
/// event's hash (<see cref="Genesis"/> for the first), the event's id, its sequence number (1, 2, 3 … in chain order),
/// the time it occurred in UTC as <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> (microseconds, truncated: PostgreSQL keeps no
/// more), the actor's user id, the actor's name, the action, the subject type, the subject id, the member id, the
/// summary, the JSON before and the JSON after. Numbers are plain decimal digits. The README gives the same recipe, so
/// that an auditor can recompute every hash independently of this code.
/// </para>
/// </summary>
public sealed class AuditChainHash
{
    /// <summary>The "previous hash" of the first event in the chain.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public const string Version = "coopreg-audit-chain-v1";

    public const int Length = 64;

    private byte[] _buffer = new byte[4096];
    private int _used;

    /// <summary>The hash of an event that follows <paramref name="previousHash"/>.</summary>
    public string Compute(string previousHash, in AuditChainEntry e)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        _used = 0;
        Field(Version);
        Field(previousHash);
        Field(e.Id.ToString(CultureInfo.InvariantCulture));
        Field(e.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(Time(e.OccurredAt));
        Field(e.ActorUserId);
        Field(e.ActorName);
        Field(e.Action);
        Field(e.SubjectType);
        Field(e.SubjectId);
        Field(e.MemberId?.ToString(CultureInfo.InvariantCulture));
        Field(e.Summary);
        Field(e.Before);
        Field(e.After);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(_buffer.AsSpan(0, _used), digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>The instant as the chain writes it: UTC, to the microsecond (ticks below a microsecond are dropped).</summary>
    public static string Time(DateTime occurredAt)
    {
        var utc = occurredAt.Kind == DateTimeKind.Local ? occurredAt.ToUniversalTime() : occurredAt;
        var micro = new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
        return micro.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    private void Field(string? value)
    {
        if (value is null)
        {
            Ensure(2);
            _buffer[_used++] = (byte)'-';
            _buffer[_used++] = (byte)',';
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        var prefix = bytes.ToString(CultureInfo.InvariantCulture);
        Ensure(prefix.Length + bytes + 2);
        _used += Encoding.ASCII.GetBytes(prefix, _buffer.AsSpan(_used));
        _buffer[_used++] = (byte)':';
        _used += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_used));
        _buffer[_used++] = (byte)',';
    }

    private void Ensure(int more)
    {
        if (_used + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + more));
        }
    }
}
