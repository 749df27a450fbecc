using CoopRegister.Domain.Accounts;

namespace CoopRegister.Features.Access;

/// <summary>
/// Who is asking a service to act: a signed-in login (the web app), or the registrar at the command line, who
/// already holds the database itself and so is trusted with every permission. Services never trust the roles
/// carried here for a login: <see cref="AccessGuard"/> reads them again from the database.
/// <see cref="SignedInWithTwoFactors"/> is what the web app knows of the sign-in itself (password and authenticator
/// code, recovery code or passkey); the database cannot know how this session began, so the guard takes it from here.
/// </summary>
public sealed record Actor(
    string? UserId,
    string Name,
    IReadOnlyCollection<string> Roles,
    bool IsCommandLine = false,
    bool SignedInWithTwoFactors = false)
{
    public static Actor Anonymous { get; } = new(null, "anonymous", []);

    /// <summary>The operator of <c>coopreg</c>, named in the audit trail with the operating-system user.</summary>
    public static Actor CommandLine(string osUser) =>
        new(null, $"coopreg (command line, {osUser})", Domain.Accounts.Roles.Staff, IsCommandLine: true);

    public bool IsAuthenticated => IsCommandLine || UserId is not null;

    /// <summary>Whether the roles carried here allow a permission; for showing and hiding, never for deciding.</summary>
    public bool Claims(string permission) => IsCommandLine || Permissions.Allows(permission, Roles);
}
