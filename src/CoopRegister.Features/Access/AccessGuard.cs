using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Access;

/// <summary>
/// The second check on every write (architecture.md, convention 10). A Blazor circuit's sign-in is revalidated only
/// now and then, so a page's policy may rest on roles that an administrator has since taken away; the guard reads
/// the login's roles and lockout from the database inside the operation's own unit of work.
/// </summary>
public static class AccessGuard
{
    /// <summary>Throws <see cref="AccessDeniedException"/> unless the actor, as the database knows it now, holds the permission.</summary>
    public static async Task RequireAsync(RegisterDbContext db, Actor actor, string permission, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsCommandLine)
        {
            return;
        }

        if (actor.UserId is null)
        {
            throw new AccessDeniedException("Please sign in first.");
        }

        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == actor.UserId)
            .Select(u => new { u.LockoutEnd })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            throw new AccessDeniedException("Your account no longer exists.");
        }

        if (user.LockoutEnd is { } end && end.UtcDateTime > nowUtc)
        {
            throw new AccessDeniedException("Your account is locked.");
        }

        var roles = await RolesOfAsync(db, actor.UserId, cancellationToken);
        if (!Permissions.Allows(permission, roles))
        {
            var needed = string.Join(" or ", Permissions.RolesFor(permission).Select(Roles.Describe));
            throw new AccessDeniedException($"This needs the {needed} role, which your account does not hold.");
        }

        // quality.md: officers use two-factor authentication. The page's policy says the same; this catches a
        // caller that skipped it. The command line is trusted (above): its operator already holds the database.
        if (Permissions.NeedsTwoFactor(permission, roles) && !actor.SignedInWithTwoFactors)
        {
            throw new AccessDeniedException(
                "Staff must sign in with two factors (a code from an authenticator app, a recovery code or a passkey). " +
                "Sign out, then sign in again and set up your authenticator app when asked.");
        }
    }

    public static async Task<List<string>> RolesOfAsync(RegisterDbContext db, string userId, CancellationToken cancellationToken) =>
        await (from ur in db.UserRoles
               join r in db.Roles on ur.RoleId equals r.Id
               where ur.UserId == userId
               select r.Name!).ToListAsync(cancellationToken);
}
