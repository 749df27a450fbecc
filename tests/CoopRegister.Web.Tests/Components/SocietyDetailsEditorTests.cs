using Bunit;
using CoopRegister.Domain.Society;
using CoopRegister.Features.Society;
using CoopRegister.Web.Components.Shared;

namespace CoopRegister.Web.Tests.Components;

public sealed class SocietyDetailsEditorTests : BunitContext
{
    [Fact]
    public void Only_the_quorum_figures_the_chosen_rule_uses_are_asked_for()
    {
        var form = new SocietyForm { QuorumKind = QuorumKind.FixedNumber };
        var cut = Render<SocietyDetailsEditor>(p => p.Add(c => c.Form, form).Add(c => c.Errors, new FormErrors()));
        Assert.NotEmpty(cut.FindAll("#QuorumMembers"));
        Assert.Empty(cut.FindAll("#QuorumPercent"));

        cut.Find("#QuorumKind").Change(nameof(QuorumKind.Percentage));

        Assert.Equal(QuorumKind.Percentage, form.QuorumKind);
        Assert.Empty(cut.FindAll("#QuorumMembers"));
        Assert.NotEmpty(cut.FindAll("#QuorumPercent"));
    }

    [Fact]
    public void A_broken_rule_is_shown_beside_its_field()
    {
        var errors = new FormErrors();
        var form = new SocietyForm { MaximumHoldingPounds = "150000" };
        try
        {
            form.ToDetails();
        }
        catch (CoopRegister.Domain.DomainException ex)
        {
            foreach (var v in ex.Violations)
            {
                errors.Add(v.Field, v.Message);
            }
        }

        var cut = Render<SocietyDetailsEditor>(p => p.Add(c => c.Form, form).Add(c => c.Errors, errors));

        var message = cut.Find($"#{nameof(SocietyDetails.MaximumHoldingPence)}-error").TextContent;
        Assert.Contains("Act s.24", message, StringComparison.Ordinal);
        Assert.Contains("£150,000.00", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Typing_pounds_that_are_not_a_number_is_reported_for_that_field()
    {
        var form = new SocietyForm { RegisteredName = "A Limited", RegistrationNumber = "1R", RegisteredOffice = "Here", ShareNominalValuePounds = "one pound" };
        var ex = Assert.Throws<CoopRegister.Domain.DomainException>(form.ToDetails);
        var v = Assert.Single(ex.Violations);
        Assert.Equal(nameof(SocietyDetails.ShareNominalValuePence), v.Field);
        Assert.Contains("'one pound' is not an amount in pounds", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_for_fields_the_form_does_not_show_appear_at_the_top()
    {
        var errors = new FormErrors();
        errors.Add("Token", "This setup link has already been used.");
        errors.Add(nameof(SocietyDetails.RegisteredName), "Registered name is required.");

        var cut = Render<GeneralErrors>(p => p.Add(c => c.Errors, errors).Add(c => c.ShownFields, SocietyDetailsEditor.Fields));

        Assert.Contains("already been used", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Registered name is required", cut.Markup, StringComparison.Ordinal);
    }
}
