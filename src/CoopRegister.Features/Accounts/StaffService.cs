using System.Text;
using CoopRegister.Data;
using CoopRegister.Data.Identity;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Features.Accounts;

/// <summary>A login as the administrator's staff list shows it.</summary>
public sealed record StaffRow(
    string UserId,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    DateTime? InvitedAt,
    string? InvitedBy,
    bool Accepted,
    bool Locked,
    bool TwoFactor = false);

/// <summary>The administrator's invitation form.</summary>
public sealed record StaffInvitation(string Email, string DisplayName, IReadOnlyCollection<string> Roles);

/// <summary>What happened to an invitation's e-mail: sent, or why not (the invitation itself stands either way).</summary>
public sealed record InvitationResult(string UserId, bool MailSent, string? MailError);

/// <summary>
/// Staff accounts: an administrator invites registrars, tellers, returning officers, auditors and other administrators,
/// and sets their roles. There is no self-registration: a login exists only because someone with the right to create it did.
/// </summary>
public sealed class StaffService(
    IServiceScopeFactory scopes,
    IDbContextFactory<RegisterDbContext> contexts,
    IMailSender mail,
    TimeProvider clock)
{
    public const string AcceptPath = "Account/AcceptInvitation";

    public string MailDestination => mail.Destination;

    public async Task<IReadOnlyList<StaffRow>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, now.UtcDateTime, cancellationToken);
        var staffRoleNames = Roles.Staff.ToList();
        var rows = await (from u in db.Users.AsNoTracking()
                          where db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && staffRoleNames.Contains(r.Name!)))
                                || (u.InvitedAt != null && u.MemberId == null)
                          orderby u.DisplayName, u.Email
                          select new
                          {
                              u.Id,
                              u.Email,
                              u.DisplayName,
                              u.InvitedAt,
                              u.InvitedBy,
                              u.EmailConfirmed,
                              u.LockoutEnd,
                              TwoFactor = u.TwoFactorEnabled || db.UserPasskeys.Any(p => p.UserId == u.Id),
                              Roles = (from ur in db.UserRoles
                                       join r in db.Roles on ur.RoleId equals r.Id
                                       where ur.UserId == u.Id
                                       select r.Name!).ToList(),
                          }).Take(1000).ToListAsync(cancellationToken);
        return rows.Select(r => new StaffRow(
                r.Id, r.Email ?? "", r.DisplayName,
                r.Roles.OrderBy(x => Roles.All.ToList().IndexOf(x)).ToList(),
                r.InvitedAt, r.InvitedBy, r.EmailConfirmed, r.LockoutEnd is { } end && end > now, r.TwoFactor))
            .ToList();
    }

    /// <summary>Creates a login without a password and mails the person a link to choose one.</summary>
    public async Task<InvitationResult> InviteAsync(Actor actor, StaffInvitation invitation, Uri siteBase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(siteBase);
        var email = invitation.Email.Trim();
        var name = invitation.DisplayName.Trim();
        var errors = new List<RuleViolation>();
        errors.AddRange(AccountRules.CheckEmail(email, nameof(invitation.Email)));
        errors.AddRange(AccountRules.CheckDisplayName(name, nameof(invitation.DisplayName)));
        errors.AddRange(CheckStaffRoles(invitation.Roles));
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegisterDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw new DomainException(nameof(invitation.Email), $"{email} already has a login. Change its roles in the list instead.");
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            DisplayName = name,
            CreatedAt = now,
            InvitedAt = now,
            InvitedBy = actor.Name,
            LockoutEnabled = true,
        };
        AccountRules.ThrowOnFailure(await users.CreateAsync(user), nameof(invitation.Email));
        var roles = invitation.Roles.Distinct(StringComparer.Ordinal).ToList();
        AccountRules.ThrowOnFailure(await users.AddToRolesAsync(user, roles), nameof(invitation.Roles));
        AuditTrail.Add(db, actor, now, "staff.invited", "User", user.Id, $"{email} invited as {string.Join(", ", roles.Select(Roles.Describe))}.",
            null, new { Email = email, DisplayName = name, Roles = roles });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);

        // The token is made after the commit: making it may write a new data-protection key through another
        // connection, which on SQLite would wait for this transaction's write lock for ever.
        var link = await InvitationLinkAsync(users, user, siteBase);
        return await SendInvitationAsync(user, roles, link, cancellationToken);
    }

    /// <summary>Sends a fresh invitation link to someone who has not yet accepted.</summary>
    public async Task<InvitationResult> ResendInvitationAsync(Actor actor, string userId, Uri siteBase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(siteBase);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegisterDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, now, cancellationToken);
        var user = await users.FindByIdAsync(userId) ?? throw new DomainException("This login no longer exists.");
        if (user.EmailConfirmed)
        {
            throw new DomainException($"{user.Email} has already accepted the invitation.");
        }

        var roles = await users.GetRolesAsync(user);
        var link = await InvitationLinkAsync(users, user, siteBase);
        AuditTrail.Add(db, actor, now, "staff.invitation-resent", "User", user.Id, $"Invitation sent again to {user.Email}.");
        await db.SaveChangesAsync(cancellationToken);
        return await SendInvitationAsync(user, roles.ToList(), link, cancellationToken);
    }

    /// <summary>Replaces a login's staff roles. The last administrator keeps the Administrator role.</summary>
    public async Task SetRolesAsync(Actor actor, string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var errors = CheckStaffRoles(roles, allowNone: true).ToList();
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegisterDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByIdAsync(userId) ?? throw new DomainException("This login no longer exists.");
        var current = (await users.GetRolesAsync(user)).ToList();
        var wanted = roles.Distinct(StringComparer.Ordinal).ToList();
        if (current.Contains(Roles.Administrator) && !wanted.Contains(Roles.Administrator)
            && await CountAdministratorsAsync(db, cancellationToken) <= 1)
        {
            throw new DomainException("Roles", "This is the only administrator: give another login the Administrator role first.");
        }

        var remove = current.Where(r => Roles.Staff.Contains(r) && !wanted.Contains(r)).ToList();
        var add = wanted.Where(r => !current.Contains(r)).ToList();
        if (remove.Count == 0 && add.Count == 0)
        {
            return;
        }

        AccountRules.ThrowOnFailure(await users.RemoveFromRolesAsync(user, remove), "Roles");
        AccountRules.ThrowOnFailure(await users.AddToRolesAsync(user, add), "Roles");

        // A new security stamp signs the person out everywhere within a minute, so lost roles take effect at once.
        AccountRules.ThrowOnFailure(await users.UpdateSecurityStampAsync(user), null);
        AuditTrail.Add(db, actor, now, "staff.roles-changed", "User", user.Id, $"Roles of {user.Email} changed.",
            new { Roles = current }, new { Roles = current.Except(remove).Concat(add).ToList() });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Locks a login out indefinitely, or lets it in again. Nobody locks themselves or the last administrator out.</summary>
    public async Task SetLockedAsync(Actor actor, string userId, bool locked, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegisterDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByIdAsync(userId) ?? throw new DomainException("This login no longer exists.");
        if (locked)
        {
            if (user.Id == actor.UserId)
            {
                throw new DomainException("You cannot lock your own login.");
            }

            if (await users.IsInRoleAsync(user, Roles.Administrator) && await CountAdministratorsAsync(db, cancellationToken, excludeLocked: true) <= 1)
            {
                throw new DomainException("This is the only administrator who can sign in; it cannot be locked.");
            }

            AccountRules.ThrowOnFailure(await users.SetLockoutEnabledAsync(user, true), null);
            AccountRules.ThrowOnFailure(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue), null);
            AccountRules.ThrowOnFailure(await users.UpdateSecurityStampAsync(user), null);
        }
        else
        {
            AccountRules.ThrowOnFailure(await users.SetLockoutEndDateAsync(user, null), null);
            AccountRules.ThrowOnFailure(await users.ResetAccessFailedCountAsync(user), null);
        }

        AuditTrail.Add(db, actor, now, locked ? "staff.locked" : "staff.unlocked", "User", user.Id,
            $"{user.Email} {(locked ? "locked out" : "allowed to sign in again")}.");
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Forgets a login's second factors after a lost or replaced phone: the authenticator key (a new one is made, so the
    /// old app's codes stop working), the unused recovery codes and the passkeys, which may live on the same phone. A
    /// new security stamp signs the person out everywhere within a minute, and because staff must use two factors
    /// (quality.md) their next sign-in takes them through setting up an authenticator app again.
    /// </summary>
    public async Task ResetAuthenticatorAsync(Actor actor, string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegisterDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByIdAsync(userId) ?? throw new DomainException("This login no longer exists.");
        var passkeys = await users.GetPasskeysAsync(user);
        var before = new
        {
            TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user),
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user),
            Passkeys = passkeys.Count,
        };
        if (!before.TwoFactorEnabled && before.Passkeys == 0)
        {
            throw new DomainException($"{user.Email} has no authenticator app or passkey to reset; they are asked to set one up when they next sign in.");
        }

        AccountRules.ThrowOnFailure(await users.SetTwoFactorEnabledAsync(user, false), null);
        AccountRules.ThrowOnFailure(await users.ResetAuthenticatorKeyAsync(user), null);

        // Generating no codes replaces the stored ones with none, which is how Identity forgets them.
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        foreach (var passkey in passkeys)
        {
            AccountRules.ThrowOnFailure(await users.RemovePasskeyAsync(user, passkey.CredentialId), null);
        }

        AccountRules.ThrowOnFailure(await users.UpdateSecurityStampAsync(user), null);
        AuditTrail.Add(db, actor, now, "staff.authenticator-reset", "User", user.Id,
            $"Authenticator app, recovery codes and passkeys of {user.Email} reset; they must set up two-factor sign-in again.",
            before, new { TwoFactorEnabled = false, RecoveryCodesLeft = 0, Passkeys = 0 });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private static async Task<string> InvitationLinkAsync(UserManager<ApplicationUser> users, ApplicationUser user, Uri siteBase)
    {
        var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        return new Uri(siteBase, $"{AcceptPath}?userId={Uri.EscapeDataString(user.Id)}&code={code}").ToString();
    }

    private async Task<InvitationResult> SendInvitationAsync(ApplicationUser user, IReadOnlyList<string> roles, string link, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var society = await db.Societies.AsNoTracking().Select(s => s.Details.RegisteredName).SingleOrDefaultAsync(cancellationToken) ?? "the society";
        var roleText = string.Join(", ", roles.Select(Roles.Describe));
        var text = $"""
            Dear {user.DisplayName},

            You have been invited to the share register of {society} as: {roleText}.

            Choose your password here (the link works once, for seven days):
            {link}

            If you did not expect this message, you can ignore it.
            """;
        try
        {
            await mail.SendAsync(new OutgoingMail(user.Email!, user.DisplayName, $"Your invitation to the {society} register", text), cancellationToken);
            return new InvitationResult(user.Id, true, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or MailKit.ServiceNotConnectedException
                                      or MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException
                                      or System.Net.Sockets.SocketException or MailKit.Security.AuthenticationException)
        {
            return new InvitationResult(user.Id, false, $"The invitation was saved but its e-mail could not be sent ({ex.Message}). Use 'Send again' once mail works.");
        }
    }

    private static IEnumerable<RuleViolation> CheckStaffRoles(IReadOnlyCollection<string> roles, bool allowNone = false)
    {
        if (!allowNone && roles.Count == 0)
        {
            yield return new RuleViolation("Roles", "Choose at least one role.");
        }

        foreach (var role in roles.Where(r => !Roles.Staff.Contains(r)))
        {
            yield return new RuleViolation("Roles", $"'{role}' is not a staff role; choose from {string.Join(", ", Roles.Staff.Select(Roles.Describe))}.");
        }
    }

    private static Task<int> CountAdministratorsAsync(RegisterDbContext db, CancellationToken cancellationToken, bool excludeLocked = false)
    {
        var q = from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                join u in db.Users on ur.UserId equals u.Id
                where r.Name == Roles.Administrator
                select u;
        if (excludeLocked)
        {
            // A lockout that has run out also has an end date; counting it as locked errs on the safe side.
            q = q.Where(u => u.LockoutEnd == null);
        }

        return q.CountAsync(cancellationToken);
    }
}
