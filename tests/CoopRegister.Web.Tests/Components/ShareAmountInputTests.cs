using Bunit;
using CoopRegister.Domain;
using CoopRegister.Web.Components.Shared;
using CoopRegister.Web.Components.Shared.Purchase;

namespace CoopRegister.Web.Tests.Components;

public sealed class ShareAmountInputTests : BunitContext
{
    private long _shares;

    private IRenderedComponent<ShareAmountInput> RenderInput(Money nominal, long shares = 10, int minimum = 1, Money? cap = null, FormErrors? errors = null)
    {
        _shares = shares;
        return Render<ShareAmountInput>(p => p
            .Add(c => c.NominalValue, nominal)
            .Add(c => c.Shares, shares)
            .Add(c => c.SharesChanged, v => _shares = v)
            .Add(c => c.MinimumHoldingShares, minimum)
            .Add(c => c.Cap, cap)
            .Add(c => c.Errors, errors ?? new FormErrors()));
    }

    [Fact]
    public void Both_boxes_start_from_the_number_of_shares()
    {
        var cut = RenderInput(new Money(250), shares: 4);

        Assert.Equal("4", cut.Find("#Shares").GetAttribute("value"));
        Assert.Equal("10", cut.Find("#SharesPounds").GetAttribute("value"));
    }

    [Fact]
    public void Typing_pounds_with_one_pound_shares_gives_the_same_number_of_shares()
    {
        var cut = RenderInput(Money.FromPounds(1));

        cut.Find("#SharesPounds").Input("£25");

        Assert.Equal(25, _shares);
        Assert.Equal("25", cut.Find("#Shares").GetAttribute("value"));
        Assert.Null(cut.Instance.Problem);
    }

    [Fact]
    public void Typing_shares_fills_in_the_pounds()
    {
        var cut = RenderInput(new Money(250));

        cut.Find("#Shares").Input("1,001");

        Assert.Equal(1001, _shares);
        Assert.Equal("2502.50", cut.Find("#SharesPounds").GetAttribute("value"));
    }

    [Fact]
    public void An_amount_that_is_not_a_whole_number_of_shares_is_explained_with_the_nearest_amounts_that_are()
    {
        var cut = RenderInput(new Money(250), shares: 3);

        cut.Find("#SharesPounds").Input("26");

        Assert.Equal(3, _shares);
        var problem = cut.Find("#Shares-problem").TextContent;
        Assert.Contains("whole multiple of £2.50", problem, StringComparison.Ordinal);
        Assert.Contains("£25.00 buys 10 shares and £27.50 buys 11 shares", problem, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("#SharesPounds").GetAttribute("aria-invalid"));
        Assert.NotNull(cut.Instance.Problem);

        cut.Find("#SharesPounds").Input("25");
        Assert.Equal(10, _shares);
        Assert.Null(cut.Instance.Problem);
        Assert.Equal("", cut.Find("#Shares-problem").TextContent);
    }

    [Fact]
    public void A_half_typed_amount_is_not_an_error_yet()
    {
        var cut = RenderInput(new Money(50));

        cut.Find("#SharesPounds").Input("12.");

        Assert.Equal(24, _shares);
        Assert.Null(cut.Instance.Problem);
    }

    [Fact]
    public void Words_in_either_box_are_refused_without_changing_the_shares()
    {
        var cut = RenderInput(Money.FromPounds(1), shares: 7);

        cut.Find("#Shares").Input("ten");
        Assert.Contains("'ten' is not a whole number of shares", cut.Find("#Shares-problem").TextContent, StringComparison.Ordinal);
        Assert.Equal("", cut.Find("#SharesPounds").GetAttribute("value"));

        cut.Find("#SharesPounds").Input("a fiver");
        Assert.Contains("'a fiver' is not an amount in pounds", cut.Find("#Shares-problem").TextContent, StringComparison.Ordinal);
        Assert.Equal(7, _shares);
    }

    [Fact]
    public void The_price_minimum_and_cap_are_stated_and_the_whole_share_rule_only_when_a_share_is_not_one_pound()
    {
        var pound = RenderInput(Money.FromPounds(1), minimum: 5, cap: Money.FromPounds(100_000));
        var help = pound.Find("#Shares-help").TextContent;
        Assert.Contains("Each share costs £1.", help, StringComparison.Ordinal);
        Assert.Contains("5 shares (£5)", help, StringComparison.Ordinal);
        Assert.Contains("£100,000", help, StringComparison.Ordinal);
        Assert.DoesNotContain("whole multiple", help, StringComparison.Ordinal);

        var other = RenderInput(new Money(250), minimum: 0);
        Assert.Contains("whole multiple of £2.50", other.Find("#Shares-help").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("become a member", other.Find("#Shares-help").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_services_message_for_shares_is_shown_once_beside_the_boxes()
    {
        var errors = new FormErrors();
        errors.Add("Shares", "Holding would be £120,000.00; the cap on withdrawable shares for an individual is £100,000 (Act s.24).");

        var cut = RenderInput(Money.FromPounds(1), errors: errors);

        Assert.Contains("Act s.24", cut.Find("#Shares-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("#Shares").GetAttribute("aria-invalid"));
        Assert.Contains("Shares-error", cut.Find("#Shares").GetAttribute("aria-describedby"), StringComparison.Ordinal);
    }

    [Fact]
    public void Choosing_a_class_with_another_price_reprices_the_same_number_of_shares()
    {
        var cut = RenderInput(Money.FromPounds(1), shares: 20);

        cut.Render(p => p.Add(c => c.NominalValue, new Money(500)));

        Assert.Equal("20", cut.Find("#Shares").GetAttribute("value"));
        Assert.Equal("100", cut.Find("#SharesPounds").GetAttribute("value"));
    }
}
