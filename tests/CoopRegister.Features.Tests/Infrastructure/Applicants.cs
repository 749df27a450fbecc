using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Registration;

namespace CoopRegister.Features.Tests.Infrastructure;

/// <summary>Application forms as readers fill them in, for arranging tests.</summary>
internal static class Applicants
{
    public static readonly Uri Site = new("http://register.example.org/");

    public static ApplicationForm Individual(string name = "Zoë Ó Briain", string email = "zoe@example.org", long shares = 50,
        PaymentMethod method = PaymentMethod.BankTransfer, string postcode = "E3 2NS") => new()
    {
        Kind = MemberKind.Individual,
        Name = name,
        Address = "12 Beachy Road\nLondon",
        Postcode = postcode,
        Email = email,
        DateOfBirth = new DateOnly(1980, 5, 17),
        Shares = shares,
        PaymentMethod = method,
        NoticesByEmail = true,
        DeclarationsAccepted = true,
    };

    public static ApplicationForm UnionBranch(long shares = 20_000) => new()
    {
        Kind = MemberKind.Nominee,
        Name = "Siân Llewellyn",
        RepresentedBody = "Unite Cardiff Branch 1234",
        Address = "Transport House\n1 Cathedral Road\nCardiff",
        Postcode = "CF11 9SD",
        Email = "branch1234@example.org",
        Shares = shares,
        DeclarationsAccepted = true,
    };

    public static ApplicationForm Society(long shares) => new()
    {
        Kind = MemberKind.RegisteredSociety,
        Name = "Midcounties Co-operative Limited",
        RepresentativeName = "Łukasz Żółkiewski",
        OrganisationNumber = "1234R",
        Address = "Co-operative House\nWarwick Technology Park",
        Postcode = "CV34 6DA",
        Email = "treasury@example.org",
        Shares = shares,
        DeclarationsAccepted = true,
    };
}
