using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Exports;
using CoopRegister.Features.Shares;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Cessation;

/// <summary>
/// Ending memberships and lost contact (domain rules 34–35): resignation, expulsion by the board and falling below the
/// minimum holding, each dated, with a reason, audited, the entry kept on the register end-dated (Act s.30(2)(f));
/// returned mail and bounced e-mail logged; the "gone away" list of members not heard from for the years the settings
/// give; and the board's bulk cessation of those it selects, which applies each class's choice (forfeit, or a debt
/// owed to the former member) in one transaction. Nothing happens automatically.
/// </summary>
public sealed class CessationService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    public const int MinutesMax = 100;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>Ends one membership from the member's record. Death has its own route (notice of death); lost contact goes through the board's bulk cessation.</summary>
    public async Task CeaseAsync(Actor actor, long memberId, CessationForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken) ?? throw new DomainException("This member does not exist.");
        var errors = new List<RuleViolation>();
        if (form.Kind is CessationKind.Death or CessationKind.LostContact)
        {
            errors.Add(new("Kind", form.Kind == CessationKind.Death
                ? "Record a death with the notice of death, which also freezes the holding."
                : "Members the society has lost contact with are ceased by the board from the gone-away list."));
        }

        if (form.On > Today)
        {
            errors.Add(new("On", "The date of cessation is in the future."));
        }

        var minutes = form.MinutesReference?.Trim();
        if (form.Kind == CessationKind.Expulsion && string.IsNullOrEmpty(minutes))
        {
            errors.Add(new("MinutesReference", "An expulsion is the board's decision under the rules: give the reference of the minute that records it."));
        }

        if (minutes is { Length: > MinutesMax })
        {
            errors.Add(new("MinutesReference", $"The minutes reference may be at most {MinutesMax} characters."));
        }

        if (form.Kind == CessationKind.BelowMinimum)
        {
            // Rule 34: only a member whose holding is actually below the minimum the rules set ceases on this ground.
            var society = (await db.Societies.AsNoTracking().SingleAsync(cancellationToken)).Details;
            var held = await HoldingMovements.MembershipSharesAsync(db, memberId, cancellationToken);
            if (held >= society.MinimumHoldingShares)
            {
                errors.Add(new("Kind", $"Member {member.MemberNumber} holds {held.ToString("#,##0", CultureInfo.InvariantCulture)} shares; the minimum under the rules is {society.MinimumHoldingShares.ToString("#,##0", CultureInfo.InvariantCulture)}, so the holding is not below it."));
            }
        }

        if (await db.DeathCases.AnyAsync(d => d.MemberId == memberId, cancellationToken))
        {
            errors.Add(new("Kind", $"The death of member {member.MemberNumber} is notified; the membership ended on the date of death."));
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        var reason = string.IsNullOrEmpty(minutes) ? form.Reason : $"{form.Reason?.Trim()} (board minute {minutes})";
        HoldingMovements.Cease(db, actor, member, form.On, form.Kind, reason ?? "", Now);
        await SaveAsync(db, member.MemberNumber, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<ContactView?> GetContactAsync(Actor actor, long memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => new { m.LastContactOn, m.DateCeased }).SingleOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return null;
        }

        var failures = await db.ContactFailures.AsNoTracking().Where(f => f.MemberId == memberId).OrderByDescending(f => f.On).ThenByDescending(f => f.Id)
            .Select(f => new ContactFailureRow(f.Id, f.On, f.Kind, f.Note, f.RecordedAt, f.RecordedBy)).ToListAsync(cancellationToken);
        var debts = await db.MemberDebts.AsNoTracking().Where(d => d.MemberId == memberId).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        return new ContactView(memberId, member.LastContactOn, member.DateCeased, failures,
            debts.Select(d => new MemberDebtRow(d.Id, d.Amount, d.ArisenOn, d.Reason, d.PaidOn, d.PaymentReference)).ToList());
    }

    /// <summary>Logs returned post or a bounced e-mail (domain rule 35): evidence only, nothing else changes.</summary>
    public async Task RecordContactFailureAsync(Actor actor, long memberId, DateOnly on, ContactFailureKind kind, string? note, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        var number = await db.Members.Where(m => m.Id == memberId).Select(m => (long?)m.MemberNumber).SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("This member does not exist.");
        var failure = ContactFailure.Record(memberId, on, kind, note, Today, Now, actor.Name);
        db.ContactFailures.Add(failure);
        AuditTrail.Add(db, actor, Now, "contact.failed", "Member", Id(memberId),
            $"{kind.Describe()} for member {number} on {on:yyyy-MM-dd}{(failure.Note is null ? "" : $": {failure.Note}")}.", null,
            new { On = on, Kind = kind.ToString(), failure.Note }, memberId);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records that the society heard from or reached the member on a date, which takes them off the gone-away list.</summary>
    public async Task RecordContactAsync(Actor actor, long memberId, DateOnly on, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken) ?? throw new DomainException("This member does not exist.");
        if (on > Today)
        {
            throw new DomainException("ContactOn", "The date of contact is in the future.");
        }

        var before = new { member.LastContactOn };
        member.RecordContact(on);
        AuditTrail.Add(db, actor, Now, "contact.made", "Member", Id(memberId), $"Contact with member {member.MemberNumber} on {on:yyyy-MM-dd}.", before, new { member.LastContactOn }, memberId);
        await SaveAsync(db, member.MemberNumber, cancellationToken);
    }

    /// <summary>Current members not heard from for <paramref name="years"/> years (default: the society's setting), longest silent first.</summary>
    public async Task<GoneAwayList> GoneAwayAsync(Actor actor, int? years = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        return await GoneAwayCoreAsync(db, years, cancellationToken);
    }

    /// <summary>The gone-away list as CSV, audited as an export (domain rule 64).</summary>
    public async Task<int> WriteGoneAwayCsvAsync(Actor actor, int? years, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        GoneAwayList list;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
            list = await GoneAwayCoreAsync(db, years, cancellationToken);
            AuditTrail.Add(db, actor, Now, "export.gone-away", "Export", "gone-away", $"Export 'gone-away' ({list.Years} years without contact) as at {Today:yyyy-MM-dd}.");
            await db.SaveChangesAsync(cancellationToken);
        }

        await using var csv = CsvWriter.Create(output, ExportService.Csv, leaveOpen: true);
        await csv.WriteRecordsAsync(list.Rows.Select(r => new GoneAwayCsvRow
        {
            MemberNumber = r.MemberNumber,
            Name = r.Name,
            Postcode = r.Postcode,
            LastContactOn = r.LastContactOn,
            ReturnedMail = r.ReturnedMail,
            BouncedEmail = r.BouncedEmail,
            LastFailureOn = r.LastFailureOn,
            Shares = r.Shares,
            ValuePounds = ExportService.Pounds(r.Value.Pence),
            ForfeitedPounds = ExportService.Pounds(r.Forfeited.Pence),
            ToDebtPounds = ExportService.Pounds(r.ToDebt.Pence),
        }), cancellationToken);
        await csv.FlushAsync(cancellationToken);
        return list.Rows.Count;
    }

    /// <summary>
    /// The board's resolution (rules 34–35): ceases every selected member as from <see cref="BulkCessationRequest.On"/>,
    /// each holding forfeited or converted into a debt owed to the former member by its class's rule. All or nothing:
    /// a member who is no longer on the gone-away list as at that date stops the whole resolution, with the reason.
    /// </summary>
    public async Task<BulkCessationResult> BulkCeaseAsync(Actor actor, BulkCessationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        var minutes = request.MinutesReference?.Trim() ?? "";
        var errors = new List<RuleViolation>();
        if (minutes.Length is 0 or > MinutesMax)
        {
            errors.Add(new("MinutesReference", $"Give the reference of the board minute that resolves the cessation, at most {MinutesMax} characters."));
        }

        if (request.On > Today)
        {
            errors.Add(new("On", "The date of cessation is in the future."));
        }

        var ids = request.MemberIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            errors.Add(new("Members", "Select the members the board resolved to cease."));
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        try
        {
            return await BulkCeaseCoreAsync(db, actor, request, minutes, ids, cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConflictException("A selected member's record or holding was changed at the same moment by someone else. Reload the list; nothing was ceased.", ex);
        }
    }

    private async Task<BulkCessationResult> BulkCeaseCoreAsync(RegisterDbContext db, Actor actor, BulkCessationRequest request, string minutes, List<long> ids, CancellationToken cancellationToken)
    {
        var errors = new List<RuleViolation>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var society = (await db.Societies.AsNoTracking().SingleAsync(cancellationToken)).Details;
        var classes = await db.ShareClasses.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken);
        var members = await db.Members.Where(m => ids.Contains(m.Id)).OrderBy(m => m.MemberNumber).ToListAsync(cancellationToken);
        var dead = await db.DeathCases.Where(d => ids.Contains(d.MemberId)).Select(d => d.MemberId).ToListAsync(cancellationToken);
        var silentSince = request.On.AddYears(-society.GoneAwayYears);
        if (members.Count != ids.Count)
        {
            errors.Add(new("Members", "A selected member no longer exists; reload the list."));
        }

        foreach (var m in members)
        {
            if (m.DateCeased is { } ceased)
            {
                errors.Add(new("Members", $"Member {m.MemberNumber} already ceased on {ceased:yyyy-MM-dd}."));
            }
            else if (dead.Contains(m.Id))
            {
                errors.Add(new("Members", $"The death of member {m.MemberNumber} is notified: the estate is settled instead (rule 31 tells death and lost contact apart)."));
            }
            else if ((m.LastContactOn ?? m.DateEntered) > silentSince)
            {
                errors.Add(new("Members", $"Member {m.MemberNumber} was last in contact on {m.LastContactOn ?? m.DateEntered:yyyy-MM-dd}, less than the {society.GoneAwayYears} years the settings require before {request.On:yyyy-MM-dd}."));
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        long forfeited = 0, debt = 0;
        var holdings = await db.Holdings.AsNoTracking().Where(h => ids.Contains(h.MemberId) && h.Shares > 0).ToListAsync(cancellationToken);
        foreach (var m in members)
        {
            long owed = 0;
            foreach (var h in holdings.Where(h => h.MemberId == m.Id).OrderBy(h => h.ShareClassId))
            {
                if (ContactFailureKinds.Effective(classes[h.ShareClassId]) == LostContactTreatment.Forfeit)
                {
                    await HoldingMovements.ApplyAsync(db, actor, m.Id, h.ShareClassId, LedgerEntryKind.Forfeiture, -h.Shares, -h.AmountPaidPence, request.On,
                        $"Board minute {minutes}", "Forfeited on cessation after lost contact (the rules' choice for the class)", Now, cancellationToken);
                    forfeited += h.AmountPaidPence;
                }
                else
                {
                    // The shares are repaid into a debt the society holds for the former member until they come forward.
                    await HoldingMovements.ApplyAsync(db, actor, m.Id, h.ShareClassId, LedgerEntryKind.Withdrawal, -h.Shares, -h.AmountPaidPence, request.On,
                        $"Board minute {minutes}", "Converted to a debt owed to the former member on cessation after lost contact", Now, cancellationToken);
                    owed += h.AmountPaidPence;
                }
            }

            if (owed > 0)
            {
                var memberDebt = MemberDebt.Arise(m.Id, owed, request.On, $"Shares converted on cessation after lost contact (board minute {minutes})");
                db.MemberDebts.Add(memberDebt);
                AuditTrail.Add(db, actor, Now, "member.debt", "Member", Id(m.Id), $"{new Money(owed).Format()} owed to former member {m.MemberNumber} from {request.On:yyyy-MM-dd}.", null,
                    new { AmountPence = owed, ArisenOn = request.On }, m.Id);
                debt += owed;
            }

            HoldingMovements.Cease(db, actor, m, request.On, CessationKind.LostContact, $"No contact since {m.LastContactOn ?? m.DateEntered:yyyy-MM-dd}; board minute {minutes}", Now);
        }

        AuditTrail.Add(db, actor, Now, "member.bulk-ceased", "Board", minutes,
            $"Board minute {minutes}: {members.Count} members ceased on {request.On:yyyy-MM-dd} after lost contact; {new Money(forfeited).Format()} forfeited, {new Money(debt).Format()} converted to debts.",
            null, new { Members = members.Select(m => m.MemberNumber).ToList(), On = request.On, ForfeitedPence = forfeited, DebtPence = debt });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new BulkCessationResult(members.Count, new Money(forfeited), new Money(debt));
    }

    /// <summary>Each share class's rule for the shares of members ceased after lost contact (domain rule 35).</summary>
    public async Task<IReadOnlyList<LostContactRule>> LostContactRulesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        }
        catch (AccessDeniedException)
        {
            // The administrator who sets the rule reads it too, without access to the register itself.
            await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, Now, cancellationToken);
        }

        var classes = await db.ShareClasses.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return classes.Select(c => new LostContactRule(c.Id, c.Name, c.Withdrawable, c.OnLostContact, ContactFailureKinds.Effective(c))).ToList();
    }

    /// <summary>Records the society's rules' choice for a class: an administrator's setting, audited.</summary>
    public async Task SetLostContactRuleAsync(Actor actor, int shareClassId, LostContactTreatment treatment, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, Now, cancellationToken);
        var shareClass = await db.ShareClasses.SingleOrDefaultAsync(c => c.Id == shareClassId, cancellationToken) ?? throw new DomainException("This share class does not exist.");
        if (!Enum.IsDefined(treatment))
        {
            throw new DomainException("Treatment", "Choose forfeiture or conversion into a debt.");
        }

        if (treatment == LostContactTreatment.ConvertToDebt && !shareClass.Withdrawable)
        {
            throw new DomainException("Treatment", $"{shareClass.Name} cannot be withdrawn, so it cannot be repaid into a debt: its shares are forfeited (domain rule 35).");
        }

        var before = new { OnLostContact = shareClass.OnLostContact.ToString() };
        shareClass.SetLostContactTreatment(treatment);
        AuditTrail.Add(db, actor, Now, "share-class.lost-contact", "ShareClass", shareClassId.ToString(CultureInfo.InvariantCulture),
            $"{shareClass.Name}: the shares of members ceased after lost contact are {(treatment == LostContactTreatment.Forfeit ? "forfeited" : "converted into a debt owed to them")}.",
            before, new { OnLostContact = treatment.ToString() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConflictException($"{shareClass.Name} was changed at the same moment by someone else. Reload the page.", ex);
        }
    }

    private async Task<GoneAwayList> GoneAwayCoreAsync(RegisterDbContext db, int? years, CancellationToken cancellationToken)
    {
        var society = (await db.Societies.AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.Details ?? throw new DomainException("The register has not been set up yet.");
        var n = years ?? society.GoneAwayYears;
        if (n is < 1 or > 50)
        {
            throw new DomainException("Years", "The period without contact must be between 1 and 50 years.");
        }

        var since = Today.AddYears(-n);
        var members = await db.Members.AsNoTracking()
            .Where(m => m.DateCeased == null && (m.LastContactOn ?? m.DateEntered) <= since && !db.DeathCases.Any(d => d.MemberId == m.Id))
            .OrderBy(m => m.LastContactOn ?? m.DateEntered).ThenBy(m => m.MemberNumber)
            .Select(m => new { m.Id, m.MemberNumber, m.Details.Name, m.Details.Postcode, Last = m.LastContactOn ?? m.DateEntered })
            .ToListAsync(cancellationToken);
        var ids = members.Select(m => m.Id).ToList();
        var failures = await db.ContactFailures.AsNoTracking().Where(f => ids.Contains(f.MemberId))
            .GroupBy(f => new { f.MemberId, f.Kind }).Select(g => new { g.Key.MemberId, g.Key.Kind, Count = g.Count(), Last = g.Max(f => f.On) }).ToListAsync(cancellationToken);
        var holdings = await db.Holdings.AsNoTracking().Where(h => ids.Contains(h.MemberId) && h.Shares > 0).ToListAsync(cancellationToken);
        var classes = await db.ShareClasses.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken);
        var rows = members.Select(m =>
        {
            var f = failures.Where(x => x.MemberId == m.Id).ToList();
            var h = holdings.Where(x => x.MemberId == m.Id).ToList();
            var forfeit = h.Where(x => ContactFailureKinds.Effective(classes[x.ShareClassId]) == LostContactTreatment.Forfeit).Sum(x => x.AmountPaidPence);
            var value = h.Sum(x => x.AmountPaidPence);
            return new GoneAwayRow(m.Id, m.MemberNumber, m.Name, m.Postcode, m.Last,
                f.Where(x => x.Kind == ContactFailureKind.ReturnedMail).Sum(x => x.Count), f.Where(x => x.Kind == ContactFailureKind.BouncedEmail).Sum(x => x.Count),
                f.Count == 0 ? null : f.Max(x => x.Last), h.Sum(x => x.Shares), new Money(value), new Money(forfeit), new Money(value - forfeit));
        }).ToList();
        return new GoneAwayList(n, since, rows);
    }

    private static async Task SaveAsync(RegisterDbContext db, long memberNumber, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConflictException($"Member {memberNumber}'s record was changed at the same moment by someone else. Reload the member's page.", ex);
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
