using System.Globalization;
using System.Runtime.CompilerServices;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Certificates;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Shares;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Certificates;

/// <summary>A certificate as lists show it.</summary>
public sealed record CertificateRow(long Id, long Number, bool IsDuplicate, long MemberId, long MemberNumber, string MemberName, string ShareClassName, long Shares,
    Money NominalValue, Money AmountPaid, DateOnly IssuedOn, CertificateStatus Status, long? ReplacedByNumber, DateOnly? EndedOn, string? EndReason, string VerificationCode);

/// <summary>What the public verification page may say about a certificate: never the holder's address or other holdings.</summary>
public sealed record CertificateVerification(string SocietyName, string RegistrationNumber, long Number, bool IsDuplicate, string HolderName, string ShareClassName,
    long Shares, DateOnly IssuedOn, CertificateStatus Status, long? ReplacedByNumber, DateOnly? EndedOn);

/// <summary>Which certificates a bulk run prints.</summary>
public sealed record CertificateSelection(DateOnly? IssuedFrom = null, DateOnly? IssuedTo = null, long? MemberNumber = null)
{
    public string Describe() => (IssuedFrom, IssuedTo, MemberNumber) switch
    {
        (_, _, { } n) => $"member {n}",
        ({ } f, { } t, _) when f == t => $"issued on {f:yyyy-MM-dd}",
        ({ } f, { } t, _) => $"issued {f:yyyy-MM-dd} to {t:yyyy-MM-dd}",
        ({ } f, null, _) => $"issued on or after {f:yyyy-MM-dd}",
        (null, { } t, _) => $"issued on or before {t:yyyy-MM-dd}",
        _ => "every current certificate",
    };
}

