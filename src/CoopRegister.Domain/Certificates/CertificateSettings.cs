namespace CoopRegister.Domain.Certificates;

/// <summary>
/// How the society issues certificates: automatically on allotment or not, one per allotment or one per holding, and
/// the two officers who sign them (the historic PPPS certificate bore the facsimile signatures of the chair and the
/// secretary; domain rule 37), with an optional logo.
/// </summary>
public sealed class CertificateSettings
{
    public const int SingletonId = 1;
    public const int NameMax = 100;
    public const int ImageMax = 512 * 1024;

    private CertificateSettings()
    {
    }

    public int Id { get; private set; } = SingletonId;
    public bool IssueOnAllotment { get; private set; } = true;
    public CertificateMode Mode { get; private set; } = CertificateMode.Consolidated;
    public string FirstSignatoryName { get; private set; } = "";
    public string FirstSignatoryOffice { get; private set; } = "Chair";
    public byte[]? FirstSignatureImage { get; private set; }
    public string SecondSignatoryName { get; private set; } = "";
    public string SecondSignatoryOffice { get; private set; } = "Secretary";
    public byte[]? SecondSignatureImage { get; private set; }
    public byte[]? Logo { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public static CertificateSettings Default() => new();

    public void Change(bool issueOnAllotment, CertificateMode mode, string firstName, string firstOffice, string secondName, string secondOffice, DateTime nowUtc)
    {
        var errors = new List<RuleViolation>();
        Check(errors, nameof(FirstSignatoryName), "First signatory's name", firstName, required: true);
        Check(errors, nameof(FirstSignatoryOffice), "First signatory's office", firstOffice, required: true);
        Check(errors, nameof(SecondSignatoryName), "Second signatory's name", secondName, required: true);
        Check(errors, nameof(SecondSignatoryOffice), "Second signatory's office", secondOffice, required: true);
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        IssueOnAllotment = issueOnAllotment;
        Mode = mode;
        FirstSignatoryName = firstName.Trim();
        FirstSignatoryOffice = firstOffice.Trim();
        SecondSignatoryName = secondName.Trim();
        SecondSignatoryOffice = secondOffice.Trim();
        UpdatedAt = nowUtc;
    }

    /// <summary>Sets or clears an image: "FirstSignature", "SecondSignature" or "Logo". Only PNG and JPEG, at most 512 KB.</summary>
    public void SetImage(string which, byte[]? image, DateTime nowUtc)
    {
        if (image is not null)
        {
            if (image.Length > ImageMax)
            {
                throw new DomainException(which, $"The image is {image.Length / 1024} KB; at most {ImageMax / 1024} KB is allowed.");
            }

            if (!IsPng(image) && !IsJpeg(image))
            {
                throw new DomainException(which, "The image must be a PNG or JPEG file.");
            }
        }

        switch (which)
        {
            case "FirstSignature":
                FirstSignatureImage = image;
                break;
            case "SecondSignature":
                SecondSignatureImage = image;
                break;
            case "Logo":
                Logo = image;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(which), which, "Unknown image.");
        }

        UpdatedAt = nowUtc;
    }

    public bool IsComplete => FirstSignatoryName.Length > 0 && SecondSignatoryName.Length > 0;

    private static bool IsPng(byte[] b) => b.Length > 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47;

    private static bool IsJpeg(byte[] b) => b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;

    private static void Check(List<RuleViolation> errors, string field, string label, string value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new(field, $"{label} is required: certificates bear the names of two officers."));
            }
        }
        else if (value.Trim().Length > NameMax)
        {
            errors.Add(new(field, $"{label} may be at most {NameMax} characters."));
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add(new(field, $"{label} may not contain control characters."));
        }
    }
}
