using CoopRegister.Domain;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Registration;
using CoopRegister.Web.Components.Pages.Register;

namespace CoopRegister.Web.Tests.Components;

public sealed class AllotmentSelectionTests
{
    private static ApplicationRow Row(long id, long shares, long allottable, long pencePerShare = 100, PaymentMethod method = PaymentMethod.BankTransfer) =>
        new(id, $"SH-{id:000000}", $"Applicant {id}", MemberKind.Individual, null, shares, new Money(shares * pencePerShare), new Money(allottable * pencePerShare),
            allottable, method, allottable > 0 ? ApplicationStatus.Paid : ApplicationStatus.Submitted, MatchDecision.Undecided, new DateTime(2026, 11, id < 10 ? (int)id : 9, 9, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void The_confirmation_totals_the_shares_and_money_of_the_ticked_applications()
    {
        var selection = new AllotmentSelection();
        selection.Set(Row(1, 50, 50), true);
        selection.Set(Row(2, 120, 30, method: PaymentMethod.StandingOrder), true);
        selection.Set(Row(3, 10, 10, pencePerShare: 500), true);

        Assert.Equal(3, selection.Count);
        Assert.Equal(90, selection.TotalShares);
        Assert.Equal(new Money(50_00 + 30_00 + 50_00), selection.TotalAmount);
    }

    [Fact]
    public void An_application_with_nothing_to_allot_cannot_be_ticked()
    {
        var selection = new AllotmentSelection();
        selection.Set(Row(1, 50, 0), true);
        Assert.Equal(0, selection.Count);
    }

    [Fact]
    public void Ticking_a_whole_page_takes_only_its_allottable_rows_and_unticking_clears_them()
    {
        var page = new[] { Row(1, 50, 50), Row(2, 20, 0), Row(3, 10, 10) };
        var selection = new AllotmentSelection();
        Assert.False(selection.AllOf(page));

        selection.SetAll(page, true);
        Assert.Equal([1L, 3L], selection.Ids.Order());
        Assert.True(selection.AllOf(page));

        selection.SetAll(page, false);
        Assert.Equal(0, selection.Count);
        Assert.False(selection.AllOf([Row(2, 20, 0)]));
    }

    [Fact]
    public void A_fresh_page_drops_a_ticked_application_that_someone_else_has_allotted_meanwhile()
    {
        var selection = new AllotmentSelection();
        selection.Set(Row(1, 50, 50), true);
        selection.Set(Row(2, 20, 20), true);

        selection.Refresh([Row(1, 50, 0), Row(3, 5, 5)]);

        Assert.Equal([2L], selection.Ids);
        Assert.Equal(["SH-000002"], selection.Rows.Select(r => r.Reference));
    }
}
