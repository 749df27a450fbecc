using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Withdrawals;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Retention;

/// <summary>
/// Minimises former members' non-statutory data once the society's retention period has run (domain rule 59; UK GDPR
/// storage limitation, rule 56; quality.md, security). The register entry stays with its statutory fields (Act s.30(2));
/// what is erased is listed in <see cref="RetentionPolicy"/>. A former member with something still outstanding —
/// a withdrawal not yet paid, an estate not settled, money owed to them, an application not resolved, shares still held —
/// is skipped with the reason, because settling it may need their contact details (rule 59: "once any payout is settled").
/// A large register may have 100,000 or more former members, so the work is set-based (bulk updates by id, no entity
/// tracking of members) in batches of <see cref="BatchSize"/>, each batch one all-or-nothing transaction with an audit
/// event per member. Running again finds nothing new to do: members already minimised are not due.
/// </summary>
public sealed class RetentionService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    /// <summary>Members per transaction: small enough to keep SQLite's write lock short, large enough to amortise a commit.</summary>
    public const int BatchSize = 1000;

    /// <summary>How many due members and skips a dry run lists by name (the counts are always complete).</summary>
    public const int ListLimit = 200;

    private static readonly WithdrawalStatus[] OpenWithdrawals = [WithdrawalStatus.Pending, WithdrawalStatus.Approved, WithdrawalStatus.Deferred];

    private static readonly ApplicationStatus[] OpenApplications = [ApplicationStatus.Submitted, ApplicationStatus.PartPaid, ApplicationStatus.Paid, ApplicationStatus.PartAllotted];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The dry run: who is due, who would be minimised and who is skipped and why. Changes nothing.</summary>
    public async Task<RetentionPreview> PreviewAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var today = DateOnly.FromDateTime(now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, now, cancellationToken);
        var months = await RetentionMonthsAsync(db, cancellationToken);
        var last = RetentionPolicy.LastDueCessation(today, months);
        var due = Due(db, last);
        var dueCount = await due.CountAsync(cancellationToken);
        var already = await db.Members.CountAsync(m => m.MinimisedOn != null, cancellationToken);
        var skips = await OutstandingAsync(db, due.Select(m => m.Id), cancellationToken);
        var first = await due.Where(m => !skips.Keys.Contains(m.Id)).OrderBy(m => m.DateCeased).ThenBy(m => m.MemberNumber).Take(ListLimit)
            .Select(m => new RetentionDueRow(m.Id, m.MemberNumber, m.Details.Name, m.DateCeased!.Value)).ToListAsync(cancellationToken);
        var skipRows = await SkipRowsAsync(db, skips, cancellationToken);
        return new RetentionPreview(today, months, last, dueCount, dueCount - skips.Count, already, first, skipRows);
    }

    /// <summary>
    /// Minimises every due former member who has nothing outstanding, in batches of <see cref="BatchSize"/>, each one
    /// transaction (the member rows, their applications' contact details, their contact log notes, their portal logins
    /// and an audit event per member commit together or not at all). Cancelling stops after the batch in hand is
    /// rolled back; the batches already committed stay, and running again carries on where it stopped.
    /// </summary>
    public async Task<RetentionResult> MinimiseAsync(Actor actor, IProgress<RetentionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var today = DateOnly.FromDateTime(now);
        int months;
        int total;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, now, cancellationToken);
            months = await RetentionMonthsAsync(db, cancellationToken);
            total = await Due(db, RetentionPolicy.LastDueCessation(today, months)).CountAsync(cancellationToken);
        }

        var last = RetentionPolicy.LastDueCessation(today, months);
        var skips = new List<RetentionSkip>();
        long after = 0;
        int examined = 0, minimised = 0, logins = 0, batches = 0;
        var cancelled = false;
        progress?.Report(new RetentionProgress(0, total, 0));
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            try
            {
                var batch = await MinimiseBatchAsync(actor, after, last, months, today, now, cancellationToken);
                if (batch is null)
                {
                    break;
                }

                after = batch.LastId;
                examined += batch.Examined;
                minimised += batch.Minimised;
                logins += batch.LoginsRemoved;
                skips.AddRange(batch.Skips);
                batches++;
                progress?.Report(new RetentionProgress(examined, total, minimised));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }
        }

        return new RetentionResult(today, minimised, logins, batches, cancelled, skips);
    }

    /// <summary>When the member's personal details were minimised, for the notice on the member's page; null if they are held.</summary>
    public async Task<DateOnly?> MinimisedOnAsync(Actor actor, long memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        return await db.Members.Where(m => m.Id == memberId).Select(m => m.MinimisedOn).SingleOrDefaultAsync(cancellationToken);
    }

    private sealed record BatchResult(long LastId, int Examined, int Minimised, int LoginsRemoved, IReadOnlyList<RetentionSkip> Skips);

    private async Task<BatchResult?> MinimiseBatchAsync(Actor actor, long after, DateOnly last, int months, DateOnly today, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Every write re-checks the actor from the database (architecture.md, convention 10): a registrar whose role is
        // taken away part-way through a long run stops at the next batch.
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var candidates = await Due(db, last).Where(m => m.Id > after).OrderBy(m => m.Id).Take(BatchSize)
            .Select(m => new Candidate(
                m.Id, m.MemberNumber, m.Details.Name, m.DateCeased!.Value, m.Details.Kind,
                m.Details.Email != null, m.Details.Phone != null, m.Details.DateOfBirth != null,
                m.MarketingConsent || m.MarketingConsentChangedAt != null, m.LastContactOn != null))
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return null;
        }

        var ids = candidates.Select(c => c.Id).ToList();
        var outstanding = await OutstandingAsync(db, db.Members.Where(m => ids.Contains(m.Id)).Select(m => m.Id), cancellationToken);
        var skips = candidates.Where(c => outstanding.ContainsKey(c.Id))
            .Select(c => new RetentionSkip(c.Id, c.MemberNumber, c.Name, c.DateCeased, outstanding[c.Id])).ToList();
        var todo = candidates.Where(c => !outstanding.ContainsKey(c.Id)).ToList();
        if (todo.Count == 0)
        {
            return new BatchResult(ids[^1], candidates.Count, 0, 0, skips);
        }

        var todoIds = todo.Select(c => c.Id).ToList();

        // Joint holders' names stay on the register (Act s.30(2)(a)); only the e-mail addresses they gave go.
        var jointIds = todo.Where(c => c.Kind == MemberKind.Joint).Select(c => c.Id).ToList();
        var jointEmails = new HashSet<long>();
        if (jointIds.Count > 0)
        {
            var joints = await db.Members.Where(m => jointIds.Contains(m.Id)).Select(m => new { m.Id, m.Details.JointHolders }).ToListAsync(cancellationToken);
            foreach (var j in joints.Where(j => j.JointHolders.Any(h => h.Email is not null)))
            {
                IReadOnlyList<JointHolder> namesOnly = j.JointHolders.Select(h => h with { Email = null }).ToList();
                await db.Members.Where(m => m.Id == j.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Details.JointHolders, namesOnly), cancellationToken);
                jointEmails.Add(j.Id);
            }
        }

        // Only rows not yet minimised are touched: if another run got here first the counts disagree and this batch is
        // rolled back whole rather than recording a second, false audit event.
        var updated = await db.Members.Where(m => todoIds.Contains(m.Id) && m.MinimisedOn == null).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Details.Email, (string?)null)
            .SetProperty(m => m.EmailKey, "")
            .SetProperty(m => m.Details.NoticesByEmail, false)
            .SetProperty(m => m.Details.Phone, (string?)null)
            .SetProperty(m => m.Details.DateOfBirth, (DateOnly?)null)
            .SetProperty(m => m.MarketingConsent, false)
            .SetProperty(m => m.MarketingConsentChangedAt, (DateTime?)null)
            .SetProperty(m => m.LastContactOn, (DateOnly?)null)
            .SetProperty(m => m.MinimisedOn, today)
            .SetProperty(m => m.UpdatedAt, now)
            .SetProperty(m => EF.Property<long>(m, RegisterDbContext.VersionProperty), m => EF.Property<long>(m, RegisterDbContext.VersionProperty) + 1),
            cancellationToken);
        if (updated != todoIds.Count)
        {
            throw new ConflictException("Another minimisation run changed some of these former members at the same time; nothing in this batch was changed. Run it again: members already minimised are passed over.");
        }

        // The application form copied the applicant's contact details; the application itself (amounts, dates, status)
        // is the record of the allotment and stays.
        await db.Applications.Where(a => a.MemberId != null && todoIds.Contains(a.MemberId.Value)).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Applicant.Email, (string?)null)
            .SetProperty(a => a.Applicant.NoticesByEmail, false)
            .SetProperty(a => a.Applicant.Phone, (string?)null)
            .SetProperty(a => a.Applicant.DateOfBirth, (DateOnly?)null)
            .SetProperty(a => a.MarketingConsent, false),
            cancellationToken);

        // Rule 35: the dates and kinds of returned mail stay as the evidence for a lost-contact cessation; the free-text notes go.
        await db.ContactFailures.Where(f => todoIds.Contains(f.MemberId) && f.Note != null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Note, (string?)null), cancellationToken);

        // The portal login is not register data (style-anchors §14): deleting it ends the former member's access, and
        // Identity's own tables (roles, tokens, passkeys) go with it by cascade.
        var withLogin = (await db.Users.Where(u => u.MemberId != null && todoIds.Contains(u.MemberId.Value)).Select(u => u.MemberId!.Value).ToListAsync(cancellationToken)).ToHashSet();
        if (withLogin.Count > 0)
        {
            await db.Users.Where(u => u.MemberId != null && todoIds.Contains(u.MemberId.Value)).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var c in todo)
        {
            // The audit trail records which fields were erased, never what they held: copying the values into the
            // audit trail would keep exactly what the retention policy removes.
            var erased = new List<string>();
            if (c.HadEmail)
            {
                erased.Add("Email");
            }

            if (c.HadPhone)
            {
                erased.Add("Phone");
            }

            if (c.HadDateOfBirth)
            {
                erased.Add("DateOfBirth");
            }

            if (c.HadMarketing)
            {
                erased.Add("MarketingConsent");
            }

            if (c.HadLastContact)
            {
                erased.Add("LastContactOn");
            }

            if (jointEmails.Contains(c.Id))
            {
                erased.Add("JointHolders.Email");
            }

            if (withLogin.Contains(c.Id))
            {
                erased.Add("PortalLogin");
            }

            AuditTrail.Add(db, actor, now, "member.minimised", "Member", c.Id.ToString(CultureInfo.InvariantCulture),
                $"Personal details of former member {c.MemberNumber.ToString(CultureInfo.InvariantCulture)} (ceased {c.DateCeased:yyyy-MM-dd}) minimised under the retention policy ({months.ToString(CultureInfo.InvariantCulture)} months; domain rule 59); the register entry is kept.",
                new { Erased = erased }, new { MinimisedOn = today, RetentionMonths = months }, c.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new BatchResult(ids[^1], candidates.Count, todo.Count, withLogin.Count, skips);
    }

    private sealed record Candidate(long Id, long MemberNumber, string Name, DateOnly DateCeased, MemberKind Kind,
        bool HadEmail, bool HadPhone, bool HadDateOfBirth, bool HadMarketing, bool HadLastContact);

    /// <summary>Former members whose retention period has run and who are not yet minimised (see <see cref="RetentionPolicy.IsDue"/>).</summary>
    private static IQueryable<Member> Due(RegisterDbContext db, DateOnly lastDueCessation) =>
        db.Members.Where(m => m.MinimisedOn == null && m.DateCeased != null && m.DateCeased <= lastDueCessation);

    private static async Task<int> RetentionMonthsAsync(RegisterDbContext db, CancellationToken cancellationToken) =>
        await db.Societies.AsNoTracking().Select(s => (int?)s.Details.RetentionMonths).SingleOrDefaultAsync(cancellationToken)
        ?? throw new InvalidOperationException("The society has not been set up yet.");

    /// <summary>
    /// Why each of these members cannot be minimised yet (rule 59: only once any payout is settled). Each check is one
    /// set-based query over the members given, so that a dry run over 100,000 former members stays a handful of queries.
    /// </summary>
    private static async Task<Dictionary<long, string>> OutstandingAsync(RegisterDbContext db, IQueryable<long> memberIds, CancellationToken cancellationToken)
    {
        var reasons = new Dictionary<long, List<string>>();
        void Add(long id, string reason)
        {
            if (!reasons.TryGetValue(id, out var list))
            {
                reasons[id] = list = [];
            }

            list.Add(reason);
        }

        foreach (var w in await db.Withdrawals.Where(w => memberIds.Contains(w.MemberId) && OpenWithdrawals.Contains(w.Status))
                     .Select(w => new { w.MemberId, w.Shares, w.Status, w.NoticeGivenOn }).ToListAsync(cancellationToken))
        {
            Add(w.MemberId, string.Create(CultureInfo.InvariantCulture, $"withdrawal of {w.Shares:#,##0} shares (notice {w.NoticeGivenOn:yyyy-MM-dd}) is {w.Status.ToString().ToLowerInvariant()}, not yet paid"));
        }

        foreach (var d in await db.DeathCases.Where(d => memberIds.Contains(d.MemberId) && d.SettledOn == null)
                     .Select(d => new { d.MemberId, d.DateOfDeath }).ToListAsync(cancellationToken))
        {
            Add(d.MemberId, string.Create(CultureInfo.InvariantCulture, $"estate open: death on {d.DateOfDeath:yyyy-MM-dd} notified, not yet settled (Act s.37–40; the nomination and the estate need the contact details)"));
        }

        foreach (var d in await db.MemberDebts.Where(d => memberIds.Contains(d.MemberId) && d.PaidOn == null)
                     .Select(d => new { d.MemberId, d.AmountPence, d.ArisenOn }).ToListAsync(cancellationToken))
        {
            Add(d.MemberId, string.Create(CultureInfo.InvariantCulture, $"{new Money(d.AmountPence).Format()} owed to the former member since {d.ArisenOn:yyyy-MM-dd} is not yet paid"));
        }

        foreach (var a in await db.Applications.Where(a => a.MemberId != null && memberIds.Contains(a.MemberId.Value) && OpenApplications.Contains(a.Status))
                     .Select(a => new { MemberId = a.MemberId!.Value, a.Reference, a.Status }).ToListAsync(cancellationToken))
        {
            Add(a.MemberId, $"application {a.Reference} is {a.Status.Describe()}: not yet allotted, refused or cancelled");
        }

        foreach (var h in await db.Holdings.Where(h => memberIds.Contains(h.MemberId) && (h.Shares != 0 || h.AmountPaidPence != 0))
                     .Select(h => new { h.MemberId, h.Shares, h.AmountPaidPence }).ToListAsync(cancellationToken))
        {
            Add(h.MemberId, string.Create(CultureInfo.InvariantCulture, $"still holds {h.Shares:#,##0} shares ({new Money(h.AmountPaidPence).Format()} paid) to be paid out or forfeited"));
        }

        return reasons.ToDictionary(r => r.Key, r => string.Join("; ", r.Value));
    }

    private static async Task<List<RetentionSkip>> SkipRowsAsync(RegisterDbContext db, Dictionary<long, string> reasons, CancellationToken cancellationToken)
    {
        var ids = reasons.Keys.Take(ListLimit).ToList();
        var rows = await db.Members.Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.MemberNumber, m.Details.Name, m.DateCeased }).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.MemberNumber).Select(r => new RetentionSkip(r.Id, r.MemberNumber, r.Name, r.DateCeased!.Value, reasons[r.Id])).ToList();
    }
}
