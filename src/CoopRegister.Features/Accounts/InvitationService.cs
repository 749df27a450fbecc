using System.Text;
using CoopRegister.Data;
using CoopRegister.Data.Identity;
using CoopRegister.Domain;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Features.Accounts;

/// <summary>An invitation as the acceptance page shows it before asking for a password.</summary>
public sealed record PendingInvitation(string UserId, string Email, string DisplayName);

/// <summary>Accepting an invitation (staff or member): the person chooses a password, which confirms their e-mail address.</summary>
public sealed class InvitationService(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>The invitation behind a link, or null when the link is wrong, used or expired.</summary>
    public async Task<PendingInvitation?> FindAsync(string? userId, string? code, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code) || userId.Length > 64 || code.Length > 2000)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null || user.EmailConfirmed || Decode(code) is not { } token
            || !await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, token))
        {
            return null;
        }

        return new PendingInvitation(user.Id, user.Email ?? "", user.DisplayName);
    }

    /// <summary>Sets the password and confirms the address; the link dies because the security stamp changes.</summary>
    public async Task<string> AcceptAsync(string userId, string code, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        var errors = AccountRules.CheckPassword(password, "Password").ToList();
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegisterDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByIdAsync(userId);
        if (user is null || user.EmailConfirmed || Decode(code) is not { } token
            || !await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, token))
        {
            throw new DomainException("This invitation link has already been used or has expired. Ask for a new invitation.");
        }

        AccountRules.ThrowOnFailure(await users.AddPasswordAsync(user, password), "Password");
        user.EmailConfirmed = true;
        AccountRules.ThrowOnFailure(await users.UpdateAsync(user), null);
        AccountRules.ThrowOnFailure(await users.UpdateSecurityStampAsync(user), null);
        var actor = new Actor(user.Id, $"{user.DisplayName} <{user.Email}>", []);
        AuditTrail.Add(db, actor, now, "account.invitation-accepted", "User", user.Id, $"{user.Email} accepted the invitation and chose a password.",
            memberId: user.MemberId);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return user.Email ?? "";
    }

    private static string? Decode(string code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
