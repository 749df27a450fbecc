using CoopRegister.Domain;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Registration;
using CoopRegister.Web.Components.Pages.Join;
using CoopRegister.Web.Components.Shared.Purchase;

namespace CoopRegister.Web.Tests.Components;

public sealed class JoinLayoutTests
{
    [Theory]
    [InlineData(MemberKind.Individual, "DateOfBirth")]
    [InlineData(MemberKind.Joint, "DateOfBirth,JointHolders")]
    [InlineData(MemberKind.Corporate, "RepresentativeName,OrganisationNumber")]
    [InlineData(MemberKind.Nominee, "DateOfBirth,RepresentedBody,RepresentedBodyAddress")]
    [InlineData(MemberKind.RegisteredSociety, "RepresentativeName,OrganisationNumber")]
    public void Each_kind_is_asked_its_own_questions_besides_the_common_ones(MemberKind kind, string own)
    {
        var common = new[] { "Kind", "Name", "Address", "Postcode", "Country", "Email", "Phone", "Shares", "ShareClass", "Instalment", "Declarations" };

        var shown = JoinLayout.ShownFields(kind, minimumAge: 16);

        Assert.Equal(common.Concat(own.Split(',')).Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_date_of_birth_is_asked_when_the_rules_set_no_minimum_age()
    {
        Assert.DoesNotContain("DateOfBirth", JoinLayout.ShownFields(MemberKind.Individual, minimumAge: null));
        Assert.False(JoinLayout.AsksDateOfBirth(MemberKind.Joint, null));
    }

    [Fact]
    public void Only_applicants_for_a_body_declare_that_they_may_apply_for_it()
    {
        Assert.False(JoinLayout.ActsForOthers(MemberKind.Individual));
        Assert.False(JoinLayout.ActsForOthers(MemberKind.Joint));
        Assert.True(JoinLayout.ActsForOthers(MemberKind.Corporate));
        Assert.True(JoinLayout.ActsForOthers(MemberKind.Nominee));
        Assert.True(JoinLayout.ActsForOthers(MemberKind.RegisteredSociety));
    }

    [Fact]
    public void Answers_typed_for_another_kind_are_not_sent()
    {
        var form = new ApplicationForm
        {
            Kind = MemberKind.Corporate,
            Name = "Hackney Trades Council Ltd",
            RepresentativeName = "Ama Mensah",
            OrganisationNumber = "01234567",
            RepresentedBody = "typed while a nominee",
            RepresentedBodyAddress = "also typed then",
            DateOfBirth = new DateOnly(1980, 1, 1),
            PaymentMethod = PaymentMethod.Cheque,
            InstalmentPounds = "5",
            Shares = 200,
            MarketingConsent = true,
        };
        form.JointHolders.Add(new JointHolderForm { Name = "typed while joint" });

        var sent = JoinLayout.ForSubmission(form, minimumAge: 16);

        Assert.Equal("Ama Mensah", sent.RepresentativeName);
        Assert.Equal("01234567", sent.OrganisationNumber);
        Assert.Equal("", sent.RepresentedBody);
        Assert.Equal("", sent.RepresentedBodyAddress);
        Assert.Null(sent.DateOfBirth);
        Assert.Empty(sent.JointHolders);
        Assert.Equal("", sent.InstalmentPounds);
        Assert.Equal(200, sent.Shares);
        Assert.True(sent.MarketingConsent);
    }

    [Fact]
    public void Empty_joint_holder_rows_are_not_sent()
    {
        var form = new ApplicationForm { Kind = MemberKind.Joint };
        form.JointHolders.Add(new JointHolderForm { Name = "Bronwen Jones", Email = "bronwen@example.org" });
        form.JointHolders.Add(new JointHolderForm());

        var sent = JoinLayout.ForSubmission(form, minimumAge: null);

        var holder = Assert.Single(sent.JointHolders);
        Assert.Equal("Bronwen Jones", holder.Name);
    }

    [Theory]
    [InlineData("", "", "", null, null)]
    [InlineData("17", "5", "1980", "1980-05-17", null)]
    [InlineData("29", "2", "2024", "2024-02-29", null)]
    [InlineData("29", "2", "2023", null, "is not a real date")]
    [InlineData("17", "", "1980", null, "enter the day, the month and the year")]
    [InlineData("17", "May", "1980", null, "enter numbers")]
    [InlineData("17", "5", "80", null, "four figures")]
    public void A_date_typed_in_three_boxes_is_read_or_explained(string day, string month, string year, string? expected, string? problem)
    {
        var result = MemorableDate.Read(day, month, year, "Date of birth");

        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Date);
        if (problem is null)
        {
            Assert.Null(result.Problem);
        }
        else
        {
            Assert.StartsWith("Date of birth:", result.Problem, StringComparison.Ordinal);
            Assert.Contains(problem, result.Problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("25", 100, 25L)]
    [InlineData("£1,200.50", 50, 2401L)]
    [InlineData("0.30", 10, 3L)]
    [InlineData("100000", 100, 100_000L)]
    public void Pounds_that_buy_whole_shares_are_converted(string typed, long nominalPence, long shares)
    {
        var result = ShareAmount.FromPoundsText(typed, new Money(nominalPence));

        Assert.Equal(shares, result.Shares);
        Assert.Null(result.Problem);
    }

    [Fact]
    public void Less_than_one_share_names_the_price_of_one()
    {
        var result = ShareAmount.FromPoundsText("1", new Money(250));

        Assert.Null(result.Shares);
        Assert.Contains("£2.50 buys 1 share", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Shares_are_priced_without_pence_when_the_amount_is_whole_pounds()
    {
        Assert.Equal("25", ShareAmount.PoundsText(25, Money.FromPounds(1)));
        Assert.Equal("62.50", ShareAmount.PoundsText(25, new Money(250)));
        Assert.Equal("0", ShareAmount.PoundsText(0, new Money(250)));
    }
}
