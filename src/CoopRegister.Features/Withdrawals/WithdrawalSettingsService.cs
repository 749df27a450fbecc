using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Withdrawals;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Withdrawals;

/// <summary>
/// What the board sets for withdrawals (domain rules 21–23): suspensions of withdrawals, with dates, the reason members
/// are shown and the minutes; and the budget for each period. The notice period itself is a society setting
/// (<see cref="Domain.Society.SocietyDetails.WithdrawalNoticeDays"/>), changed through the society's settings.
/// Every change needs the ManageSociety permission and is audited.
/// </summary>
public sealed class WithdrawalSettingsService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<WithdrawalSettingsView> GetAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, Now, cancellationToken);
        var society = await db.Societies.AsNoTracking()
            .Select(s => new { s.Details.WithdrawalNoticeDays, Version = EF.Property<long>(s, RegisterDbContext.VersionProperty) })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new DomainException("The register has not been set up yet.");
        var suspensions = await db.WithdrawalSuspensions.AsNoTracking().OrderByDescending(s => s.From).ThenByDescending(s => s.Id)
            .Select(s => new SuspensionView(s.Id, s.From, s.To, s.Reason, s.Minutes, EF.Property<long>(s, RegisterDbContext.VersionProperty)))
            .ToListAsync(cancellationToken);
        var budgets = await db.WithdrawalBudgets.AsNoTracking().OrderByDescending(b => b.PeriodStart).ThenByDescending(b => b.Id)
            .Select(b => new { b.Id, b.PeriodStart, b.PeriodEnd, b.AmountPence, b.Minutes }).ToListAsync(cancellationToken);
        return new WithdrawalSettingsView(society.WithdrawalNoticeDays, society.Version, suspensions,
            budgets.Select(b => new BudgetView(b.Id, b.PeriodStart, b.PeriodEnd, new Money(b.AmountPence), b.Minutes)).ToList(), Today);
    }

    /// <summary>Records a board suspension of withdrawals. Two suspensions may not overlap: the one in force is ended first.</summary>
    public async Task<long> DeclareSuspensionAsync(Actor actor, DateOnly from, DateOnly? to, string reason, string minutes, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, Now, cancellationToken);
        var suspension = WithdrawalSuspension.Declare(from, to, reason ?? "", minutes ?? "", Now);
        var end = to ?? DateOnly.MaxValue;
        var overlap = await db.WithdrawalSuspensions.AsNoTracking()
            .Where(s => s.From <= end && (s.To == null || s.To >= from)).OrderBy(s => s.From).FirstOrDefaultAsync(cancellationToken);
        if (overlap is not null)
        {
            throw new DomainException("From",
                $"A suspension from {overlap.From:yyyy-MM-dd}{(overlap.To is { } t ? $" to {t:yyyy-MM-dd}" : " with no end date")} already covers part of these dates; end it or choose other dates.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.WithdrawalSuspensions.Add(suspension);
        await db.SaveChangesAsync(cancellationToken);
        AuditTrail.Add(db, actor, Now, "withdrawals.suspended", "WithdrawalSuspension", Id(suspension.Id),
            $"Withdrawals suspended from {from:yyyy-MM-dd}{(to is { } e ? $" to {e:yyyy-MM-dd}" : " until further notice")}: {suspension.Reason} (minutes {suspension.Minutes}).",
            null, new { suspension.From, suspension.To, suspension.Reason, suspension.Minutes });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return suspension.Id;
    }

    /// <summary>Ends a suspension on a date (the board lifted it).</summary>
    public async Task EndSuspensionAsync(Actor actor, long suspensionId, long expectedVersion, DateOnly on, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, Now, cancellationToken);
        var suspension = await db.WithdrawalSuspensions.SingleOrDefaultAsync(s => s.Id == suspensionId, cancellationToken)
            ?? throw new DomainException("This suspension no longer exists.");
        db.Entry(suspension).Property(RegisterDbContext.VersionProperty).OriginalValue = expectedVersion;
        var before = new { suspension.From, suspension.To };
        suspension.End(on);
        AuditTrail.Add(db, actor, Now, "withdrawals.suspension-ended", "WithdrawalSuspension", Id(suspension.Id),
            $"The suspension of withdrawals from {suspension.From:yyyy-MM-dd} ends on {on:yyyy-MM-dd}.", before, new { suspension.From, suspension.To });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConflictException("Someone else changed this suspension after you opened the page. Reload to see it, then try again.", ex);
        }
    }

    /// <summary>Sets the board's withdrawal budget for a period. Periods may not overlap, so the queue has one budget to meet.</summary>
    public async Task<long> SetBudgetAsync(Actor actor, DateOnly periodStart, DateOnly periodEnd, long amountPence, string minutes, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, Now, cancellationToken);
        var budget = WithdrawalBudget.Set(periodStart, periodEnd, amountPence, minutes ?? "");
        var overlap = await db.WithdrawalBudgets.AsNoTracking().Where(b => b.PeriodStart <= periodEnd && b.PeriodEnd >= periodStart)
            .OrderBy(b => b.PeriodStart).FirstOrDefaultAsync(cancellationToken);
        if (overlap is not null)
        {
            throw new DomainException("PeriodStart",
                $"A budget for {overlap.PeriodStart:yyyy-MM-dd} to {overlap.PeriodEnd:yyyy-MM-dd} already covers part of this period; remove it or choose another period.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.WithdrawalBudgets.Add(budget);
        await db.SaveChangesAsync(cancellationToken);
        AuditTrail.Add(db, actor, Now, "withdrawals.budget-set", "WithdrawalBudget", Id(budget.Id),
            $"Withdrawal budget of {new Money(amountPence).Format()} for {periodStart:yyyy-MM-dd} to {periodEnd:yyyy-MM-dd} (minutes {budget.Minutes}).",
            null, new { budget.PeriodStart, budget.PeriodEnd, budget.AmountPence, budget.Minutes });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return budget.Id;
    }

    /// <summary>Removes a budget set in error; the board then sets the right one.</summary>
    public async Task RemoveBudgetAsync(Actor actor, long budgetId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, Now, cancellationToken);
        var budget = await db.WithdrawalBudgets.SingleOrDefaultAsync(b => b.Id == budgetId, cancellationToken)
            ?? throw new DomainException("This budget no longer exists.");
        db.WithdrawalBudgets.Remove(budget);
        AuditTrail.Add(db, actor, Now, "withdrawals.budget-removed", "WithdrawalBudget", Id(budget.Id),
            $"Withdrawal budget of {new Money(budget.AmountPence).Format()} for {budget.PeriodStart:yyyy-MM-dd} to {budget.PeriodEnd:yyyy-MM-dd} removed.",
            new { budget.PeriodStart, budget.PeriodEnd, budget.AmountPence, budget.Minutes });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
