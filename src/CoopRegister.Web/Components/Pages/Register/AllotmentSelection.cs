using CoopRegister.Domain;
using CoopRegister.Features.Registration;

namespace CoopRegister.Web.Components.Pages.Register;

/// <summary>
/// The applications a registrar has ticked for one allotment batch, kept across pages of the queue, with the totals the
/// confirmation shows. Only rows the service says are allottable can be ticked; the service checks again when allotting.
/// </summary>
public sealed class AllotmentSelection
{
    private readonly Dictionary<long, ApplicationRow> _rows = [];

    public int Count => _rows.Count;

    public IReadOnlyCollection<long> Ids => _rows.Keys;

    public IEnumerable<ApplicationRow> Rows => _rows.Values.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id);

    /// <summary>The shares the batch would allot: what each application has paid for and not yet had allotted.</summary>
    public long TotalShares => _rows.Values.Sum(r => r.Allottable);

    /// <summary>The money those shares stand for, at each application's own price per share.</summary>
    public Money TotalAmount => new(_rows.Values.Sum(r => r.Shares == 0 ? 0 : r.Amount.Pence / r.Shares * r.Allottable));

    public bool Contains(long id) => _rows.ContainsKey(id);

    public void Set(ApplicationRow row, bool selected)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (selected && row.Allottable > 0)
        {
            _rows[row.Id] = row;
        }
        else
        {
            _rows.Remove(row.Id);
        }
    }

    /// <summary>Whether every allottable row of a page is ticked (and there is at least one).</summary>
    public bool AllOf(IEnumerable<ApplicationRow> page)
    {
        var allottable = page.Where(r => r.Allottable > 0).ToList();
        return allottable.Count > 0 && allottable.All(r => _rows.ContainsKey(r.Id));
    }

    public void SetAll(IEnumerable<ApplicationRow> page, bool selected)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var row in page)
        {
            Set(row, selected);
        }
    }

    /// <summary>Takes a fresh page of the queue: ticked rows are updated, and dropped if they are no longer allottable.</summary>
    public void Refresh(IEnumerable<ApplicationRow> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var row in page.Where(r => _rows.ContainsKey(r.Id)))
        {
            Set(row, selected: true);
        }
    }

    public void Clear() => _rows.Clear();
}