/// <summary>
/// Certificates for people: the member's own list and downloads, the registrar's reissue, cancellation and duplicates,
/// the public verification page, and bulk printing into a ZIP. Only current (issued) certificates are printed in bulk;
/// any certificate, whatever its status, can be downloaded singly, and shows its status in the register.
/// </summary>
public sealed class CertificateService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    public const string VerifyPath = "v";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public static string VerificationUrl(Uri siteBase, string code)
    {
        ArgumentNullException.ThrowIfNull(siteBase);
        return new Uri(siteBase, $"{VerifyPath}/{code}").ToString();
    }

    public async Task<IReadOnlyList<CertificateRow>> ListForMemberAsync(Actor actor, long memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        return await RowsAsync(db, db.Certificates.Where(c => c.MemberId == memberId), cancellationToken);
    }

    /// <summary>The signed-in member's own certificates.</summary>
    public async Task<IReadOnlyList<CertificateRow>> ListMineAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var memberId = await MemberIdOfAsync(db, actor, cancellationToken);
        return memberId is null ? [] : await RowsAsync(db, db.Certificates.Where(c => c.MemberId == memberId), cancellationToken);
    }

    /// <summary>
    /// One certificate as a PDF. Staff who read the register may have any; a member only their own (any other number is
    /// answered as if it did not exist).
    /// </summary>
    public async Task<(string FileName, byte[] Pdf)?> RenderAsync(Actor actor, long certificateId, Uri siteBase, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Certificates.AsNoTracking().Where(c => c.Id == certificateId);
        if (!actor.Claims(Permissions.ReadRegister))
        {
            await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
            var memberId = await MemberIdOfAsync(db, actor, cancellationToken);
            query = query.Where(c => c.MemberId == memberId);
        }
        else
        {
            await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        }

        var certificate = await query.SingleOrDefaultAsync(cancellationToken);
        if (certificate is null)
        {
            return null;
        }

        var documents = await DocumentsAsync(db, [certificate], siteBase, cancellationToken);
        var document = documents[0];
        return (CertificatePdf.FileName(document), CertificatePdf.Render(document));
    }

    /// <summary>The public answer for a verification code; null when no certificate has that code.</summary>
    public async Task<CertificateVerification?> VerifyAsync(string? code, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length != ShareCertificate.CodeLength)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var society = await db.Societies.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var found = await db.Certificates.AsNoTracking().Where(c => c.VerificationCode == code.Trim().ToLowerInvariant())
            .Select(c => new
            {
                c.Number,
                c.DuplicateSequence,
                Holder = db.Members.Where(m => m.Id == c.MemberId).Select(m => m.Details.Name).Single(),
                ClassName = db.ShareClasses.Where(s => s.Id == c.ShareClassId).Select(s => s.Name).Single(),
                c.Shares,
                c.IssuedOn,
                c.Status,
                ReplacedBy = db.Certificates.Where(r => r.Id == c.ReplacedById).Select(r => (long?)r.Number).SingleOrDefault(),
                c.EndedOn,
            }).SingleOrDefaultAsync(cancellationToken);
        return found is null || society is null
            ? null
            : new CertificateVerification(society.Details.RegisteredName, society.Details.RegistrationNumber, found.Number, found.DuplicateSequence > 0, found.Holder,
                found.ClassName, found.Shares, found.IssuedOn, found.Status, found.ReplacedBy, found.EndedOn);
    }

    /// <summary>Cancels a certificate issued in error; the holding stays as it is (reissue to give the member a current one).</summary>
    public async Task CancelAsync(Actor actor, long certificateId, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        var certificate = await db.Certificates.SingleOrDefaultAsync(c => c.Id == certificateId, cancellationToken) ?? throw new DomainException("This certificate does not exist.");
        certificate.Cancel(Today, reason);
        AuditTrail.Add(db, actor, Now, "certificate.cancelled", "Certificate", certificate.Number.ToString(CultureInfo.InvariantCulture),
            $"Certificate {certificate.Number} cancelled: {reason.Trim()}", memberId: certificate.MemberId);
        await SaveAsync(db, certificate.Number, cancellationToken);
    }

    /// <summary>A duplicate for a certificate reported lost: it keeps the number, is marked duplicate, and the lost one is cancelled.</summary>
    public async Task<long> IssueDuplicateAsync(Actor actor, long certificateId, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var original = await db.Certificates.SingleOrDefaultAsync(c => c.Id == certificateId, cancellationToken) ?? throw new DomainException("This certificate does not exist.");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Reason", "Say how the certificate was lost: the reason is kept with it.");
        }

        var duplicate = original.Duplicate(Today, Now, actor.Name);
        db.Certificates.Add(duplicate);
        await SaveAsync(db, original.Number, cancellationToken);
        original.Cancel(Today, $"Reported lost ({reason.Trim()}); duplicate issued.", duplicate);
        AuditTrail.Add(db, actor, Now, "certificate.duplicated", "Certificate", original.Number.ToString(CultureInfo.InvariantCulture),
            $"Duplicate of certificate {original.Number} issued: {reason.Trim()}", memberId: original.MemberId);
        await SaveAsync(db, original.Number, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return duplicate.Id;
    }

    /// <summary>Issues a current certificate for the member's whole holding of a class, superseding any still issued.</summary>
    public async Task ReissueAsync(Actor actor, long memberId, int shareClassId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var holding = await db.Holdings.AsNoTracking().SingleOrDefaultAsync(h => h.MemberId == memberId && h.ShareClassId == shareClassId, cancellationToken);
        if (holding is null || holding.Shares <= 0)
        {
            throw new DomainException("The member holds no shares of this class: there is nothing to certify.");
        }

        var shareClass = await db.ShareClasses.SingleAsync(c => c.Id == shareClassId, cancellationToken);
        await CertificateIssuer.IssueBalanceAsync(db, memberId, shareClass, holding, Today, "reissued by the registrar", actor, Now, cancellationToken);
        await SaveAsync(db, 0, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>How many current certificates a bulk run would print.</summary>
    public async Task<int> CountAsync(Actor actor, CertificateSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        return await Select(db, selection).CountAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the selected current certificates into a ZIP, streaming: a few hundred at a time are read and rendered, so
    /// memory stays flat whether there are ten or a hundred thousand. Returns how many were written.
    /// </summary>
    public async Task<int> WriteZipAsync(Actor actor, CertificateSelection selection, Stream output, Uri siteBase, IProgress<int>? progress,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        await using (var check = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await AccessGuard.RequireAsync(check, actor, Permissions.ReadRegister, Now, cancellationToken);
        }

        return await CertificateArchive.WriteAsync(StreamDocumentsAsync(selection, siteBase, cancellationToken).ToBlockingEnumerable(cancellationToken),
            output, 0, progress, cancellationToken);
    }

    private async IAsyncEnumerable<CertificateDocument> StreamDocumentsAsync(CertificateSelection selection, Uri siteBase, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int page = 500;
        long after = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var batch = await Select(db, selection).Where(c => c.Id > after).OrderBy(c => c.Id).Take(page).AsNoTracking().ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }

            foreach (var document in await DocumentsAsync(db, batch, siteBase, cancellationToken))
            {
                yield return document;
            }

            after = batch[^1].Id;
        }
    }

    private static IQueryable<ShareCertificate> Select(RegisterDbContext db, CertificateSelection s)
    {
        var q = db.Certificates.Where(c => c.Status == CertificateStatus.Issued);
        if (s.IssuedFrom is { } from)
        {
            q = q.Where(c => c.IssuedOn >= from);
        }

        if (s.IssuedTo is { } to)
        {
            q = q.Where(c => c.IssuedOn <= to);
        }

        if (s.MemberNumber is { } n)
        {
            q = q.Where(c => db.Members.Any(m => m.Id == c.MemberId && m.MemberNumber == n));
        }

        return q;
    }

    /// <summary>Turns certificate records into what is printed, with the society's identity and the signatories.</summary>
    internal static async Task<IReadOnlyList<CertificateDocument>> DocumentsAsync(RegisterDbContext db, IReadOnlyList<ShareCertificate> certificates, Uri siteBase,
        CancellationToken cancellationToken)
    {
        var society = (await db.Societies.AsNoTracking().SingleAsync(cancellationToken)).Details;
        var settings = await db.CertificateSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? CertificateSettings.Default();
        var classes = await db.ShareClasses.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken);
        var memberIds = certificates.Select(c => c.MemberId).Distinct().ToList();
        var members = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id))
            .Select(m => new { m.Id, m.MemberNumber, m.Details }).ToDictionaryAsync(m => m.Id, cancellationToken);
        var first = new CertificateSignatory(Or(settings.FirstSignatoryName, "The Chair"), Or(settings.FirstSignatoryOffice, "Chair"), settings.FirstSignatureImage);
        var second = new CertificateSignatory(Or(settings.SecondSignatoryName, "The Secretary"), Or(settings.SecondSignatoryOffice, "Secretary"), settings.SecondSignatureImage);
        return certificates.Select(c =>
        {
            var m = members[c.MemberId];
            var k = classes[c.ShareClassId];
            return new CertificateDocument
            {
                SocietyRegisteredName = society.RegisteredName,
                RegistrationNumber = society.RegistrationNumber,
                RegisteredOffice = society.RegisteredOffice,
                CertificateNumber = c.Number.ToString(CultureInfo.InvariantCulture),
                IsDuplicate = c.IsDuplicate,
                MemberName = m.Details.RegisterName,
                MemberNumber = m.MemberNumber.ToString(CultureInfo.InvariantCulture),
                ShareClassName = k.Name,
                NumberOfShares = c.Shares,
                NominalValuePerSharePence = c.NominalValuePence,
                AmountPaidPence = c.AmountPaidPence,
                Withdrawable = k.Withdrawable,
                Transferable = k.Transferable,
                IssuedOn = c.IssuedOn,
                FirstSignatory = first,
                SecondSignatory = second,
                Logo = settings.Logo,
                VerificationUrl = VerificationUrl(siteBase, c.VerificationCode),
            };
        }).ToList();
    }

    private static async Task<IReadOnlyList<CertificateRow>> RowsAsync(RegisterDbContext db, IQueryable<ShareCertificate> query, CancellationToken cancellationToken) =>
        await query.AsNoTracking().OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.Number).ThenByDescending(c => c.DuplicateSequence)
            .Select(c => new CertificateRow(c.Id, c.Number, c.DuplicateSequence > 0, c.MemberId,
                db.Members.Where(m => m.Id == c.MemberId).Select(m => m.MemberNumber).Single(),
                db.Members.Where(m => m.Id == c.MemberId).Select(m => m.Details.Name).Single(),
                db.ShareClasses.Where(k => k.Id == c.ShareClassId).Select(k => k.Name).Single(),
                c.Shares, new Money(c.NominalValuePence), new Money(c.AmountPaidPence), c.IssuedOn, c.Status,
                db.Certificates.Where(r => r.Id == c.ReplacedById).Select(r => (long?)r.Number).SingleOrDefault(), c.EndedOn, c.EndReason, c.VerificationCode))
            .ToListAsync(cancellationToken);

    private static Task<long?> MemberIdOfAsync(RegisterDbContext db, Actor actor, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == actor.UserId).Select(u => u.MemberId).SingleOrDefaultAsync(cancellationToken);

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;

    private static async Task SaveAsync(RegisterDbContext db, long number, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConflictException(number > 0
                ? $"Certificate {number} was changed by someone else at the same moment. Reload to see it."
                : "The certificates of this holding were changed by someone else at the same moment. Reload to see them.", ex);
        }
    }
}
