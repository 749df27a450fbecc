using Microsoft.AspNetCore.Identity;

namespace CoopRegister.Data.Identity;

/// <summary>
/// A login. Staff logins carry roles; a member's login is linked to exactly one member record by
/// <see cref="MemberId"/>. A login is not register data: the register lives in the member record (style-anchors §14).
/// </summary>
public sealed class ApplicationUser : IdentityUser
{
    public const int DisplayNameMax = 200;

    /// <summary>How the person is named in the interface and in the audit trail.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The member this login belongs to, for a member's portal login.</summary>
    public long? MemberId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the person was invited and by whom, for staff invited by an administrator.</summary>
    public DateTime? InvitedAt { get; set; }

    public string? InvitedBy { get; set; }
}
