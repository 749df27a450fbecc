using System.Security.Cryptography;

namespace CoopRegister.Domain.Certificates;

/// <summary>Where a certificate stands (domain rule 38). None is ever deleted.</summary>
public enum CertificateStatus
{
    /// <summary>The current certificate for the shares it states.</summary>
    Issued,

    /// <summary>Replaced by a later certificate after the holding changed (a balance certificate) or when reissued.</summary>
    Superseded,

    /// <summary>Withdrawn by the registrar (issued in error, or reported lost and replaced by a duplicate).</summary>
    Cancelled,
}

/// <summary>How certificates follow allotments: one per allotment, or one consolidated certificate per holding.</summary>
public enum CertificateMode
{
    PerAllotment,
    Consolidated,
}

/// <summary>
/// A share certificate as a record of its own (domain rules 36–38): a number allocated without gaps, the member, the
/// class, the shares, their nominal value and the amount paid, the date of issue, and its status with links to what
/// it replaced and what replaced it. A lost certificate is replaced by a duplicate that keeps the original number.
/// The verification code in the QR link is random, so the public page cannot be walked by guessing numbers.
/// </summary>
public sealed class ShareCertificate
{
    public const int CodeLength = 16;
    public const int ReasonMax = 300;
    private const string CodeAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    private ShareCertificate()
    {
    }

    public long Id { get; private set; }
    public long Number { get; private set; }

    /// <summary>0 for the original; 1, 2… for duplicates of it, which print the same number marked DUPLICATE.</summary>
    public int DuplicateSequence { get; private set; }

    public long MemberId { get; private set; }
    public int ShareClassId { get; private set; }
    public long Shares { get; private set; }
    public long NominalValuePence { get; private set; }
    public long AmountPaidPence { get; private set; }
    public DateOnly IssuedOn { get; private set; }
    public CertificateStatus Status { get; private set; }

    /// <summary>The ledger entry (an allotment) this certificate records, in per-allotment mode.</summary>
    public long? LedgerEntryId { get; private set; }

    /// <summary>The certificate that replaced this one (a balance certificate, a reissue or a duplicate).</summary>
    public long? ReplacedById { get; private set; }

    public string VerificationCode { get; private set; } = "";
    public DateOnly? EndedOn { get; private set; }
    public string? EndReason { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public bool IsDuplicate => DuplicateSequence > 0;

    public Money TotalNominalValue => new(checked(Shares * NominalValuePence));

    public static ShareCertificate Issue(long number, long memberId, int shareClassId, long shares, long nominalValuePence, long amountPaidPence,
        DateOnly issuedOn, long? ledgerEntryId, DateTime nowUtc, string by)
    {
        if (shares <= 0)
        {
            throw new DomainException("Shares", $"A certificate must state at least one share; it would state {shares}.");
        }

        if (amountPaidPence < 0 || amountPaidPence > checked(shares * nominalValuePence))
        {
            throw new DomainException("AmountPaid", "The amount paid on a certificate must be between nothing and the shares' nominal value.");
        }

        return new ShareCertificate
        {
            Number = number,
            MemberId = memberId,
            ShareClassId = shareClassId,
            Shares = shares,
            NominalValuePence = nominalValuePence,
            AmountPaidPence = amountPaidPence,
            IssuedOn = issuedOn,
            Status = CertificateStatus.Issued,
            LedgerEntryId = ledgerEntryId,
            VerificationCode = NewCode(),
            CreatedAt = nowUtc,
            CreatedBy = by.Length <= 256 ? by : by[..256],
        };
    }

    /// <summary>A duplicate for a certificate reported lost: same number and particulars, marked duplicate, newly dated.</summary>
    public ShareCertificate Duplicate(DateOnly issuedOn, DateTime nowUtc, string by)
    {
        RequireIssued("replace it with a duplicate");
        return new ShareCertificate
        {
            Number = Number,
            DuplicateSequence = DuplicateSequence + 1,
            MemberId = MemberId,
            ShareClassId = ShareClassId,
            Shares = Shares,
            NominalValuePence = NominalValuePence,
            AmountPaidPence = AmountPaidPence,
            IssuedOn = issuedOn,
            Status = CertificateStatus.Issued,
            LedgerEntryId = LedgerEntryId,
            VerificationCode = NewCode(),
            CreatedAt = nowUtc,
            CreatedBy = by.Length <= 256 ? by : by[..256],
        };
    }

    /// <summary>Marks this certificate replaced by <paramref name="replacement"/> (saved, so that its key is known).</summary>
    public void SupersededBy(ShareCertificate replacement, DateOnly on, string reason)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        RequireIssued("supersede it");
        Status = CertificateStatus.Superseded;
        ReplacedById = replacement.Id;
        EndedOn = on;
        EndReason = Truncate(reason);
    }

    /// <summary>Cancels this certificate; a lost certificate is cancelled in favour of its duplicate.</summary>
    public void Cancel(DateOnly on, string reason, ShareCertificate? replacement = null)
    {
        RequireIssued("cancel it");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Reason", "Say why the certificate is cancelled: the reason is kept with it.");
        }

        Status = CertificateStatus.Cancelled;
        ReplacedById = replacement?.Id;
        EndedOn = on;
        EndReason = Truncate(reason.Trim());
    }

    private void RequireIssued(string what)
    {
        if (Status != CertificateStatus.Issued)
        {
            throw new DomainException($"Certificate {Number} is {Status.ToString().ToLowerInvariant()}: it is no longer possible to {what}.");
        }
    }

    private static string Truncate(string s) => s.Length <= ReasonMax ? s : s[..ReasonMax];

    /// <summary>16 characters from 31 unambiguous letters and digits: about 79 bits, far beyond guessing.</summary>
    private static string NewCode()
    {
        Span<char> chars = stackalloc char[CodeLength];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        }

        return new string(chars);
    }
}
