using CoopRegister.Domain;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Registration;
using CoopRegister.Web.Components.Pages.Register;

namespace CoopRegister.Web.Tests.Components;

public sealed class RegisterFormTests
{
    private static readonly PersonDetails Company = new()
    {
        Kind = MemberKind.Corporate,
        Name = "Wigan Print Workers Ltd",
        Address = "1 Mill Lane\nWigan",
        Postcode = "WN1 1AA",
        Email = "office@example.org",
        RepresentativeName = "Ngozi Ọkọnkwọ",
        OrganisationNumber = "01234567",
    };

    [Fact]
    public void Editing_an_address_keeps_every_field_the_form_does_not_show_for_the_kind()
    {
        var form = MemberDetailsForm.From(Company with { DateOfBirth = null }, marketingConsent: true);
        Assert.False(form.AsksDateOfBirth);
        Assert.True(form.AsksRepresentative);
        Assert.False(form.AsksJointHolders);

        form.Address = "2 Mill Lane\nWigan";
        form.Phone = "  ";
        var details = form.ToDetails(Company);

        Assert.Equal(Company with { Address = "2 Mill Lane\nWigan" }, details);
        Assert.Null(details.Phone);
        Assert.True(form.MarketingConsent);
    }

    [Fact]
    public void A_joint_holding_edits_its_other_holders_and_a_blank_email_is_none()
    {
        var joint = new PersonDetails { Kind = MemberKind.Joint, Name = "Ann Lee", Address = "1 Road", Postcode = "E3 2NS", JointHolders = [new JointHolder("Bob Lee", "bob@example.org")] };
        var form = MemberDetailsForm.From(joint, false);
        Assert.True(form.AsksJointHolders);
        Assert.True(form.CanAddJointHolder);

        form.JointHolders[0].Email = "";
        form.JointHolders.Add(new JointHolderForm { Name = "Cai Lee" });

        Assert.Equal([new JointHolder("Bob Lee", null), new JointHolder("Cai Lee", null)], form.ToDetails(joint).JointHolders);
    }

    [Fact]
    public void A_payment_starts_from_what_is_still_owed_or_from_one_instalment()
    {
        var today = new DateOnly(2026, 11, 26);
        var transfer = Details(PaymentMethod.BankTransfer, amount: 50_00, paid: 20_00, instalment: null);
        var standingOrder = Details(PaymentMethod.StandingOrder, amount: 120_00, paid: 10_00, instalment: 5_00);

        var a = PaymentForm.For(transfer, today);
        var b = PaymentForm.For(standingOrder, today);

        Assert.Equal(("30.00", today, PaymentMethod.BankTransfer), (a.Pounds, a.ReceivedOn, a.Method));
        Assert.Equal(("5.00", PaymentMethod.StandingOrder), (b.Pounds, b.Method));
        Assert.Equal(3000, a.AmountPence());
    }

    [Theory]
    [InlineData("£1,250.5", 125_050)]
    [InlineData("12", 1_200)]
    public void Pounds_are_read_as_a_person_types_them(string typed, long pence) =>
        Assert.Equal(pence, new PaymentForm { Pounds = typed }.AmountPence());

    [Theory]
    [InlineData("", "Enter the amount received")]
    [InlineData("ten", "'ten' is not an amount in pounds")]
    [InlineData("1.234", "'1.234' is not an amount in pounds")]
    public void An_amount_that_is_not_pounds_is_reported_against_the_amount_field(string typed, string message)
    {
        var ex = Assert.Throws<DomainException>(() => new PaymentForm { Pounds = typed }.AmountPence());
        var v = Assert.Single(ex.Violations);
        Assert.Equal("Amount", v.Field);
        Assert.Contains(message, v.Message, StringComparison.Ordinal);
    }

    private static ApplicationDetails Details(PaymentMethod method, long amount, long paid, long? instalment) =>
        new(1, "SH-AAAAAA", new PersonDetails { Name = "Ann" }, false, "Ordinary shares", amount / 100, new Money(100), new Money(amount), new Money(paid), 0, 0,
            method, instalment is { } i ? new Money(i) : null, ApplicationStatus.PartPaid, MatchDecision.Undecided, null, null, null,
            new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), 1, [], [], []);
}
