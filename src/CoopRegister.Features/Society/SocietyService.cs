using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Society;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Society;

/// <summary>The society's details and rules, as set by an administrator.</summary>
public sealed record SocietyView(SocietyDetails Details, long Version, DateTime UpdatedAt);

public sealed class SocietyService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    /// <summary>The society, or null before first-run setup.</summary>
    public async Task<SocietyView?> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Societies.AsNoTracking()
            .Select(s => new SocietyView(s.Details, EF.Property<long>(s, RegisterDbContext.VersionProperty), s.UpdatedAt))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Saves new details. <paramref name="expectedVersion"/> is the version the administrator's form was loaded from:
    /// if someone saved in between, nothing is written and <see cref="ConflictException"/> says so.
    /// </summary>
    public async Task<long> UpdateAsync(Actor actor, SocietyDetails details, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, now, cancellationToken);
        var society = await db.Societies.SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException("The society has not been set up yet.");
        var entry = db.Entry(society);
        entry.Property(RegisterDbContext.VersionProperty).OriginalValue = expectedVersion;
        var before = society.Details;
        society.Update(details, now);
        AuditTrail.Add(db, actor, now, "society.updated", "Society", society.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "Society details and rules changed.", before, society.Details);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConflictException("Another administrator saved the society's settings after you opened them. Reload to see their values, then make your change again.", ex);
        }

        return (long)entry.Property(RegisterDbContext.VersionProperty).CurrentValue!;
    }
}
