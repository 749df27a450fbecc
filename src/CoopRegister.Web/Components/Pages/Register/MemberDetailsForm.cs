using CoopRegister.Domain.Members;
using CoopRegister.Features.Registration;

namespace CoopRegister.Web.Components.Pages.Register;

/// <summary>
/// The registrar's "Edit details" form: the member's contact and representation fields as typed. The kind of member is
/// not edited here. The rules are checked by the service (<see cref="PersonDetails.Validate"/>), which names each field.
/// </summary>
public sealed class MemberDetailsForm
{
    public MemberKind Kind { get; private init; }
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string Postcode { get; set; } = "";
    public string Country { get; set; } = PersonDetails.UnitedKingdom;
    public string Email { get; set; } = "";
    public bool NoticesByEmail { get; set; }
    public string Phone { get; set; } = "";
    public DateOnly? DateOfBirth { get; set; }
    public string RepresentativeName { get; set; } = "";
    public string OrganisationNumber { get; set; } = "";
    public string RepresentedBody { get; set; } = "";
    public string RepresentedBodyAddress { get; set; } = "";
    public List<JointHolderForm> JointHolders { get; } = [];
    public bool MarketingConsent { get; set; }

    public bool AsksDateOfBirth => Kind.IsPerson();

    public bool AsksRepresentative => Kind.IsOrganisation();

    public bool AsksRepresentedBody => Kind == MemberKind.Nominee;

    public bool AsksJointHolders => Kind == MemberKind.Joint;

    public bool CanAddJointHolder => JointHolders.Count < PersonDetails.MaxJointHolders;

    public static MemberDetailsForm From(PersonDetails details, bool marketingConsent)
    {
        ArgumentNullException.ThrowIfNull(details);
        var form = new MemberDetailsForm
        {
            Kind = details.Kind,
            Name = details.Name,
            Address = details.Address,
            Postcode = details.Postcode,
            Country = details.Country,
            Email = details.Email ?? "",
            NoticesByEmail = details.NoticesByEmail,
            Phone = details.Phone ?? "",
            DateOfBirth = details.DateOfBirth,
            RepresentativeName = details.RepresentativeName ?? "",
            OrganisationNumber = details.OrganisationNumber ?? "",
            RepresentedBody = details.RepresentedBody ?? "",
            RepresentedBodyAddress = details.RepresentedBodyAddress ?? "",
            MarketingConsent = marketingConsent,
        };
        form.JointHolders.AddRange(details.JointHolders.Select(h => new JointHolderForm { Name = h.Name, Email = h.Email ?? "" }));
        return form;
    }

    /// <summary>
    /// The details as typed. Fields the member's kind does not use keep their stored value, so that an edit of the
    /// address never drops, say, an organisation's registration number.
    /// </summary>
    public PersonDetails ToDetails(PersonDetails current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current with
        {
            Name = Name,
            Address = Address,
            Postcode = Postcode,
            Country = Country,
            Email = Blank(Email),
            NoticesByEmail = NoticesByEmail,
            Phone = Blank(Phone),
            DateOfBirth = AsksDateOfBirth ? DateOfBirth : current.DateOfBirth,
            RepresentativeName = AsksRepresentative ? Blank(RepresentativeName) : current.RepresentativeName,
            OrganisationNumber = AsksRepresentative ? Blank(OrganisationNumber) : current.OrganisationNumber,
            RepresentedBody = AsksRepresentedBody ? Blank(RepresentedBody) : current.RepresentedBody,
            RepresentedBodyAddress = AsksRepresentedBody ? Blank(RepresentedBodyAddress) : current.RepresentedBodyAddress,
            JointHolders = AsksJointHolders
                ? JointHolders.Select(h => new JointHolder(h.Name, Blank(h.Email))).ToList()
                : current.JointHolders,
        };
    }

    private static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
