using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Shares;
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

        // Shares stay at par (FCA RFCCBS 6.1; domain rule 13): once issued, their nominal value cannot change.
        if (details.ShareNominalValuePence != before.ShareNominalValuePence
            && await db.LedgerEntries.AnyAsync(e => db.ShareClasses.Any(c => c.Id == e.ShareClassId && c.Code == ShareClass.OrdinaryCode), cancellationToken))
        {
            throw new DomainException(nameof(SocietyDetails.ShareNominalValuePence),
                $"The nominal value of a share cannot change once shares have been issued ({before.ShareNominalValue.Format()}): shares stay at par.");
        }

        society.Update(details, now);
        await ShareClassSync.SyncOrdinaryAsync(db, society.Details, cancellationToken);
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
