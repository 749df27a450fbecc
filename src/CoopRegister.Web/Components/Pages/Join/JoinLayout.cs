using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Registration;

namespace CoopRegister.Web.Components.Pages.Join;

/// <summary>
/// Which questions the join page asks each kind of applicant (domain rules 10–11), in the applicant's words, and the
/// form as it is sent: answers to questions no longer shown (typed before the applicant changed their kind) are left
/// out. Whether the answers are acceptable is the application service's call.
/// </summary>
public static class JoinLayout
{
    /// <summary>The kinds in the order the page offers them: the common case first.</summary>
    public static IReadOnlyList<MemberKind> Kinds { get; } =
        [MemberKind.Individual, MemberKind.Joint, MemberKind.Corporate, MemberKind.Nominee, MemberKind.RegisteredSociety];

    public static string Title(MemberKind kind) => kind switch
    {
        MemberKind.Individual => "Myself",
        MemberKind.Joint => "Myself, jointly with others",
        MemberKind.Corporate => "A company or other incorporated body",
        MemberKind.Nominee => "A union branch, trades council or other unincorporated body",
        MemberKind.RegisteredSociety => "A co-operative or community benefit society",
        _ => kind.Describe(),
    };

    public static string Explanation(MemberKind kind) => kind switch
    {
        MemberKind.Individual => "You hold the shares in your own name.",
        MemberKind.Joint => "Up to 3 others hold the shares with you; the first-named holder votes.",
        MemberKind.Corporate => "The organisation holds the shares in its own name and names a representative.",
        MemberKind.Nominee => "You hold the shares as the body's nominee; the register says whom you act for.",
        MemberKind.RegisteredSociety => "A registered society holds the shares and names a representative.",
        _ => "",
    };

    public static bool IsOrganisation(MemberKind kind) => kind.IsOrganisation();

    /// <summary>Whether the applicant applies for someone other than themselves, and so declares they may.</summary>
    public static bool ActsForOthers(MemberKind kind) => kind is MemberKind.Corporate or MemberKind.Nominee or MemberKind.RegisteredSociety;

    /// <summary>A date of birth is asked of the people applying when the society's rules set a minimum age.</summary>
    public static bool AsksDateOfBirth(MemberKind kind, int? minimumAge) => minimumAge is not null && kind.IsPerson();

    /// <summary>A nominee's own age is not what admits the body, so the date is offered, not pressed for.</summary>
    public static bool DateOfBirthOptional(MemberKind kind) => kind == MemberKind.Nominee;

    public static bool AsksJointHolders(MemberKind kind) => kind == MemberKind.Joint;

    public static bool AsksRepresentedBody(MemberKind kind) => kind == MemberKind.Nominee;

    public static bool AsksRepresentative(MemberKind kind) => kind.IsOrganisation();

    public static bool AsksOrganisationNumber(MemberKind kind) => kind.IsOrganisation();

    public static bool OrganisationNumberOptional(MemberKind kind) => kind == MemberKind.Corporate;

    public static string DetailsLegend(MemberKind kind) => kind switch
    {
        MemberKind.Joint => "The holders",
        MemberKind.Nominee => "You and the body you act for",
        MemberKind.Corporate or MemberKind.RegisteredSociety => "The organisation",
        _ => "About you",
    };

    public static string NameLabel(MemberKind kind) => kind switch
    {
        MemberKind.Joint => "First-named holder's full name",
        MemberKind.Nominee => "Your full name (the nominee)",
        MemberKind.Corporate => "Organisation's name",
        MemberKind.RegisteredSociety => "Society's registered name",
        _ => "Full name",
    };

    public static string NameAutocomplete(MemberKind kind) => kind.IsOrganisation() ? "organization" : "name";

    public static string AddressLabel(MemberKind kind) => kind switch
    {
        MemberKind.Corporate => "The organisation's address",
        MemberKind.RegisteredSociety => "The society's registered office",
        MemberKind.Nominee => "Your address",
        _ => "Address",
    };

    /// <summary>The fields the page shows for a kind, by the names the service's messages use.</summary>
    public static IReadOnlyList<string> ShownFields(MemberKind kind, int? minimumAge)
    {
        var fields = new List<string> { "Kind", "Name", "Address", "Postcode", "Country", "Email", "Phone", "Shares", "ShareClass", "Instalment", "Declarations" };
        if (AsksDateOfBirth(kind, minimumAge))
        {
            fields.Add("DateOfBirth");
        }

        if (AsksJointHolders(kind))
        {
            fields.Add("JointHolders");
        }

        if (AsksRepresentedBody(kind))
        {
            fields.Add("RepresentedBody");
            fields.Add("RepresentedBodyAddress");
        }

        if (AsksRepresentative(kind))
        {
            fields.Add("RepresentativeName");
        }

        if (AsksOrganisationNumber(kind))
        {
            fields.Add("OrganisationNumber");
        }

        return fields;
    }

    /// <summary>A copy of the form to send: what the applicant sees, without answers to questions the chosen kind is not asked.</summary>
    public static ApplicationForm ForSubmission(ApplicationForm form, int? minimumAge)
    {
        ArgumentNullException.ThrowIfNull(form);
        var kind = form.Kind;
        var copy = new ApplicationForm
        {
            Kind = kind,
            Name = form.Name,
            Address = form.Address,
            Postcode = form.Postcode,
            Country = form.Country,
            Email = form.Email,
            Phone = form.Phone,
            DateOfBirth = AsksDateOfBirth(kind, minimumAge) ? form.DateOfBirth : null,
            RepresentativeName = AsksRepresentative(kind) ? form.RepresentativeName : "",
            RepresentedBody = AsksRepresentedBody(kind) ? form.RepresentedBody : "",
            RepresentedBodyAddress = AsksRepresentedBody(kind) ? form.RepresentedBodyAddress : "",
            OrganisationNumber = AsksOrganisationNumber(kind) ? form.OrganisationNumber : "",
            Shares = form.Shares,
            ShareClassId = form.ShareClassId,
            PaymentMethod = form.PaymentMethod,
            InstalmentPounds = form.PaymentMethod == PaymentMethod.StandingOrder ? form.InstalmentPounds : "",
            NoticesByEmail = form.NoticesByEmail,
            MarketingConsent = form.MarketingConsent,
            DeclarationsAccepted = form.DeclarationsAccepted,
        };
        if (AsksJointHolders(kind))
        {
            copy.JointHolders.AddRange(form.JointHolders
                .Where(h => !string.IsNullOrWhiteSpace(h.Name) || !string.IsNullOrWhiteSpace(h.Email))
                .Select(h => new JointHolderForm { Name = h.Name, Email = h.Email }));
        }

        return copy;
    }
}
