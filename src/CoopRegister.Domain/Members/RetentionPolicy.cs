namespace CoopRegister.Domain.Members;

/// <summary>
/// What happens to a former member's data when the society's retention period has run (domain rule 59; UK GDPR storage
/// limitation and data minimisation, rule 56). The Act requires the date ceased to be recorded, so the former member
/// stays on the register: the statutory fields (Act s.30(2)(a), (c)–(f)) and what the ledger, certificates, nominations
/// book, estates, officers and meetings need as a record are kept. What was held only to keep in touch with a member —
/// how to reach them, their age, their marketing choices and their portal login — is erased. The register entry itself
/// is never removed: rule 59 found no statutory deletion period for registered societies (companies and CIOs only
/// <em>may</em> remove entries after ten years), so the software offers none.
/// </summary>
public static class RetentionPolicy
{
    /// <summary>The fields erased from the member's record, its applications and its contact log, by name, as the audit trail records them.</summary>
    public static readonly IReadOnlyList<string> ErasedFields =
    [
        "Email", "NoticesByEmail", "Phone", "DateOfBirth", "MarketingConsent", "MarketingConsentChangedAt", "LastContactOn",
        "JointHolders.Email", "Applications.Email", "Applications.Phone", "Applications.DateOfBirth", "Applications.MarketingConsent",
        "ContactFailures.Note", "PortalLogin",
    ];

    /// <summary>
    /// The last date of cessation whose retention period has run by <paramref name="today"/>: a former member is due when
    /// they ceased before <c>today − months</c>, i.e. on or before this date.
    /// </summary>
    public static DateOnly LastDueCessation(DateOnly today, int retentionMonths) => today.AddMonths(-retentionMonths).AddDays(-1);

    /// <summary>Whether a former member's non-statutory data is due to be minimised on <paramref name="today"/>.</summary>
    public static bool IsDue(DateOnly? dateCeased, DateOnly? minimisedOn, DateOnly today, int retentionMonths) =>
        minimisedOn is null && dateCeased is { } ceased && ceased <= LastDueCessation(today, retentionMonths);
}
