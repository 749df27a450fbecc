using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CoopRegister.Data;
using CoopRegister.Domain.Audit;
using CoopRegister.Features.Access;

namespace CoopRegister.Features.Audit;

/// <summary>
/// Adds audit events to the unit of work that makes the change, so that the change and its record commit together
/// or not at all (quality.md: every register change writes an audit event in the same transaction).
/// </summary>
public static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // Keep names such as Zoë and Łukasz readable in the stored JSON; the page that shows it HTML-encodes.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    public static string? Snapshot(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Json);

    public static AuditEvent Add(
        RegisterDbContext db,
        Actor actor,
        DateTime nowUtc,
        string action,
        string subjectType,
        string subjectId,
        string summary,
        object? before = null,
        object? after = null,
        long? memberId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var e = AuditEvent.Record(nowUtc, actor.UserId, actor.Name, action, subjectType, subjectId, summary, Snapshot(before), Snapshot(after), memberId);
        db.AuditEvents.Add(e);
        return e;
    }
}
