using CoopRegister.Data;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Imports;

/// <summary>Which of the details that only some files have are compared with the register (those the file has a column for).</summary>
internal sealed record ImportComparison(bool Phone, bool DateOfBirth, bool RegistrationNumber, bool ReasonCeased, bool History);

/// <summary>
/// The members already in the register, as much as an import needs to know of them to change nothing: for each member
/// number, the member's key and two 64-bit fingerprints, one of the details as the register export shows them (and
/// the optional details the file has), one of the holdings by class (or, when a history file is imported, of every
/// ledger event). A million members take some tens of megabytes, never the members themselves. A member whose
/// fingerprints differ is read again in full only to say what differs.
/// </summary>
internal sealed class ExistingRegister
{
    private readonly Dictionary<long, Entry> _members;

    private ExistingRegister(Dictionary<long, Entry> members) => _members = members;

    public int Count => _members.Count;

    public static async Task<ExistingRegister?> LoadAsync(RegisterDbContext db, ImportComparison comparison, CancellationToken cancellationToken)
    {
        if (!await db.Members.AnyAsync(cancellationToken))
        {
            return null;
        }

        var members = new Dictionary<long, Entry>();
        var numberOf = new Dictionary<long, long>();
        var rows = db.Members.AsNoTracking().Select(m => new { m.Id, m.MemberNumber, m.Details, m.DateEntered, m.DateCeased, m.CeasedReason });
        await foreach (var m in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            members[m.MemberNumber] = new Entry(m.Id, Fingerprint.Details(m.Details, m.DateEntered, m.DateCeased, m.CeasedReason, comparison), Fingerprint.Empty);
            numberOf[m.Id] = m.MemberNumber;
        }

        // Each member's entries together (the index on member, date and key), folded into one fingerprint per member.
        var entries = db.LedgerEntries.AsNoTracking().OrderBy(e => e.MemberId).ThenBy(e => e.EffectiveDate).ThenBy(e => e.Id)
            .Select(e => new { e.MemberId, e.ShareClassId, e.EffectiveDate, e.Kind, e.Shares, e.AmountPaidPence });
        var current = -1L;
        var list = new List<LedgerLine>();
        void Flush()
        {
            if (current >= 0 && numberOf.TryGetValue(current, out var number))
            {
                members[number] = members[number] with { Shares = Fingerprint.Ledger(list, comparison.History) };
            }

            list.Clear();
        }

        await foreach (var e in entries.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (e.MemberId != current)
            {
                Flush();
                current = e.MemberId;
            }

            list.Add(new LedgerLine(e.ShareClassId, e.EffectiveDate, e.Kind, e.Shares, e.AmountPaidPence));
        }

        Flush();
        return new ExistingRegister(members);
    }

    /// <summary>The member's key when the member number is in the register, with whether its details and shares are as the file has them.</summary>
    public (long Id, bool SameDetails, bool SameShares)? Find(long memberNumber, ulong details, ulong shares) =>
        _members.TryGetValue(memberNumber, out var e) ? (e.Id, e.Details == details, e.Shares == shares) : null;

    internal readonly record struct Entry(long Id, ulong Details, ulong Shares);
}

/// <summary>One ledger event as the fingerprints compare it (not when or by whom it was recorded, nor its reference).</summary>
internal readonly record struct LedgerLine(int ShareClassId, DateOnly Date, LedgerEntryKind Kind, long Shares, long Pence);

/// <summary>
/// FNV-1a fingerprints of what an import compares. The same function makes the register's and the file's, so only
/// the values matter, not how they were read.
/// </summary>
internal static class Fingerprint
{
    public static readonly ulong Empty = Ledger([], history: false);

    public static ulong Details(PersonDetails d, DateOnly entered, DateOnly? ceased, string? ceasedReason, ImportComparison comparison)
    {
        var h = new Fnv();
        h.Add(d.Name);
        h.Add((long)d.Kind);
        h.Add(d.RepresentedBody);
        h.Add(d.RepresentativeName);
        foreach (var holder in d.JointHolders)
        {
            h.Add(holder.Name);
        }

        h.Add(d.Address);
        h.Add(d.Postcode);
        h.Add(d.Country);

        // As the register export shows it: the address given for notices.
        h.Add(d.NoticesByEmail ? d.Email : null);
        h.Add(d.NoticesByEmail ? 1 : 0);
        h.Add(entered.DayNumber);
        h.Add(ceased?.DayNumber ?? -1);
        if (comparison.Phone)
        {
            h.Add(d.Phone);
        }

        if (comparison.DateOfBirth)
        {
            h.Add(d.DateOfBirth?.DayNumber ?? -1);
        }

        if (comparison.RegistrationNumber)
        {
            h.Add(d.OrganisationNumber);
        }

        if (comparison.ReasonCeased)
        {
            h.Add(ceasedReason);
        }

        return h.Value;
    }

    /// <summary>
    /// Every event, in a fixed order, when a history is compared; otherwise only what the register file states, the
    /// shares and amount paid held in each class (classes holding nothing left out).
    /// </summary>
    public static ulong Ledger(List<LedgerLine> entries, bool history)
    {
        var h = new Fnv();
        if (history)
        {
            entries.Sort(static (a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date)
                : a.ShareClassId != b.ShareClassId ? a.ShareClassId.CompareTo(b.ShareClassId)
                : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind)
                : a.Shares != b.Shares ? a.Shares.CompareTo(b.Shares)
                : a.Pence.CompareTo(b.Pence));
            foreach (var e in entries)
            {
                h.Add(e.ShareClassId);
                h.Add(e.Date.DayNumber);
                h.Add((long)e.Kind);
                h.Add(e.Shares);
                h.Add(e.Pence);
            }

            return h.Value;
        }

        foreach (var g in entries.GroupBy(e => e.ShareClassId).OrderBy(g => g.Key))
        {
            var shares = g.Sum(e => e.Shares);
            var pence = g.Sum(e => e.Pence);
            if (shares != 0 || pence != 0)
            {
                h.Add(g.Key);
                h.Add(shares);
                h.Add(pence);
            }
        }

        return h.Value;
    }

    private struct Fnv()
    {
        private const ulong Prime = 1099511628211;

        public ulong Value { get; private set; } = 14695981039346656037;

        public void Add(string? s)
        {
            var v = Value;
            if (s is null)
            {
                v = (v ^ 0xFFFE) * Prime;
            }
            else
            {
                foreach (var c in s)
                {
                    v = (v ^ c) * Prime;
                }
            }

            Value = (v ^ 0xFFFF) * Prime;
        }

        public void Add(long n)
        {
            var v = Value;
            for (var i = 0; i < 8; i++)
            {
                v = (v ^ (byte)(n >> (i * 8))) * Prime;
            }

            Value = (v ^ 0xFFFF) * Prime;
        }
    }
}
