using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Data.Identity;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Society;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Shares;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Features.Accounts;

/// <summary>What the person at the setup page fills in.</summary>
public sealed record SetupRequest(string Token, SocietyDetails Society, string AdminEmail, string AdminName, string Password);

/// <summary>
/// First run. Until an administrator exists, the server prints a link holding a one-time token; the setup page
/// with that token creates the society and the first administrator in one transaction, and the link dies.
/// </summary>
public sealed class SetupService(IServiceScopeFactory scopes, IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    public const string SetupPath = "setup";

    /// <summary>True while no administrator exists: the only state in which setup is possible.</summary>
    public async Task<bool> IsNeededAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await AdministratorExistsAsync(db, cancellationToken);
    }

    /// <summary>
    /// Issues a fresh token when no administrator exists and returns it (to be shown once), revoking any earlier
    /// unused token; returns null when setup has been done.
    /// </summary>
    public async Task<string?> IssueTokenAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await AdministratorExistsAsync(db, cancellationToken))
        {
            return null;
        }

        foreach (var old in await db.SetupTokens.Where(t => t.UsedAt == null && t.RevokedAt == null).ToListAsync(cancellationToken))
        {
            old.Revoke(now);
        }

        db.SetupTokens.Add(SetupToken.Issue(now, out var secret));
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return secret;
    }

    /// <summary>The path and query of the setup page for a token, relative to the site's base address.</summary>
    public static string LinkFor(string token) => $"{SetupPath}?token={Uri.EscapeDataString(token)}";

    /// <summary>Whether a token may be used now (the page says so before asking for anything).</summary>
    public async Task<bool> IsTokenValidAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await FindUsableAsync(db, token, clock.GetUtcNow().UtcDateTime, cancellationToken) is not null
            && !await AdministratorExistsAsync(db, cancellationToken);
    }

    /// <summary>Creates the society and the first administrator, and spends the token, all or nothing.</summary>
    public async Task CompleteAsync(SetupRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new List<RuleViolation>(request.Society.Validate());
        var email = request.AdminEmail.Trim();
        var name = request.AdminName.Trim();
        errors.AddRange(AccountRules.CheckEmail(email, nameof(request.AdminEmail)));
        errors.AddRange(AccountRules.CheckDisplayName(name, nameof(request.AdminName)));
        errors.AddRange(AccountRules.CheckPassword(request.Password, nameof(request.Password)));
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegisterDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        var token = await FindUsableAsync(db, request.Token, now, cancellationToken);
        if (token is null || await AdministratorExistsAsync(db, cancellationToken))
        {
            throw new DomainException("Token", "This setup link has already been used, has expired or was replaced by a newer one. Restart the server or run 'coopreg setup-link' for a new link.");
        }

        token.Redeem(now);
        var society = await db.Societies.SingleOrDefaultAsync(cancellationToken);
        if (society is null)
        {
            society = RegisteredSociety.Create(request.Society, now);
            db.Societies.Add(society);
        }
        else
        {
            society.Update(request.Society, now);
        }

        await ShareClassSync.SyncOrdinaryAsync(db, society.Details, cancellationToken);

        var admin = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            CreatedAt = now,
            LockoutEnabled = true,
        };
        var actor = new Actor(admin.Id, $"{name} <{email}>", [Roles.Administrator]);
        AuditTrail.Add(db, actor, now, "society.created", "Society", society.Id.ToString(CultureInfo.InvariantCulture),
            $"First-run setup: {society.Details.RegisteredName} ({society.Details.RegistrationNumber}).", null, society.Details);
        AuditTrail.Add(db, actor, now, "staff.created", "User", admin.Id, $"First administrator {email} created by first-run setup.",
            null, new { Email = email, DisplayName = name, Roles = new[] { Roles.Administrator } });

        try
        {
            // UserManager saves through the same scoped context, so the user, the society, the token and the audit
            // events all commit in the transaction above.
            AccountRules.ThrowOnFailure(await users.CreateAsync(admin, request.Password), nameof(request.Password));
            AccountRules.ThrowOnFailure(await users.AddToRoleAsync(admin, Roles.Administrator), null);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new DomainException("This setup link was used by someone else a moment ago.", ex);
        }
    }

    private static async Task<SetupToken?> FindUsableAsync(RegisterDbContext db, string token, DateTime now, CancellationToken cancellationToken)
    {
        var hash = SetupToken.Hash(token);
        var found = await db.SetupTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        return found is not null && found.IsUsable(now) && found.Matches(token) ? found : null;
    }

    internal static Task<bool> AdministratorExistsAsync(RegisterDbContext db, CancellationToken cancellationToken) =>
        (from ur in db.UserRoles
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == Roles.Administrator
         select ur).AnyAsync(cancellationToken);
}
