namespace CoopRegister.Features.Retention;

/// <summary>A former member whose non-statutory data is due to be minimised.</summary>
public sealed record RetentionDueRow(long MemberId, long MemberNumber, string Name, DateOnly DateCeased);

/// <summary>A former member who is due but is passed over, and why: something is still outstanding with them.</summary>
public sealed record RetentionSkip(long MemberId, long MemberNumber, string Name, DateOnly DateCeased, string Reason);

/// <summary>
/// The dry run: how many former members are due under the society's retention period, how many of them would be
/// minimised and which are skipped with their reasons. Nothing is changed.
/// </summary>
public sealed record RetentionPreview(
    DateOnly Today,
    int RetentionMonths,
    DateOnly LastDueCessation,
    int Due,
    int ToMinimise,
    int AlreadyMinimised,
    IReadOnlyList<RetentionDueRow> FirstToMinimise,
    IReadOnlyList<RetentionSkip> Skips);

/// <summary>How far a run has got: members looked at so far out of those due when it started, and minimised so far.</summary>
public sealed record RetentionProgress(int Examined, int Due, int Minimised);

/// <summary>What a run did. Each batch committed on its own; a cancelled run keeps the batches it finished.</summary>
public sealed record RetentionResult(DateOnly On, int Minimised, int LoginsRemoved, int Batches, bool Cancelled, IReadOnlyList<RetentionSkip> Skips);
