using CoopRegister.Features.Members;
using Microsoft.AspNetCore.Components.QuickGrid;

namespace CoopRegister.Web.Components.Pages.Register;

/// <summary>What the register list is filtered by, apart from the grid's own paging and sorting.</summary>
public sealed record MemberListFilter(string? Search, bool CurrentOnly, DateOnly? AsAt);

/// <summary>
/// Turns the grid's request (first row, page size, sorted column) into the service's <see cref="MemberQuery"/>, so that
/// the database pages and sorts over the whole register and the browser never holds more than one page.
/// </summary>
public static class MemberGrid
{
    public const int PageSize = 50;

    /// <summary>Sorts by member number; the other sortable columns name the property they sort by.</summary>
    public static readonly GridSort<MemberRow> ByNumber = GridSort<MemberRow>.ByAscending(r => r.MemberNumber);

    public static readonly GridSort<MemberRow> ByDateEntered = GridSort<MemberRow>.ByAscending(r => r.DateEntered);

    public static MemberQuery ToQuery(int startIndex, int? count, IReadOnlyCollection<SortedProperty> sortBy, MemberListFilter filter)
    {
        ArgumentNullException.ThrowIfNull(sortBy);
        ArgumentNullException.ThrowIfNull(filter);
        var (sort, descending) = sortBy.Count == 0
            ? (MemberSort.Number, false)
            : (SortFor(sortBy.First().PropertyName), sortBy.First().Direction == SortDirection.Descending);
        var search = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim();
        return new MemberQuery(search, sort, descending, Math.Max(0, startIndex), Math.Clamp(count ?? PageSize, 1, 500), filter.AsAt,
            filter.AsAt is null && filter.CurrentOnly);
    }

    private static MemberSort SortFor(string property) => property switch
    {
        nameof(MemberRow.Name) => MemberSort.Name,
        nameof(MemberRow.Postcode) => MemberSort.Postcode,
        nameof(MemberRow.DateEntered) => MemberSort.DateEntered,
        _ => MemberSort.Number,
    };
}
