using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain.Certificates;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Shares;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Certificates;

/// <summary>
/// The one mechanism by which a change to a holding reaches its certificates, inside the change's own transaction
/// (domain rule 38). An allotment in per-allotment mode gets a certificate of its own; any other change (an allotment in
/// consolidated mode, a reversal, and the withdrawals, transfers and transmissions to come) supersedes every current
/// certificate of the holding and issues one balance certificate for what remains.
/// </summary>
public static class CertificateIssuer
{
    /// <summary>
    /// Brings the holding's certificates in step with <paramref name="entry"/>, which must already be saved (its key is
    /// recorded) and applied to <paramref name="holdingAfter"/>. Returns the certificates issued.
    /// </summary>
    public static async Task<IReadOnlyList<ShareCertificate>> OnHoldingChangedAsync(RegisterDbContext db, LedgerEntry entry, Holding holdingAfter,
        ShareClass shareClass, Actor actor, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(holdingAfter);
        ArgumentNullException.ThrowIfNull(shareClass);
        var settings = await db.CertificateSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? CertificateSettings.Default();
        if (!settings.IssueOnAllotment)
        {
            return [];
        }

        var issuedOn = entry.EffectiveDate;
        if (entry.Kind == LedgerEntryKind.Allotment && settings.Mode == CertificateMode.PerAllotment)
        {
            var number = await NumberAllocator.TakeAsync(db, NumberCounter.CertificateNumbers, 1, cancellationToken);
            var certificate = ShareCertificate.Issue(number, entry.MemberId, entry.ShareClassId, entry.Shares, shareClass.NominalValuePence,
                entry.AmountPaidPence, issuedOn, entry.Id, nowUtc, actor.Name);
            db.Certificates.Add(certificate);
            AuditTrail.Add(db, actor, nowUtc, "certificate.issued", "Certificate", number.ToString(CultureInfo.InvariantCulture),
                $"Certificate {number} issued for {entry.Shares} shares ({entry.Reference}).", memberId: entry.MemberId);
            return [certificate];
        }

        return await IssueBalanceAsync(db, entry.MemberId, shareClass, holdingAfter, issuedOn, $"the holding changed ({entry.Kind.ToString().ToLowerInvariant()} on {issuedOn:yyyy-MM-dd})",
            actor, nowUtc, cancellationToken);
    }

    /// <summary>
    /// Supersedes every current certificate of the holding and, when shares remain, issues one certificate for the whole
    /// holding. Used by consolidated issue, after later changes, and when the registrar reissues.
    /// </summary>
    public static async Task<IReadOnlyList<ShareCertificate>> IssueBalanceAsync(RegisterDbContext db, long memberId, ShareClass shareClass, Holding holding,
        DateOnly issuedOn, string reason, Actor actor, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(shareClass);
        ArgumentNullException.ThrowIfNull(holding);
        var current = await db.Certificates
            .Where(c => c.MemberId == memberId && c.ShareClassId == shareClass.Id && c.Status == CertificateStatus.Issued)
            .ToListAsync(cancellationToken);
        ShareCertificate? balance = null;
        if (holding.Shares > 0)
        {
            var number = await NumberAllocator.TakeAsync(db, NumberCounter.CertificateNumbers, 1, cancellationToken);
            balance = ShareCertificate.Issue(number, memberId, shareClass.Id, holding.Shares, shareClass.NominalValuePence,
                Math.Min(holding.AmountPaidPence, holding.Shares * shareClass.NominalValuePence), issuedOn, null, nowUtc, actor.Name);
            db.Certificates.Add(balance);

            // The replacement's key is recorded on the certificates it replaces.
            await db.SaveChangesAsync(cancellationToken);
            AuditTrail.Add(db, actor, nowUtc, "certificate.issued", "Certificate", number.ToString(CultureInfo.InvariantCulture),
                $"Certificate {number} issued for the holding of {holding.Shares} shares{(current.Count > 0 ? $", replacing {string.Join(", ", current.Select(c => c.Number))}" : "")}.",
                memberId: memberId);
        }

        foreach (var old in current)
        {
            if (balance is not null)
            {
                old.SupersededBy(balance, issuedOn, reason);
            }
            else
            {
                old.Cancel(issuedOn, $"No shares remain: {reason}");
            }

            AuditTrail.Add(db, actor, nowUtc, balance is null ? "certificate.cancelled" : "certificate.superseded", "Certificate",
                old.Number.ToString(CultureInfo.InvariantCulture),
                balance is null ? $"Certificate {old.Number} cancelled: no shares remain." : $"Certificate {old.Number} superseded by {balance.Number}.", memberId: memberId);
        }

        return balance is null ? [] : [balance];
    }
}
