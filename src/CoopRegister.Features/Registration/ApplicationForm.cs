using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;

namespace CoopRegister.Features.Registration;

/// <summary>The public "Join / buy shares" form, as a reader fills it in.</summary>
public sealed class ApplicationForm
{
    public MemberKind Kind { get; set; } = MemberKind.Individual;
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string Postcode { get; set; } = "";
    public string Country { get; set; } = PersonDetails.UnitedKingdom;
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public DateOnly? DateOfBirth { get; set; }
    public string RepresentativeName { get; set; } = "";
    public string RepresentedBody { get; set; } = "";
    public string RepresentedBodyAddress { get; set; } = "";
    public string OrganisationNumber { get; set; } = "";
    public List<JointHolderForm> JointHolders { get; } = [];

    /// <summary>How many shares; the page also shows (and accepts) the amount in pounds.</summary>
    public long Shares { get; set; } = 10;

    public int ShareClassId { get; set; }
    public PaymentMethod PaymentMethod { get; set; } = PaymentMethod.BankTransfer;

    /// <summary>The monthly amount for a standing order, in pounds as typed.</summary>
    public string InstalmentPounds { get; set; } = "";

    public bool NoticesByEmail { get; set; } = true;
    public bool MarketingConsent { get; set; }
    public bool DeclarationsAccepted { get; set; }

    public PersonDetails ToDetails() => new()
    {
        Kind = Kind,
        Name = Name,
        Address = Address,
        Postcode = Postcode,
        Country = Country,
        Email = Email,
        NoticesByEmail = NoticesByEmail,
        Phone = Phone,
        DateOfBirth = Kind is MemberKind.Individual or MemberKind.Joint or MemberKind.Nominee ? DateOfBirth : null,
        RepresentativeName = RepresentativeName,
        RepresentedBody = RepresentedBody,
        RepresentedBodyAddress = RepresentedBodyAddress,
        OrganisationNumber = OrganisationNumber,
        JointHolders = JointHolders.Select(h => new JointHolder(h.Name, string.IsNullOrWhiteSpace(h.Email) ? null : h.Email)).ToList(),
    };
}

public sealed class JointHolderForm
{
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
}
