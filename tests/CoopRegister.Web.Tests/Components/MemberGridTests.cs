using CoopRegister.Features.Members;
using CoopRegister.Web.Components.Pages.Register;
using Microsoft.AspNetCore.Components.QuickGrid;

namespace CoopRegister.Web.Tests.Components;

public sealed class MemberGridTests
{
    private static readonly MemberListFilter NoFilter = new(null, false, null);

    [Fact]
    public void The_grids_page_becomes_the_services_skip_and_take()
    {
        var query = MemberGrid.ToQuery(100, 50, [], NoFilter);

        Assert.Equal(new MemberQuery(null, MemberSort.Number, false, 100, 50, null, false), query);
    }

    [Theory]
    [InlineData(nameof(MemberRow.MemberNumber), MemberSort.Number)]
    [InlineData(nameof(MemberRow.Name), MemberSort.Name)]
    [InlineData(nameof(MemberRow.Postcode), MemberSort.Postcode)]
    [InlineData(nameof(MemberRow.DateEntered), MemberSort.DateEntered)]
    [InlineData(nameof(MemberRow.Shares), MemberSort.Number)]
    public void Each_sortable_column_sorts_by_its_index(string property, MemberSort sort)
    {
        var ascending = MemberGrid.ToQuery(0, 50, [new SortedProperty { PropertyName = property, Direction = SortDirection.Ascending }], NoFilter);
        var descending = MemberGrid.ToQuery(0, 50, [new SortedProperty { PropertyName = property, Direction = SortDirection.Descending }], NoFilter);

        Assert.Equal((sort, false), (ascending.Sort, ascending.Descending));
        Assert.Equal((sort, true), (descending.Sort, descending.Descending));
    }

    [Fact]
    public void The_search_is_trimmed_and_an_empty_one_is_no_search()
    {
        Assert.Equal("llew", MemberGrid.ToQuery(0, 50, [], new MemberListFilter("  llew ", false, null)).Search);
        Assert.Null(MemberGrid.ToQuery(0, 50, [], new MemberListFilter("   ", false, null)).Search);
    }

    [Fact]
    public void A_date_in_the_past_asks_for_the_register_as_at_that_date_whatever_the_current_only_box_says()
    {
        var date = new DateOnly(2020, 1, 1);

        var asAt = MemberGrid.ToQuery(0, 50, [], new MemberListFilter(null, true, date));
        var current = MemberGrid.ToQuery(0, 50, [], new MemberListFilter(null, true, null));

        Assert.Equal((date, false), (asAt.AsAt, asAt.CurrentOnly));
        Assert.Equal((null, true), (current.AsAt, current.CurrentOnly));
    }

    [Fact]
    public void A_request_without_a_page_size_or_a_negative_start_stays_within_bounds()
    {
        var query = MemberGrid.ToQuery(-5, null, [], NoFilter);
        Assert.Equal((0, MemberGrid.PageSize), (query.Skip, query.Take));
        Assert.Equal(500, MemberGrid.ToQuery(0, 10_000, [], NoFilter).Take);
    }
}
