using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Certificates;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;
using CoopRegister.Domain.Withdrawals;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Shares;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Withdrawals;

/// <summary>
/// Withdrawal of shares with notice (domain rules 21–25): a member gives notice from the portal or the registrar records a
/// written notice; the notice period runs; the board approves, defers or refuses (per request or for a batch, with its
/// minutes), within the budget it set for the period and never while it has suspended withdrawals; the payment is
/// recorded once, as a withdrawal in the ledger, with a balance certificate for what remains, and the membership ends
/// when the membership shares fall below the minimum. Nothing is paid automatically (domain rule 23).
/// </summary>
public sealed class WithdrawalService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    /// <summary>How many closed requests the queue page lists under "recently closed".</summary>
    public const int RecentlyClosedCount = 50;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    // ---- The member's own notices (the member is found from the login, never from an identifier the page passes) ----

    /// <summary>The member's holdings, notice period, suspension in force and notices; null when the login has no member record.</summary>
    public async Task<MyWithdrawals?> GetMineAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var memberId = await MemberIdOfAsync(db, actor, cancellationToken);
        if (memberId is not { } id)
        {
            return null;
        }

        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        var society = await RequireSocietyAsync(db, cancellationToken);
        var holdings = await (from h in db.Holdings.AsNoTracking()
                              join c in db.ShareClasses.AsNoTracking() on h.ShareClassId equals c.Id
                              where h.MemberId == id && h.Shares > 0
                              orderby c.Id
                              select new { h.ShareClassId, c.Name, c.NominalValuePence, h.Shares, c.Withdrawable, c.ConfersMembership, c.MinimumHoldingShares })
            .ToListAsync(cancellationToken);
        var claimed = await ClaimedByClassAsync(db, id, cancellationToken);
        var notices = await ViewsAsync(db, db.Withdrawals.Where(w => w.MemberId == id), cancellationToken);
        var cannot = await CannotGiveNoticeAsync(db, member, society, cancellationToken);
        var year = FinalStatementYear(member, society);
        return new MyWithdrawals(member.MemberNumber,
            holdings.Select(h => new WithdrawableHolding(h.ShareClassId, h.Name, new Money(h.NominalValuePence), h.Shares, claimed.GetValueOrDefault(h.ShareClassId),
                h.Withdrawable && society.SharesWithdrawable, h.ConfersMembership, h.MinimumHoldingShares)).ToList(),
            society.WithdrawalNoticeDays, await SuspensionInForceAsync(db, Today, cancellationToken),
            notices.OrderByDescending(n => n.NoticeGivenOn).ThenByDescending(n => n.Id).ToList(), cannot, member.DateCeased, year, Today);
    }

    /// <summary>
    /// The member gives notice to withdraw shares of one class, dated today. While the board has suspended withdrawals
    /// the notice is still accepted (the notice period runs) and the answer carries the suspension so the member is told.
    /// </summary>
    public async Task<NoticeGiven> GiveNoticeAsync(Actor actor, int shareClassId, long shares, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var memberId = await MemberIdOfAsync(db, actor, cancellationToken) ?? throw new AccessDeniedException("Your login is not linked to a member record.");
        return await GiveCoreAsync(db, actor, memberId, shareClassId, shares, NoticeSource.Portal, Today, "member (online)", cancellationToken);
    }

    /// <summary>The member cancels one of their own notices that has not been paid or closed.</summary>
    public async Task CancelMineAsync(Actor actor, long requestId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var memberId = await MemberIdOfAsync(db, actor, cancellationToken) ?? throw new AccessDeniedException("Your login is not linked to a member record.");

        // Another member's notice is answered exactly as one that does not exist: its existence is not disclosed.
        var request = await db.Withdrawals.Include(w => w.Steps).SingleOrDefaultAsync(w => w.Id == requestId && w.MemberId == memberId, cancellationToken)
            ?? throw new DomainException("There is no such notice of yours.");
        var before = Snapshot(request);
        request.Cancel("cancelled by the member", Now, "member (online)");
        var number = await db.Members.Where(m => m.Id == memberId).Select(m => m.MemberNumber).SingleAsync(cancellationToken);
        AuditTrail.Add(db, actor, Now, "withdrawal.cancelled", "Withdrawal", Id(request.Id),
            $"Member {number} cancelled their notice to withdraw {Count(request.Shares)} (notice of {request.NoticeGivenOn:yyyy-MM-dd}).", before, Snapshot(request), memberId);
        await SaveAsync(db, cancellationToken);
    }

    // ---- The registrar ----

    /// <summary>Records a notice the society received in writing, dated when it was received.</summary>
    public async Task<NoticeGiven> RecordWrittenNoticeAsync(Actor actor, long memberId, int shareClassId, long shares, DateOnly receivedOn,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        return await GiveCoreAsync(db, actor, memberId, shareClassId, shares, NoticeSource.WrittenNotice, receivedOn, actor.Name, cancellationToken);
    }

    /// <summary>
    /// The queue of open requests in notice-date order, each with the running total against the budget for the period
    /// that contains today (starting from what has been paid in the period), the suspension in force, and the most
    /// recently closed requests.
    /// </summary>
    public async Task<WithdrawalQueue> GetQueueAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        var today = Today;
        var open = await ViewsAsync(db, db.Withdrawals.Where(w => w.Status == WithdrawalStatus.Pending || w.Status == WithdrawalStatus.Approved || w.Status == WithdrawalStatus.Deferred),
            cancellationToken);
        var budget = await BudgetForAsync(db, today, cancellationToken);
        var paid = budget is null ? Money.Zero : await PaidInAsync(db, budget.PeriodStart, budget.PeriodEnd, cancellationToken);
        var running = paid;
        var lines = new List<QueueLine>();
        foreach (var request in open.OrderBy(r => r.NoticeGivenOn).ThenBy(r => r.Id))
        {
            running += request.Value;
            lines.Add(new QueueLine(request, running, budget is not null && running > budget.Amount, request.EarliestPayoutOn <= today));
        }

        var closedIds = await db.Withdrawals.AsNoTracking()
            .Where(w => w.Status == WithdrawalStatus.Paid || w.Status == WithdrawalStatus.Refused || w.Status == WithdrawalStatus.Cancelled)
            .OrderByDescending(w => w.Id).Select(w => w.Id).Take(RecentlyClosedCount).ToListAsync(cancellationToken);
        var closed = await ViewsAsync(db, db.Withdrawals.Where(w => closedIds.Contains(w.Id)), cancellationToken);
        var classes = await db.ShareClasses.AsNoTracking().Where(c => c.Withdrawable).OrderBy(c => c.Id).Select(c => new ShareClassChoice(c.Id, c.Name)).ToListAsync(cancellationToken);
        return new WithdrawalQueue(lines, budget, paid, open.Where(o => o.Status == WithdrawalStatus.Approved).Aggregate(Money.Zero, (t, o) => t + o.Value),
            await SuspensionInForceAsync(db, today, cancellationToken), closed.OrderByDescending(c => c.Id).ToList(), classes, today);
    }

    /// <summary>The member with this member number (as a written notice gives it), or null.</summary>
    public async Task<long?> MemberIdForNumberAsync(Actor actor, long memberNumber, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        return await db.Members.AsNoTracking().Where(m => m.MemberNumber == memberNumber).Select(m => (long?)m.Id).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Every request of one member, newest first, for the registrar.</summary>
    public async Task<IReadOnlyList<WithdrawalView>> ListForMemberAsync(Actor actor, long memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        return (await ViewsAsync(db, db.Withdrawals.Where(w => w.MemberId == memberId), cancellationToken))
            .OrderByDescending(v => v.NoticeGivenOn).ThenByDescending(v => v.Id).ToList();
    }

    /// <summary>
    /// Records the board's decision on one request or a batch, all or nothing. An approval is refused while a suspension
    /// is in force (domain rule 22), for a frozen holding, and when it would take what is approved and paid in the
    /// budget period beyond the board's budget (domain rule 23).
    /// </summary>
    public async Task DecideAsync(Actor actor, IReadOnlyCollection<WithdrawalRef> requests, WithdrawalStatus decision, DateOnly decidedOn, string minutesReference,
        string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            throw new DomainException("Choose at least one withdrawal for the board's decision.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        if (decidedOn > Today)
        {
            throw new DomainException("DecidedOn", $"The decision date ({decidedOn:yyyy-MM-dd}) is in the future.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = requests.Select(r => r.Id).Distinct().ToList();
        var loaded = await db.Withdrawals.Include(w => w.Steps).Where(w => ids.Contains(w.Id)).ToListAsync(cancellationToken);
        if (loaded.Count != ids.Count)
        {
            throw new DomainException($"{ids.Count - loaded.Count} of the chosen withdrawals no longer exist.");
        }

        foreach (var r in requests)
        {
            db.Entry(loaded.Single(w => w.Id == r.Id)).Property(RegisterDbContext.VersionProperty).OriginalValue = r.Version;
        }

        var classes = await db.ShareClasses.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken);
        var numbers = await db.Members.AsNoTracking().Where(m => loaded.Select(w => w.MemberId).Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.MemberNumber, cancellationToken);
        if (decision == WithdrawalStatus.Approved)
        {
            await RequireNotSuspendedAsync(db, decidedOn, "approved", cancellationToken);
            foreach (var w in loaded)
            {
                await HoldingMovements.RequireNotFrozenAsync(db, w.MemberId, cancellationToken);
            }

            await RequireWithinBudgetAsync(db, decidedOn, loaded.Where(w => w.Status != WithdrawalStatus.Approved).ToList(), classes, cancellationToken);
        }

        var errors = new List<RuleViolation>();
        foreach (var w in loaded.OrderBy(w => w.NoticeGivenOn).ThenBy(w => w.Id))
        {
            var before = Snapshot(w);
            try
            {
                w.Decide(decision, decidedOn, minutesReference, note, Now, actor.Name);
            }
            catch (DomainException ex)
            {
                errors.AddRange(ex.Violations.Select(v => v with { Message = $"Member {numbers[w.MemberId]}'s notice of {w.NoticeGivenOn:yyyy-MM-dd}: {v.Message}" }));
                continue;
            }

            AuditTrail.Add(db, actor, Now, "withdrawal." + decision.ToString().ToLowerInvariant(), "Withdrawal", Id(w.Id),
                $"Board decision of {decidedOn:yyyy-MM-dd} (minutes {w.DecisionMinutes}): withdrawal of {Count(w.Shares)} of {classes[w.ShareClassId].Name.ToLowerInvariant()} by member {numbers[w.MemberId]} {decision.ToString().ToLowerInvariant()}.",
                before, Snapshot(w), w.MemberId);
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        await SaveAsync(db, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Records the payment of an approved request: a withdrawal entry in the ledger (never below zero), the holding's
    /// certificates superseded by a balance certificate when shares remain, and the membership ended when the membership
    /// shares fall below the minimum. Exactly once: a second payment of the same request, even at the same moment on
    /// another server, finds the request's version changed and is refused.
    /// </summary>
    public async Task<WithdrawalPaid> PayAsync(Actor actor, WithdrawalRef request, DateOnly paidOn, long amountPence, string method, string? reference,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var w = await db.Withdrawals.Include(x => x.Steps).SingleOrDefaultAsync(x => x.Id == request.Id, cancellationToken)
            ?? throw new DomainException("This withdrawal no longer exists.");
        db.Entry(w).Property(RegisterDbContext.VersionProperty).OriginalValue = request.Version;
        var result = await PayCoreAsync(db, actor, w, paidOn, amountPence, method, reference, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// The payment inside the caller's transaction, on a request the caller has loaded (tracked) with the version it
    /// expects. The request's concurrency token is checked by the first save, together with the ledger entry, so two
    /// payments of one request cannot both commit.
    /// </summary>
    internal async Task<WithdrawalPaid> PayCoreAsync(RegisterDbContext db, Actor actor, WithdrawalRequest w, DateOnly paidOn, long amountPence, string method,
        string? reference, CancellationToken cancellationToken)
    {
        var society = await RequireSocietyAsync(db, cancellationToken);
        var shareClass = await db.ShareClasses.AsNoTracking().SingleAsync(c => c.Id == w.ShareClassId, cancellationToken);
        var member = await db.Members.SingleAsync(m => m.Id == w.MemberId, cancellationToken);
        await HoldingMovements.RequireNotFrozenAsync(db, w.MemberId, cancellationToken);
        await RequireNotSuspendedAsync(db, paidOn, "paid", cancellationToken);
        var holding = await db.Holdings.AsNoTracking().SingleOrDefaultAsync(h => h.MemberId == w.MemberId && h.ShareClassId == w.ShareClassId, cancellationToken);
        var held = holding?.Shares ?? 0;
        if (w.Status == WithdrawalStatus.Approved && held < w.Shares)
        {
            // Never below zero: the holding may have shrunk since notice (a reversal, a transfer).
            throw new DomainException("Shares", $"Member {member.MemberNumber} now holds {Count(held)} of {shareClass.Name.ToLowerInvariant()}; {Count(w.Shares)} cannot be withdrawn: the holding cannot go below zero.");
        }

        var before = Snapshot(w);
        w.Pay(paidOn, amountPence, method, reference, shareClass.NominalValuePence, Today, Now, actor.Name);

        // The paid-up value leaving the holding: all of it on a full withdrawal, otherwise at most the shares' nominal value.
        var paidUpLeaving = w.Shares == held ? holding!.AmountPaidPence : Math.Min(holding!.AmountPaidPence, checked(w.Shares * shareClass.NominalValuePence));
        LedgerEntry entry;
        try
        {
            entry = await HoldingMovements.ApplyAsync(db, actor, w.MemberId, w.ShareClassId, LedgerEntryKind.Withdrawal, -w.Shares, -paidUpLeaving, paidOn,
                $"Withdrawal W{Id(w.Id)}", $"Paid {new Money(amountPence).Format()} by {w.PaymentMethod}{(w.PaymentReference is null ? "" : $" ({w.PaymentReference})")}.",
                Now, cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConflictException($"The withdrawal of {Count(w.Shares)} by member {member.MemberNumber} was changed by someone else (perhaps already paid) while you worked. Reload the queue to see it.", ex);
        }

        w.RecordLedgerEntry(entry.Id);
        AuditTrail.Add(db, actor, Now, "withdrawal.paid", "Withdrawal", Id(w.Id),
            $"Withdrawal of {Count(w.Shares)} of {shareClass.Name.ToLowerInvariant()} by member {member.MemberNumber} paid on {paidOn:yyyy-MM-dd}: {new Money(amountPence).Format()} by {w.PaymentMethod}.",
            before, Snapshot(w), w.MemberId);

        DateOnly? ceasedOn = null;
        if (shareClass.ConfersMembership && member.DateCeased is null)
        {
            // The rules end a membership that no longer holds the minimum (domain rule 34; CessationKind.BelowMinimum).
            var left = await HoldingMovements.MembershipSharesAsync(db, member.Id, cancellationToken);
            var minimum = Math.Max(1, shareClass.MinimumHoldingShares);
            if (left < minimum)
            {
                HoldingMovements.Cease(db, actor, member, paidOn, CessationKind.BelowMinimum,
                    $"withdrew shares (W{Id(w.Id)}), leaving {Count(left)}, below the minimum of {Count(minimum)}", Now);
                ceasedOn = paidOn;
            }
        }

        await SaveAsync(db, cancellationToken);
        var sharesLeft = held - w.Shares;
        var balance = sharesLeft > 0
            ? await db.Certificates.AsNoTracking().Where(c => c.MemberId == w.MemberId && c.ShareClassId == w.ShareClassId && c.Status == CertificateStatus.Issued)
                .OrderByDescending(c => c.Number).Select(c => (long?)c.Number).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new WithdrawalPaid(entry.Id, sharesLeft, balance, ceasedOn, ceasedOn is { } c ? society.FinancialYearContaining(c).End.Year : null);
    }

    /// <summary>The registrar closes an open request (the member withdrew it in writing, for example).</summary>
    public async Task CancelAsync(Actor actor, WithdrawalRef request, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        var w = await db.Withdrawals.Include(x => x.Steps).SingleOrDefaultAsync(x => x.Id == request.Id, cancellationToken)
            ?? throw new DomainException("This withdrawal no longer exists.");
        db.Entry(w).Property(RegisterDbContext.VersionProperty).OriginalValue = request.Version;
        var before = Snapshot(w);
        w.Cancel(reason ?? "", Now, actor.Name);
        var number = await db.Members.Where(m => m.Id == w.MemberId).Select(m => m.MemberNumber).SingleAsync(cancellationToken);
        AuditTrail.Add(db, actor, Now, "withdrawal.cancelled", "Withdrawal", Id(w.Id),
            $"Notice of member {number} to withdraw {Count(w.Shares)} closed: {reason!.Trim()}.", before, Snapshot(w), w.MemberId);
        await SaveAsync(db, cancellationToken);
    }

    // ---- Shared ----

    private async Task<NoticeGiven> GiveCoreAsync(RegisterDbContext db, Actor actor, long memberId, int shareClassId, long shares, NoticeSource source,
        DateOnly noticeOn, string by, CancellationToken cancellationToken)
    {
        var society = await RequireSocietyAsync(db, cancellationToken);
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken)
            ?? throw new DomainException("Member", "There is no such member.");
        if (member.DateCeased is { } ceased)
        {
            throw new DomainException($"Member {member.MemberNumber} ceased on {ceased:yyyy-MM-dd}: a former member has no shares to give notice on.");
        }

        if (noticeOn < member.DateEntered)
        {
            throw new DomainException("NoticeGivenOn", $"The notice date ({noticeOn:yyyy-MM-dd}) is before member {member.MemberNumber} joined ({member.DateEntered:yyyy-MM-dd}).");
        }

        await HoldingMovements.RequireNotFrozenAsync(db, memberId, cancellationToken);
        var shareClass = await db.ShareClasses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == shareClassId, cancellationToken)
            ?? throw new DomainException("ShareClass", "Choose a class of shares you hold.");
        var holding = await db.Holdings.AsNoTracking().Where(h => h.MemberId == memberId && h.ShareClassId == shareClassId)
            .Select(h => (long?)h.Shares).SingleOrDefaultAsync(cancellationToken) ?? 0;
        var claimed = (await ClaimedByClassAsync(db, memberId, cancellationToken)).GetValueOrDefault(shareClassId);

        // Domain rules 9 and 25: the age that counts is the age on the day of notice; a body corporate has no age.
        int? age = member.Details.Kind.IsPerson() && member.Details.DateOfBirth is { } dob ? PersonDetails.AgeOn(dob, noticeOn) : null;
        var request = WithdrawalRequest.Give(memberId, shareClassId, shareClass.Withdrawable && society.SharesWithdrawable, shares, holding, claimed,
            age, society.WithdrawalNoticeDays, source, noticeOn, Today, Now, by);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Withdrawals.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        var suspension = await SuspensionInForceAsync(db, Today, cancellationToken);
        AuditTrail.Add(db, actor, Now, "withdrawal.notice-given", "Withdrawal", Id(request.Id),
            $"Member {member.MemberNumber} gave notice {(source == NoticeSource.Portal ? "online" : "in writing")} on {noticeOn:yyyy-MM-dd} to withdraw {Count(shares)} of {shareClass.Name.ToLowerInvariant()}; earliest payment {request.EarliestPayoutOn:yyyy-MM-dd}{(suspension is null ? "" : "; withdrawals are suspended by the board")}.",
            null, Snapshot(request), memberId);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        var endsMembership = shareClass.ConfersMembership
                             && await HoldingMovements.MembershipSharesAsync(db, memberId, cancellationToken) - claimed - shares < Math.Max(1, shareClass.MinimumHoldingShares);
        return new NoticeGiven(request.Id, shares, request.EarliestPayoutOn, suspension, endsMembership);
    }

    private async Task<string?> CannotGiveNoticeAsync(RegisterDbContext db, Member member, SocietyDetails society, CancellationToken cancellationToken)
    {
        if (member.DateCeased is { } ceased)
        {
            return $"Your membership ended on {ceased.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}.";
        }

        if (!society.SharesWithdrawable)
        {
            return "The society's shares are not withdrawable under its rules.";
        }

        if (await db.DeathCases.AnyAsync(d => d.MemberId == member.Id && d.SettledOn == null, cancellationToken))
        {
            return "The holding is frozen while an estate is settled.";
        }

        return member.Details.Kind.IsPerson() && member.Details.DateOfBirth is { } dob && PersonDetails.AgeOn(dob, Today) < 16
            ? "Members under 16 cannot withdraw shares: they cannot give a valid receipt for the money."
            : null;
    }

    private static int? FinalStatementYear(Member member, SocietyDetails society) =>
        member.DateCeased is { } ceased ? society.FinancialYearContaining(ceased).End.Year : null;

    /// <summary>Shares of each class already under an open notice: a second notice cannot claim them again.</summary>
    private static async Task<Dictionary<int, long>> ClaimedByClassAsync(RegisterDbContext db, long memberId, CancellationToken cancellationToken) =>
        await db.Withdrawals.AsNoTracking()
            .Where(w => w.MemberId == memberId && (w.Status == WithdrawalStatus.Pending || w.Status == WithdrawalStatus.Approved || w.Status == WithdrawalStatus.Deferred))
            .GroupBy(w => w.ShareClassId).Select(g => new { g.Key, Shares = g.Sum(w => w.Shares) })
            .ToDictionaryAsync(x => x.Key, x => x.Shares, cancellationToken);

    internal static async Task<SuspensionView?> SuspensionInForceAsync(RegisterDbContext db, DateOnly on, CancellationToken cancellationToken)
    {
        var s = await db.WithdrawalSuspensions.AsNoTracking()
            .Where(x => x.From <= on && (x.To == null || x.To >= on))
            .OrderBy(x => x.From)
            .Select(x => new { x.Id, x.From, x.To, x.Reason, x.Minutes, Version = EF.Property<long>(x, RegisterDbContext.VersionProperty) })
            .FirstOrDefaultAsync(cancellationToken);
        return s is null ? null : new SuspensionView(s.Id, s.From, s.To, s.Reason, s.Minutes, s.Version);
    }

    /// <summary>Domain rule 22: while the board has suspended withdrawals, none is approved or paid.</summary>
    private async Task RequireNotSuspendedAsync(RegisterDbContext db, DateOnly on, string what, CancellationToken cancellationToken)
    {
        var suspension = await SuspensionInForceAsync(db, on, cancellationToken) ?? await SuspensionInForceAsync(db, Today, cancellationToken);
        if (suspension is not null)
        {
            throw new DomainException(
                $"The board has suspended withdrawals from {suspension.From:yyyy-MM-dd}{(suspension.To is { } to ? $" to {to:yyyy-MM-dd}" : " until further notice")} ({suspension.Reason}; minutes {suspension.Minutes}): no withdrawal can be {what} while the suspension is in force.");
        }
    }

    internal static async Task<BudgetView?> BudgetForAsync(RegisterDbContext db, DateOnly on, CancellationToken cancellationToken)
    {
        var b = await db.WithdrawalBudgets.AsNoTracking().Where(x => x.PeriodStart <= on && x.PeriodEnd >= on).OrderBy(x => x.PeriodStart).FirstOrDefaultAsync(cancellationToken);
        return b is null ? null : new BudgetView(b.Id, b.PeriodStart, b.PeriodEnd, new Money(b.AmountPence), b.Minutes);
    }

    private static async Task<Money> PaidInAsync(RegisterDbContext db, DateOnly start, DateOnly end, CancellationToken cancellationToken) =>
        new(await db.Withdrawals.AsNoTracking().Where(w => w.Status == WithdrawalStatus.Paid && w.PaidOn >= start && w.PaidOn <= end)
            .SumAsync(w => w.PaidPence ?? 0, cancellationToken));

    /// <summary>
    /// Domain rule 23 (FCA FG15/12): withdrawals only out of what the board has set aside. What is paid in the period,
    /// what is approved and not yet paid, and this approval together may not exceed the period's budget.
    /// </summary>
    private static async Task RequireWithinBudgetAsync(RegisterDbContext db, DateOnly on, IReadOnlyList<WithdrawalRequest> approving, Dictionary<int, ShareClass> classes,
        CancellationToken cancellationToken)
    {
        var budget = await BudgetForAsync(db, on, cancellationToken);
        if (budget is null || approving.Count == 0)
        {
            return;
        }

        var paid = await PaidInAsync(db, budget.PeriodStart, budget.PeriodEnd, cancellationToken);
        var approved = (await db.Withdrawals.AsNoTracking().Where(w => w.Status == WithdrawalStatus.Approved).Select(w => new { w.Shares, w.ShareClassId }).ToListAsync(cancellationToken))
            .Aggregate(Money.Zero, (t, w) => t + classes[w.ShareClassId].NominalValue * w.Shares);
        var these = approving.Aggregate(Money.Zero, (t, w) => t + classes[w.ShareClassId].NominalValue * w.Shares);
        if (paid + approved + these > budget.Amount)
        {
            throw new DomainException("Budget",
                $"The board's withdrawal budget for {budget.PeriodStart:yyyy-MM-dd} to {budget.PeriodEnd:yyyy-MM-dd} is {budget.Amount.Format()} (minutes {budget.Minutes}); " +
                $"{paid.Format()} is paid and {approved.Format()} approved, so approving {these.Format()} more would exceed it by {(paid + approved + these - budget.Amount).Format()}.");
        }
    }

    private static async Task<List<WithdrawalView>> ViewsAsync(RegisterDbContext db, IQueryable<WithdrawalRequest> query, CancellationToken cancellationToken)
    {
        var rows = await query.AsNoTracking().Include(w => w.Steps)
            .Select(w => new { W = w, Version = EF.Property<long>(w, RegisterDbContext.VersionProperty) })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var memberIds = rows.Select(r => r.W.MemberId).Distinct().ToList();
        var members = (await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id)).Select(m => new { m.Id, m.MemberNumber, m.Details }).ToListAsync(cancellationToken))
            .ToDictionary(m => m.Id);
        var classes = await db.ShareClasses.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken);
        return rows.Select(r =>
        {
            var w = r.W;
            var m = members[w.MemberId];
            var c = classes[w.ShareClassId];
            return new WithdrawalView(w.Id, w.MemberId, m.MemberNumber, m.Details.RegisterName, w.ShareClassId, c.Name, w.Shares, c.NominalValue * w.Shares, w.Source,
                w.NoticeGivenOn, w.EarliestPayoutOn, w.Status, w.DecisionMinutes, w.DecidedOn, w.PaidOn, w.PaidPence is { } p ? new Money(p) : null, w.PaymentMethod,
                w.PaymentReference, r.Version, w.Steps.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new WithdrawalStepView(s.At, s.By, s.What)).ToList());
        }).ToList();
    }

    private static async Task SaveAsync(RegisterDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConflictException("This withdrawal was changed by someone else while you worked on it (perhaps decided or paid). Reload to see the change, then try again.", ex);
        }
    }

    private static async Task<SocietyDetails> RequireSocietyAsync(RegisterDbContext db, CancellationToken cancellationToken) =>
        (await db.Societies.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? throw new DomainException("The register has not been set up yet.")).Details;

    private static Task<long?> MemberIdOfAsync(RegisterDbContext db, Actor actor, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == actor.UserId).Select(u => u.MemberId).SingleOrDefaultAsync(cancellationToken);

    private static object Snapshot(WithdrawalRequest w) => new
    {
        w.Shares,
        Status = w.Status.ToString(),
        w.NoticeGivenOn,
        w.EarliestPayoutOn,
        w.DecidedOn,
        w.DecisionMinutes,
        w.PaidOn,
        w.PaidPence,
        w.PaymentMethod,
        w.PaymentReference,
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Count(long n) => n == 1 ? "1 share" : $"{n.ToString("#,##0", CultureInfo.InvariantCulture)} shares";
}
