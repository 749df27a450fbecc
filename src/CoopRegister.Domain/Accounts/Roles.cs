namespace CoopRegister.Domain.Accounts;

/// <summary>
/// The people who use CoopRegister (design/product.md). A login may hold several roles; a member's login
/// holds <see cref="Member"/> and sees only that member's own record.
/// </summary>
public static class Roles
{
    public const string Member = "Member";
    public const string Registrar = "Registrar";
    public const string Teller = "Teller";
    public const string ReturningOfficer = "ReturningOfficer";
    public const string Auditor = "Auditor";
    public const string Administrator = "Administrator";

    /// <summary>Roles an administrator may give to staff. Member is given by allotment, never by invitation.</summary>
    public static readonly IReadOnlyList<string> Staff = [Registrar, Teller, ReturningOfficer, Auditor, Administrator];

    public static readonly IReadOnlyList<string> All = [Member, .. Staff];

    /// <summary>Whether any of the roles is a staff role (every role but Member): such a login must use two factors.</summary>
    public static bool HoldsStaffRole(IEnumerable<string> roles) => roles.Any(r => Staff.Contains(r, StringComparer.Ordinal));

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>How a role is named to people.</summary>
    public static string Describe(string role) => role switch
    {
        Member => "Member",
        Registrar => "Registrar",
        Teller => "Teller",
        ReturningOfficer => "Returning officer",
        Auditor => "Auditor (read only)",
        Administrator => "Administrator",
        _ => role,
    };
}
