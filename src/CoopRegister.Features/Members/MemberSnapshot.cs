using CoopRegister.Domain.Members;

namespace CoopRegister.Features.Members;

/// <summary>The statutory and contact fields of a member as the audit trail records them before and after a change.</summary>
public sealed record MemberSnapshot(
    long MemberNumber,
    string Kind,
    string Name,
    string Address,
    string Postcode,
    string Country,
    string? Email,
    bool NoticesByEmail,
    string? Phone,
    DateOnly? DateOfBirth,
    string? RepresentativeName,
    string? RepresentedBody,
    string? RepresentedBodyAddress,
    string? OrganisationNumber,
    IReadOnlyList<JointHolder> JointHolders,
    bool MarketingConsent,
    DateOnly DateEntered,
    DateOnly? DateCeased)
{
    public static MemberSnapshot Of(Member m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var d = m.Details;
        return new MemberSnapshot(m.MemberNumber, d.Kind.ToString(), d.Name, d.Address, d.Postcode, d.Country, d.Email, d.NoticesByEmail, d.Phone, d.DateOfBirth,
            d.RepresentativeName, d.RepresentedBody, d.RepresentedBodyAddress, d.OrganisationNumber, d.JointHolders, m.MarketingConsent, m.DateEntered, m.DateCeased);
    }
}
