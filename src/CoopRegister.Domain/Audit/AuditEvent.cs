namespace CoopRegister.Domain.Audit;

/// <summary>
/// One change to the register or its settings, written in the same transaction as the change: who, when, what,
/// and the values before and after (quality.md, reliability; domain rule 6: "adequate precautions" against
/// falsification of an electronic register). Audit events are never updated or deleted.
/// </summary>
public sealed class AuditEvent
{
    public const int ActionMax = 64;
    public const int ActorMax = 256;
    public const int SubjectTypeMax = 64;
    public const int SubjectIdMax = 64;
    public const int SummaryMax = 500;

    private AuditEvent()
    {
    }

    public long Id { get; private set; }
    public DateTime OccurredAt { get; private set; }

    /// <summary>The login that acted, or null for the command line and the system itself.</summary>
    public string? ActorUserId { get; private set; }

    /// <summary>How the actor was named at the time (an e-mail address, or "coopreg (command line, user x)").</summary>
    public string ActorName { get; private set; } = "";

    /// <summary>A stable dotted name such as "society.updated" or "staff.invited".</summary>
    public string Action { get; private set; } = "";

    public string SubjectType { get; private set; } = "";
    public string SubjectId { get; private set; } = "";

    /// <summary>The member the change concerns, so that a member's page shows its own history.</summary>
    public long? MemberId { get; private set; }

    public string Summary { get; private set; } = "";

    /// <summary>The values before the change as JSON, or null when something was created.</summary>
    public string? Before { get; private set; }

    /// <summary>The values after the change as JSON, or null when something ended.</summary>
    public string? After { get; private set; }

    public static AuditEvent Record(
        DateTime occurredAtUtc,
        string? actorUserId,
        string actorName,
        string action,
        string subjectType,
        string subjectId,
        string summary,
        string? before,
        string? after,
        long? memberId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        return new AuditEvent
        {
            OccurredAt = occurredAtUtc,
            ActorUserId = actorUserId,
            ActorName = Truncate(actorName, ActorMax),
            Action = Truncate(action, ActionMax),
            SubjectType = Truncate(subjectType, SubjectTypeMax),
            SubjectId = Truncate(subjectId, SubjectIdMax),
            Summary = Truncate(summary, SummaryMax),
            Before = before,
            After = after,
            MemberId = memberId,
        };
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
