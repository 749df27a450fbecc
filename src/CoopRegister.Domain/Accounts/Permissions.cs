namespace CoopRegister.Domain.Accounts;

/// <summary>
/// What each role may do. Pages declare one of these as their authorization policy and every service
/// method that writes checks it again, from the same table, so the two can never disagree.
/// </summary>
public static class Permissions
{
    /// <summary>Society settings, staff accounts and roles.</summary>
    public const string ManageSociety = "ManageSociety";

    /// <summary>Read the register, ledger, applications and audit trail (auditors read everything, change nothing).</summary>
    public const string ReadRegister = "ReadRegister";

    /// <summary>Change the register: applications, payments, allotments, member details.</summary>
    public const string WriteRegister = "WriteRegister";

    /// <summary>Prepare and run general meetings: rolls, attendance, paper ballots.</summary>
    public const string RunMeetings = "RunMeetings";

    /// <summary>Declare results of a meeting (the returning officer).</summary>
    public const string DeclareResults = "DeclareResults";

    /// <summary>
    /// See a meeting's declared results and its published list of ballot receipts: members, and the staff who run or
    /// keep the register (the results are reported to members, so nothing in them is secret).
    /// </summary>
    public const string MeetingResults = "MeetingResults";

    /// <summary>A member's own portal.</summary>
    public const string MemberPortal = "MemberPortal";

    /// <summary>Any signed-in member of staff.</summary>
    public const string Staff = "Staff";

    /// <summary>See who the society's officers are: members and staff alike (Act s.30(3), s.103: members may inspect the officers' entries).</summary>
    public const string SeeOfficers = "SeeOfficers";

    private static readonly Dictionary<string, string[]> RolesByPermission = new(StringComparer.Ordinal)
    {
        [ManageSociety] = [Roles.Administrator],
        [ReadRegister] = [Roles.Registrar, Roles.Auditor],
        [WriteRegister] = [Roles.Registrar],
        [RunMeetings] = [Roles.Teller, Roles.ReturningOfficer],
        [DeclareResults] = [Roles.ReturningOfficer],
        [MeetingResults] = [Roles.Member, Roles.Teller, Roles.ReturningOfficer, Roles.Registrar, Roles.Auditor],
        [MemberPortal] = [Roles.Member],
        [Staff] = [Roles.Registrar, Roles.Teller, Roles.ReturningOfficer, Roles.Auditor, Roles.Administrator],
        [SeeOfficers] = [Roles.Member, Roles.Registrar, Roles.Teller, Roles.ReturningOfficer, Roles.Auditor, Roles.Administrator],
    };

    public static IReadOnlyCollection<string> All => RolesByPermission.Keys;

    /// <summary>The roles that carry a permission.</summary>
    public static IReadOnlyList<string> RolesFor(string permission) =>
        RolesByPermission.TryGetValue(permission, out var roles)
            ? roles
            : throw new ArgumentOutOfRangeException(nameof(permission), permission, "Unknown permission.");

    /// <summary>
    /// Whether a login holding <paramref name="roles"/> must have signed in with two factors to use
    /// <paramref name="permission"/>: quality.md says officers use two-factor authentication, so anyone holding a
    /// staff role needs it for everything except a member's own portal; a login that is only a member may opt in.
    /// </summary>
    public static bool NeedsTwoFactor(string permission, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return !string.Equals(permission, MemberPortal, StringComparison.Ordinal) && Roles.HoldsStaffRole(roles);
    }

    public static bool Allows(string permission, IEnumerable<string> roles)
    {
        var needed = RolesFor(permission);
        return roles.Any(r => needed.Contains(r, StringComparer.Ordinal));
    }
}
