using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Members;

/// <summary>The register at one financial year end (or today, for the year in progress).</summary>
public sealed record YearEndFigures(DateOnly Date, bool YearInProgress, long Members, long Shares, long CapitalPence);

/// <summary>
/// Membership and share capital at each financial year end, from the register and the ledger (design/quality.md,
/// usability: "share capital and membership over time" as a picture). Each figure is what the register as at that date
/// says: members entered on or before it and not ceased by it, and the ledger's entries dated on or before it. The
/// database groups by date (a few thousand rows however large the register) and the running totals are summed here, so
/// the year ends follow the society's own financial year rather than the calendar.
/// </summary>
public sealed class RegisterTrends(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    /// <summary>The most years a picture shows.</summary>
    public const int MaxYears = 20;

    public async Task<IReadOnlyList<YearEndFigures>> YearEndsAsync(Actor actor, int years = 10, CancellationToken cancellationToken = default)
    {
        if (years is < 1 or > MaxYears)
        {
            throw new DomainException("Years", $"Choose between 1 and {MaxYears} years; {years} was asked for.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, now, cancellationToken);
        var society = (await db.Societies.AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.Details
            ?? throw new DomainException("The register has not been set up yet.");

        // The last `years` completed year ends, then today for the year in progress.
        var current = society.FinancialYearContaining(today);
        var dates = Enumerable.Range(1, years).Select(i => current.End.AddYears(i - years - 1)).Append(today).ToArray();
        var first = dates[0];

        var entered = await db.Members.AsNoTracking().Where(m => m.DateEntered <= today)
            .GroupBy(m => m.DateEntered).Select(g => new { Date = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var ceased = await db.Members.AsNoTracking().Where(m => m.DateCeased != null && m.DateCeased <= today)
            .GroupBy(m => m.DateCeased!.Value).Select(g => new { Date = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var ledger = await db.LedgerEntries.AsNoTracking().Where(e => e.EffectiveDate <= today)
            .GroupBy(e => e.EffectiveDate).Select(g => new { Date = g.Key, Shares = g.Sum(e => e.Shares), Pence = g.Sum(e => e.AmountPaidPence) })
            .ToListAsync(cancellationToken);

        return dates.Select(d => new YearEndFigures(
            d,
            d == today && today != current.End,
            entered.Where(x => x.Date <= d).Sum(x => x.Count) - ceased.Where(x => x.Date <= d).Sum(x => x.Count),
            ledger.Where(x => x.Date <= d).Sum(x => x.Shares),
            ledger.Where(x => x.Date <= d).Sum(x => x.Pence))).Where(f => f.Date >= first).ToList();
    }
}
