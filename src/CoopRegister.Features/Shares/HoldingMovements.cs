using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Certificates;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Shares;

/// <summary>
/// The one way shares leave or move between holdings after allotment (withdrawal, transfer, transmission, forfeiture),
/// inside the caller's transaction: a dated ledger entry, the cached holding updated (never below zero), the holding's
/// certificates superseded by a balance certificate, and an audit event with the holding before and after.
/// </summary>
public static class HoldingMovements
{
    /// <summary>Writes one movement and returns its ledger entry (saved, so its key is known).</summary>
    public static async Task<LedgerEntry> ApplyAsync(RegisterDbContext db, Actor actor, long memberId, int shareClassId, LedgerEntryKind kind, long shares,
        long amountPaidPence, DateOnly effectiveDate, string? reference, string? note, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var shareClass = await db.ShareClasses.SingleAsync(c => c.Id == shareClassId, cancellationToken);
        var holding = await db.Holdings.SingleOrDefaultAsync(h => h.MemberId == memberId && h.ShareClassId == shareClassId, cancellationToken);
        if (holding is null)
        {
            holding = Holding.Empty(memberId, shareClassId);
            db.Holdings.Add(holding);
        }

        var before = new { holding.Shares, holding.AmountPaidPence };
        var entry = LedgerEntry.Movement(kind, memberId, shareClassId, effectiveDate, shares, amountPaidPence, reference, note, nowUtc, actor.Name);
        holding.Apply(entry);
        db.LedgerEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        await CertificateIssuer.OnHoldingChangedAsync(db, entry, holding, shareClass, actor, nowUtc, cancellationToken);
        var number = await db.Members.Where(m => m.Id == memberId).Select(m => m.MemberNumber).SingleAsync(cancellationToken);
        AuditTrail.Add(db, actor, nowUtc, "shares." + kind.ToString().ToLowerInvariant(), "Member", memberId.ToString(CultureInfo.InvariantCulture),
            $"{kind} of {Math.Abs(shares).ToString("#,##0", CultureInfo.InvariantCulture)} {shareClass.Name.ToLowerInvariant()} for member {number} on {effectiveDate:yyyy-MM-dd}{(reference is null ? "" : $" ({reference})")}.",
            before, new { holding.Shares, holding.AmountPaidPence }, memberId);
        return entry;
    }

    /// <summary>The member's total holding of classes that confer membership, for the minimum-holding rule.</summary>
    public static async Task<long> MembershipSharesAsync(RegisterDbContext db, long memberId, CancellationToken cancellationToken) =>
        await (from h in db.Holdings
               join c in db.ShareClasses on h.ShareClassId equals c.Id
               where h.MemberId == memberId && c.ConfersMembership
               select (long?)h.Shares).SumAsync(cancellationToken) ?? 0;

    /// <summary>Ends a membership, with its kind and reason, audited (Act s.30(2)(f): the entry stays, end-dated).</summary>
    public static void Cease(RegisterDbContext db, Actor actor, Member member, DateOnly on, CessationKind kind, string reason, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(member);
        var before = new { member.DateCeased };
        member.Cease(on, kind, reason, nowUtc);
        AuditTrail.Add(db, actor, nowUtc, "member.ceased", "Member", member.Id.ToString(CultureInfo.InvariantCulture),
            $"Member {member.MemberNumber} ceased on {on:yyyy-MM-dd}: {kind.Describe().ToLowerInvariant()} ({reason.Trim()}).", before,
            new { DateCeased = on, Kind = kind.ToString(), Reason = reason.Trim() }, member.Id);
    }

    /// <summary>Refuses a change while a notified death freezes the holding (domain rule 31).</summary>
    public static async Task RequireNotFrozenAsync(RegisterDbContext db, long memberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var death = await db.DeathCases.AsNoTracking().Where(d => d.MemberId == memberId).Select(d => new { d.DateOfDeath, d.SettledOn }).SingleOrDefaultAsync(cancellationToken);
        if (death is { SettledOn: null })
        {
            throw new DomainException($"The member died on {death.DateOfDeath:yyyy-MM-dd}: the holding is frozen until the estate is settled.");
        }
    }
}
