using CoopRegister.Domain.Members;
using CoopRegister.Domain.Society;

namespace CoopRegister.Domain.Tests.Members;

public sealed class PersonDetailsTests
{
    private static readonly SocietyDetails Society = new() { RegisteredName = "A Limited", RegistrationNumber = "1R", RegisteredOffice = "Here", MinimumAge = 16 };
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static readonly PersonDetails Person = new()
    {
        Kind = MemberKind.Individual,
        Name = "Siân Llewellyn",
        Address = "1 Heol y Castell\nCaerdydd",
        Postcode = "CF10 1BJ",
        Email = "sian@example.org",
        NoticesByEmail = true,
        DateOfBirth = new DateOnly(1990, 1, 1),
    };

    [Fact]
    public void A_complete_person_passes() => Assert.Empty(Person.Validate(Society, Today));

    [Fact]
    public void Someone_who_turns_16_tomorrow_is_refused_naming_the_age_and_the_rule()
    {
        var v = Assert.Single((Person with { DateOfBirth = Today.AddYears(-16).AddDays(1) }).Validate(Society, Today));
        Assert.Equal("DateOfBirth", v.Field);
        Assert.Contains("at least 16", v.Message, StringComparison.Ordinal);
        Assert.Contains("is 15", v.Message, StringComparison.Ordinal);
        Assert.Empty((Person with { DateOfBirth = Today.AddYears(-16) }).Validate(Society, Today));
    }

    [Fact]
    public void Without_a_minimum_age_in_the_rules_no_date_of_birth_is_needed() =>
        Assert.Empty((Person with { DateOfBirth = null }).Validate(Society with { MinimumAge = null }, Today));

    [Fact]
    public void An_existing_member_admitted_under_older_rules_keeps_their_record() =>
        Assert.Empty((Person with { DateOfBirth = null }).Validate(Society, Today, admission: false));

    [Theory]
    [InlineData("SW1A 1AA")]
    [InlineData("sw1a1aa")]
    [InlineData("M1 1AE")]
    [InlineData("B33 8TH")]
    [InlineData("CR2 6XH")]
    [InlineData("DN55 1PT")]
    [InlineData("W1A 0AX")]
    [InlineData("EC1A 1BB")]
    [InlineData("GIR 0AA")]
    public void Real_UK_postcode_shapes_are_accepted(string postcode) => Assert.True(PersonDetails.IsUkPostcode(postcode));

    [Theory]
    [InlineData("XYZ")]
    [InlineData("12345")]
    [InlineData("SW1A 1A")]
    [InlineData("SW1A 11A")]
    [InlineData("1AA 1AA")]
    public void Malformed_postcodes_are_refused(string postcode)
    {
        Assert.False(PersonDetails.IsUkPostcode(postcode));
        Assert.Contains((Person with { Postcode = postcode }).Validate(Society, Today), v => v.Field == "Postcode");
    }

    [Fact]
    public void An_overseas_address_needs_no_UK_postcode() =>
        Assert.Empty((Person with { Country = "Ireland", Postcode = "H91 X2Y3" }).Validate(Society, Today));

    [Fact]
    public void Notices_by_email_need_an_email_address_and_marketing_is_a_separate_choice()
    {
        Assert.Contains((Person with { Email = null }).Validate(Society, Today), v => v.Field == "Email" && v.Message.Contains("notices", StringComparison.Ordinal));
        Assert.False((Person with { Email = " " }).Normalised().NoticesByEmail);
    }

    [Fact]
    public void Each_kind_asks_for_what_the_register_must_show()
    {
        Assert.Contains((Person with { Kind = MemberKind.Nominee }).Validate(Society, Today), v => v.Field == "RepresentedBody");
        Assert.Contains((Person with { Kind = MemberKind.Corporate, DateOfBirth = null }).Validate(Society, Today), v => v.Field == "RepresentativeName");
        Assert.Contains((Person with { Kind = MemberKind.RegisteredSociety, DateOfBirth = null, RepresentativeName = "R" }).Validate(Society, Today), v => v.Field == "OrganisationNumber");
        Assert.Contains((Person with { Kind = MemberKind.Joint }).Validate(Society, Today), v => v.Field == "JointHolders");
        var four = Enumerable.Range(1, 4).Select(i => new JointHolder($"Holder {i}", null)).ToList();
        Assert.Contains((Person with { Kind = MemberKind.Joint, JointHolders = four }).Validate(Society, Today), v => v.Message.Contains("at most 3", StringComparison.Ordinal));
    }

    [Fact]
    public void The_register_names_a_nominee_with_the_body_and_a_joint_holding_with_all_holders()
    {
        Assert.Equal("Jane Smith (nominee of Unite Branch 123)", (Person with { Kind = MemberKind.Nominee, Name = "Jane Smith", RepresentedBody = "Unite Branch 123" }).RegisterName);
        Assert.Equal("Ann Ray and Bob Ray (joint)", (Person with { Kind = MemberKind.Joint, Name = "Ann Ray", JointHolders = [new("Bob Ray", null)] }).RegisterName);
    }

    [Fact]
    public void Control_characters_and_overlong_names_are_refused_but_markup_is_just_text()
    {
        Assert.Contains((Person with { Name = "Bad\u0007Name" }).Validate(Society, Today), v => v.Message.Contains("control characters", StringComparison.Ordinal));
        Assert.Contains((Person with { Name = new string('a', 201) }).Validate(Society, Today), v => v.Message.Contains("at most 200", StringComparison.Ordinal));
        Assert.Empty((Person with { Name = "<b>Bold</b> & Co" }).Validate(Society, Today));
    }

    [Fact]
    public void Tidying_folds_spaces_and_writes_the_postcode_the_usual_way()
    {
        var tidy = (Person with { Name = "  Zoe\u0308   Ó  Briain ", Postcode = "e32ns" }).Normalised();
        Assert.Equal("Zoë Ó Briain", tidy.Name);
        Assert.Equal("E3 2NS", tidy.Postcode);
    }
}
