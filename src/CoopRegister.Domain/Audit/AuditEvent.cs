namespace CoopRegister.Domain.Audit;

/// <summary>
/// One change to the register or its settings, written in the same transaction as the change: who, when, what,
/// and the values before and after (quality.md, reliability; domain rule 6: "adequate precautions" against
/// falsification of an electronic register). Audit events are never updated or deleted, and each is hash-chained to
/// the one before (<see cref="AuditChainHash"/>), so that an edit made directly in the database is detected.
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

    /// <summary>
    /// The event's place in the hash chain (1, 2, 3 … in the order the events committed), or null until its transaction
    /// commits: the data layer links each event as its transaction commits, so that the chain follows commit order.
    /// </summary>
    public long? Sequence { get; private set; }

    /// <summary>The hash of the event before it in the chain (<see cref="AuditChainHash.Genesis"/> for the first).</summary>
    public string? PreviousHash { get; private set; }

    /// <summary>This event's hash (<see cref="AuditChainHash"/>), over its fields and <see cref="PreviousHash"/>.</summary>
    public string? Hash { get; private set; }

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
            // To the microsecond: PostgreSQL keeps no finer, and the hash chain must cover exactly what is stored.
            OccurredAt = new DateTime(occurredAtUtc.Ticks - (occurredAtUtc.Ticks % 10), occurredAtUtc.Kind),
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

    /// <summary>Links the event into the hash chain (bulk writes, whose rows are written with their links).</summary>
    public void Link(long sequence, string previousHash, string hash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(previousHash);
        ArgumentException.ThrowIfNullOrWhiteSpace(hash);
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = hash;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
