namespace CoopRegister.Features.Certificates;

/// <summary>
/// Everything printed on one share certificate, as plain values: the renderer reads no database and makes no
/// decision about numbering or lifecycle (rules 37–38). The content follows domain rule 37: the Act requires no
/// particular wording, so this is existing register practice plus what the Act asks of every society document
/// (s.10: the registered name, ending "Limited" unless exempt).
/// </summary>
public sealed record CertificateDocument
{
    /// <summary>Act s.10: the registered name appears on the society's documents, exactly as registered.</summary>
    public required string SocietyRegisteredName { get; init; }

    /// <summary>The FCA register number, for example "12750R".</summary>
    public required string RegistrationNumber { get; init; }

    /// <summary>The registered office, one address line per line (as the society's settings hold it).</summary>
    public required string RegisteredOffice { get; init; }

    /// <summary>The number assigned by the register (rule 37); a duplicate keeps the original's number (rule 38).</summary>
    public required string CertificateNumber { get; init; }

    /// <summary>A replacement for a lost certificate: printed with a clear DUPLICATE marking (rule 38).</summary>
    public bool IsDuplicate { get; init; }

    public required string MemberName { get; init; }

    public required string MemberNumber { get; init; }

    /// <summary>The class of shares as the rules name it, for example "Ordinary" or "Community".</summary>
    public required string ShareClassName { get; init; }

    public required long NumberOfShares { get; init; }

    /// <summary>Nominal value of one share in pence; shares stay at par, so the holding is count × nominal (rule 13).</summary>
    public required long NominalValuePerSharePence { get; init; }

    /// <summary>What has been paid up, in pence (Act s.30(2)(c)); less than the total nominal value for instalments (rule 19).</summary>
    public required long AmountPaidPence { get; init; }

    /// <summary>Rule 12: the registered rules say whether the shares are withdrawable; the certificate repeats it.</summary>
    public required bool Withdrawable { get; init; }

    /// <summary>Rule 12: the registered rules say whether the shares are transferable; the certificate repeats it.</summary>
    public required bool Transferable { get; init; }

    public required DateOnly IssuedOn { get; init; }

    /// <summary>The first of the two officers who sign (for example the chair).</summary>
    public required CertificateSignatory FirstSignatory { get; init; }

    /// <summary>The second officer (for example the secretary).</summary>
    public required CertificateSignatory SecondSignatory { get; init; }

    /// <summary>The society's logo as PNG or JPEG bytes, or null for none.</summary>
    public byte[]? Logo { get; init; }

    /// <summary>Absolute http(s) address of the public verification page; printed and encoded in the QR code.</summary>
    public required string VerificationUrl { get; init; }

    public long TotalNominalValuePence => checked(NumberOfShares * NominalValuePerSharePence);
}

/// <summary>
/// An officer who signs certificates. The historic PPPS certificate carried facsimile signatures of the chair and
/// secretary (rule 37); where an administrator has uploaded no signature image the name is typeset instead.
/// </summary>
/// <param name="Name">The officer's name.</param>
/// <param name="Office">The office held, for example "Secretary".</param>
/// <param name="SignatureImage">A facsimile signature as PNG or JPEG bytes, or null to typeset the name.</param>
public sealed record CertificateSignatory(string Name, string Office, byte[]? SignatureImage = null);
