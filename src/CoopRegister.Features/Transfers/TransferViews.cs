using CoopRegister.Domain;

namespace CoopRegister.Features.Transfers;

/// <summary>A class whose shares the society's rules make transferable.</summary>
public sealed record TransferableClass(int Id, string Code, string Name, Money NominalValue);

/// <summary>What the transfer page needs: the transferable classes (none when the rules allow no transfers).</summary>
public sealed record TransferTerms(IReadOnlyList<TransferableClass> Classes);

/// <summary>One registered transfer, for the list.</summary>
public sealed record TransferRow(long Id, DateOnly EffectiveDate, long FromMemberId, long FromMemberNumber, string FromName, long ToMemberId, long ToMemberNumber,
    string ToName, string ShareClassName, long Shares, Money AmountPaid, DateOnly FormSignedOn, DateOnly ConsentedOn, string ConsentMinutes, DateTime RecordedAt,
    string RecordedBy);

public sealed record TransferPage(IReadOnlyList<TransferRow> Rows, int Total);

/// <summary>
/// What registering a transfer did: the transfer, the two members, whether the transferee was admitted by it, whether
/// the transferor ceased for falling below the minimum holding, and any problem inviting a new member to log in.
/// </summary>
public sealed record TransferResult(long TransferId, long FromMemberId, long FromMemberNumber, long ToMemberId, long ToMemberNumber, long Shares, bool ToMemberAdmitted,
    bool FromMemberCeased, string? InvitationProblem);
