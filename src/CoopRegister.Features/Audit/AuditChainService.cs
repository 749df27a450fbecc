using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Audit;
using CoopRegister.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Audit;

/// <summary>
/// Checks the audit trail's hash chain (quality.md, reliability: an edit made directly in the database is detected;
/// domain rule 6: adequate precautions against falsification). The same check for <c>coopreg verify</c> and the audit
/// trail page; whoever may read the register, auditors included, may run it, and it writes nothing.
/// </summary>
public sealed class AuditChainService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    public async Task<AuditChainReport> CheckAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return await AuditChain.VerifyAsync(db, cancellationToken);
    }

    /// <summary>The latest events, newest first, for the audit trail page.</summary>
    public async Task<IReadOnlyList<AuditEvent>> LatestAsync(Actor actor, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).Take(Math.Clamp(count, 1, 500)).ToListAsync(cancellationToken);
    }
}
