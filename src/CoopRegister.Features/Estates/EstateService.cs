using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Estates;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Certificates;
using CoopRegister.Features.Shares;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Estates;

/// <summary>
/// The nominations book (Act s.37–38; domain rule 29) and the proceedings on a member's death (rules 30–31): notice of
/// death freezes the holding and ends the membership on the date of death; the registrar records the evidence and
/// settles the holding to the nominees, without probate (both capped at £5,000, Act s.37 and s.40), to the personal
/// representatives, or to a beneficiary who is a member within their cap; each settlement is a transmission in the
/// ledger; a final statement follows. One transaction per operation, audited.
/// </summary>
public sealed class EstateService(IDbContextFactory<RegisterDbContext> contexts, StatementService statements, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    private static Money Limit => StatutoryLimits.DeathPayoutWithoutProbate;

    /// <summary>The registrar's view of a member's nominations book, revoked entries included.</summary>
    public async Task<NominationsView?> GetNominationsAsync(Actor actor, long memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        return await NominationsCoreAsync(db, memberId, cancellationToken);
    }

    /// <summary>The member's own nominations, found from the login itself, never from an id the member supplies.</summary>
    public async Task<NominationsView?> GetMyNominationsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var memberId = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.MemberId).SingleOrDefaultAsync(cancellationToken);
        return memberId is { } id ? await NominationsCoreAsync(db, id, cancellationToken) : null;
    }

    /// <summary>Enters a signed nomination received at the registered office (Act s.37).</summary>
    public async Task<long> RecordNominationAsync(Actor actor, long memberId, NominationForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var nomination = await AddNominationAsync(db, actor, memberId, form, replacing: null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return nomination.Id;
    }

    /// <summary>
    /// A variation: the new signed nomination is entered and the one it replaces is revoked as from the day the new one
    /// was received, naming it. Nothing is overwritten (Act s.37: the book records every variation).
    /// </summary>
    public async Task<long> VaryNominationAsync(Actor actor, long nominationId, NominationForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var old = await db.Nominations.SingleOrDefaultAsync(n => n.Id == nominationId, cancellationToken) ?? throw new DomainException("This nomination does not exist.");
        if (!old.IsCurrent)
        {
            throw new DomainException($"This nomination was already revoked on {old.RevokedOn:yyyy-MM-dd}; record a new one instead.");
        }

        var replacement = await AddNominationAsync(db, actor, old.MemberId, form, replacing: old, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        old.Revoke(replacement.ReceivedOn, $"Varied by the nomination received on {replacement.ReceivedOn:yyyy-MM-dd}", replacement);
        AuditTrail.Add(db, actor, Now, "nomination.varied", "Nomination", Id(old.Id),
            $"Nomination of {old.NomineeName} varied: replaced by the nomination of {replacement.NomineeName}.", new { old.RevokedOn }, new { RevokedOn = replacement.ReceivedOn, ReplacedBy = replacement.Id }, old.MemberId);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return replacement.Id;
    }

    /// <summary>Revokes a nomination on a signed statement from the member (never by will); the entry stays in the book.</summary>
    public async Task RevokeNominationAsync(Actor actor, long nominationId, DateOnly on, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        var nomination = await db.Nominations.SingleOrDefaultAsync(n => n.Id == nominationId, cancellationToken) ?? throw new DomainException("This nomination does not exist.");
        if (on > Today)
        {
            throw new DomainException("RevokedOn", "The revocation date is in the future.");
        }

        if (await DateOfDeathAsync(db, nomination.MemberId, cancellationToken) is { } died && on > died)
        {
            throw new DomainException("RevokedOn", $"Only the member can revoke a nomination, in their lifetime; the member died on {died:yyyy-MM-dd}.");
        }

        nomination.Revoke(on, reason, null);
        AuditTrail.Add(db, actor, Now, "nomination.revoked", "Nomination", Id(nomination.Id),
            $"Nomination of {nomination.NomineeName} revoked on {on:yyyy-MM-dd}: {reason.Trim()}.", new { RevokedOn = (DateOnly?)null }, new { RevokedOn = on, Reason = reason.Trim() }, nomination.MemberId);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<DeathCaseView?> GetDeathCaseAsync(Actor actor, long memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        var c = await db.DeathCases.AsNoTracking().SingleOrDefaultAsync(d => d.MemberId == memberId, cancellationToken);
        if (c is null)
        {
            return null;
        }

        var holding = await db.Holdings.AsNoTracking().Where(h => h.MemberId == memberId)
            .GroupBy(h => 1).Select(g => new { Shares = g.Sum(h => h.Shares), Paid = g.Sum(h => h.AmountPaidPence) }).SingleOrDefaultAsync(cancellationToken);
        var to = c.TransmittedToMemberId is { } t ? await db.Members.Where(m => m.Id == t).Select(m => (long?)m.MemberNumber).SingleOrDefaultAsync(cancellationToken) : null;
        var nominees = await NomineesAtDeathAsync(db, memberId, c.DateOfDeath, cancellationToken);
        return new DeathCaseView(c.Id, c.MemberId, c.DateOfDeath, c.NotifiedOn, c.NotifiedBy, c.EvidenceSeen, c.NominationFound, c.Route,
            c.SettledPence is { } p ? new Money(p) : null, c.SettledOn, c.SettledTo, to, new Money(holding?.Paid ?? 0), holding?.Shares ?? 0,
            nominees.Select(Row).ToList());
    }

    /// <summary>
    /// Notice of death: opens the case, which freezes the holding (no withdrawal, transfer or top-up until settled), and
    /// ends the membership on the date of death (domain rule 31: under the rules a member ceases on death).
    /// </summary>
    public async Task RecordDeathAsync(Actor actor, long memberId, DateOnly dateOfDeath, DateOnly notifiedOn, string notifiedBy, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken) ?? throw new DomainException("This member does not exist.");
        if (await db.DeathCases.AsNoTracking().SingleOrDefaultAsync(d => d.MemberId == memberId, cancellationToken) is { } existing)
        {
            throw new DomainException($"The death of member {member.MemberNumber} on {existing.DateOfDeath:yyyy-MM-dd} is already recorded.");
        }

        if (member.DateCeased is { } ceased)
        {
            throw new DomainException($"Member {member.MemberNumber} ceased on {ceased:yyyy-MM-dd} ({member.CeasedReason}); a former member's death does not end a membership.");
        }

        var deathCase = DeathCase.Open(memberId, dateOfDeath, notifiedOn, notifiedBy, member.DateEntered, Today, Now);
        db.DeathCases.Add(deathCase);
        HoldingMovements.Cease(db, actor, member, dateOfDeath, CessationKind.Death, $"Died; notice given by {deathCase.NotifiedBy} on {notifiedOn:yyyy-MM-dd}", Now);
        AuditTrail.Add(db, actor, Now, "estate.death-notified", "Member", Id(memberId),
            $"Death of member {member.MemberNumber} on {dateOfDeath:yyyy-MM-dd} notified by {deathCase.NotifiedBy} on {notifiedOn:yyyy-MM-dd}; holding frozen.", null,
            new { DateOfDeath = dateOfDeath, NotifiedOn = notifiedOn, NotifiedBy = deathCase.NotifiedBy }, memberId);
        await SaveAsync(db, member.MemberNumber, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>The first steps of the checklist: the evidence seen and whether the nominations book has a nomination.</summary>
    public async Task RecordEvidenceAsync(Actor actor, long memberId, string evidence, bool nominationFound, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        var deathCase = await RequireCaseAsync(db, memberId, cancellationToken);
        var before = new { deathCase.EvidenceSeen, deathCase.NominationFound };
        deathCase.RecordEvidence(evidence, nominationFound);
        AuditTrail.Add(db, actor, Now, "estate.evidence", "Member", Id(memberId),
            $"Evidence of death recorded: {deathCase.EvidenceSeen}; nomination {(nominationFound ? "found" : "not found")}.", before,
            new { deathCase.EvidenceSeen, deathCase.NominationFound }, memberId);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Settles the whole holding by one route, as transmissions in the ledger dated <see cref="SettlementForm.On"/>:
    /// out of the deceased's holding, and into the beneficiary's when they are a member. Closes the case, which lifts
    /// the freeze.
    /// </summary>
    public async Task SettleAsync(Actor actor, long memberId, SettlementForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        try
        {
            await SettleCoreAsync(db, actor, memberId, form, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || IsUniqueViolation(ex))
        {
            // Two registrars settling the same estate at once: the case's and the holding's versions let only one through.
            throw new ConflictException("The estate was settled, or the holding changed, at the same moment by someone else. Reload the member's page.", ex);
        }
    }

    private async Task SettleCoreAsync(RegisterDbContext db, Actor actor, long memberId, SettlementForm form, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var deathCase = await RequireCaseAsync(db, memberId, cancellationToken);
        var member = await db.Members.SingleAsync(m => m.Id == memberId, cancellationToken);
        var society = (await db.Societies.AsNoTracking().SingleAsync(cancellationToken)).Details;
        var holdings = await db.Holdings.AsNoTracking().Where(h => h.MemberId == memberId && h.Shares > 0).OrderBy(h => h.ShareClassId).ToListAsync(cancellationToken);
        var classes = await db.ShareClasses.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken);
        var value = new Money(holdings.Sum(h => h.AmountPaidPence));
        var paidTo = form.PaidTo?.Trim() ?? "";
        Member? beneficiary = null;

        // Act s.37 and s.40: the society may pay nominees, or pay without probate, only up to £5,000; above that the
        // holding goes to the personal representatives.
        if (form.Route is EstateRoute.PaidToNominees or EstateRoute.PaidWithoutProbate && value > Limit)
        {
            throw new DomainException("Route", $"The holding is worth {value.Format()}: at most {Limit.Format(true)} may be paid to nominees or without probate (Act s.37, s.40). Settle it with the personal representatives on sight of probate or letters of administration, or transfer it to a beneficiary who is a member.");
        }

        if (form.Route == EstateRoute.PaidToNominees)
        {
            var nominees = await NomineesAtDeathAsync(db, memberId, deathCase.DateOfDeath, cancellationToken);
            if (nominees.Count == 0)
            {
                throw new DomainException("Route", $"The nominations book has no nomination in force on the date of death ({deathCase.DateOfDeath:yyyy-MM-dd}).");
            }

            paidTo = string.Join("; ", nominees.Select(n => $"{n.NomineeName} {Row(n).SharePercent} {new Money(value.Pence * n.ShareBasisPoints / 10_000).Format()}"));
            var nominated = nominees.Sum(n => value.Pence * n.ShareBasisPoints / 10_000);
            if (nominated < value.Pence)
            {
                // The part no nomination covers goes to the persons entitled; within £5,000 in all, s.40 lets the society pay it without probate.
                var named = string.IsNullOrWhiteSpace(form.PaidTo) ? "the persons entitled" : form.PaidTo.Trim();
                paidTo += $"; the rest, {new Money(value.Pence - nominated).Format()}, to {named} without probate (Act s.40)";
            }

            if (paidTo.Length > DeathCase.TextMax)
            {
                paidTo = paidTo[..(DeathCase.TextMax - 1)] + "…";
            }
        }

        if (form.Route == EstateRoute.TransmittedToMember)
        {
            beneficiary = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.MemberNumber == form.BeneficiaryMemberNumber, cancellationToken)
                ?? throw new DomainException("ToMember", form.BeneficiaryMemberNumber is null ? "Give the beneficiary's member number." : $"There is no member {form.BeneficiaryMemberNumber}.");
            if (beneficiary.Id == memberId || beneficiary.DateCeased is not null)
            {
                throw new DomainException("ToMember", $"Member {beneficiary.MemberNumber} is not a current member and cannot receive the shares.");
            }

            await HoldingMovements.RequireNotFrozenAsync(db, beneficiary.Id, cancellationToken);
            var errors = new List<RuleViolation>();
            foreach (var h in holdings)
            {
                var current = await db.Holdings.Where(x => x.MemberId == beneficiary.Id && x.ShareClassId == h.ShareClassId).Select(x => (long?)x.Shares).SingleOrDefaultAsync(cancellationToken) ?? 0;
                // Rule 30: a beneficiary who is a member is still bound by the maximum holding (Act s.24).
                errors.AddRange(HoldingRules.CheckAddition(beneficiary.Details.Kind, classes[h.ShareClassId], society, current, h.Shares, becomingMember: false, field: "ToMember"));
            }

            if (errors.Count > 0)
            {
                throw new DomainException(errors);
            }

            paidTo = $"Member {beneficiary.MemberNumber} {beneficiary.Details.RegisterName}";
        }

        deathCase.Settle(form.Route, value.Pence, form.On, paidTo, beneficiary?.Id, Today);
        var reference = string.IsNullOrWhiteSpace(form.Reference) ? $"Estate of member {member.MemberNumber}" : form.Reference.Trim();
        foreach (var h in holdings)
        {
            await HoldingMovements.ApplyAsync(db, actor, memberId, h.ShareClassId, LedgerEntryKind.Transmission, -h.Shares, -h.AmountPaidPence, form.On, reference,
                $"{form.Route.Describe()}: {paidTo}", Now, cancellationToken);
            if (beneficiary is not null)
            {
                await HoldingMovements.ApplyAsync(db, actor, beneficiary.Id, h.ShareClassId, LedgerEntryKind.Transmission, h.Shares, h.AmountPaidPence, form.On, reference,
                    $"From the estate of member {member.MemberNumber} {member.Details.RegisterName}", Now, cancellationToken);
            }
        }

        AuditTrail.Add(db, actor, Now, "estate.settled", "Member", Id(memberId),
            $"Estate of member {member.MemberNumber} settled on {form.On:yyyy-MM-dd}: {form.Route.Describe().ToLowerInvariant()}, {value.Format()} to {paidTo}.", null,
            new { Route = form.Route.ToString(), Pence = value.Pence, On = form.On, To = paidTo }, memberId);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The final statement once the estate is settled: the holding from the start of the financial year in which the
    /// member died to the settlement, every movement between (the statement mechanism of domain rule 63).
    /// </summary>
    public async Task<(string FileName, byte[] Pdf)?> RenderFinalStatementAsync(Actor actor, long memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        var c = await db.DeathCases.AsNoTracking().SingleOrDefaultAsync(d => d.MemberId == memberId, cancellationToken);
        if (c?.SettledOn is not { } settled)
        {
            return null;
        }

        var society = (await db.Societies.AsNoTracking().SingleAsync(cancellationToken)).Details;
        var start = society.FinancialYearContaining(c.DateOfDeath).Start;
        var statement = await statements.BuildAsync(db, memberId, start, settled, cancellationToken);
        return ($"final-statement-member-{statement.MemberNumber}.pdf", StatementPdf.Render(statement));
    }

    private async Task<Nomination> AddNominationAsync(RegisterDbContext db, Actor actor, long memberId, NominationForm form, Nomination? replacing, CancellationToken cancellationToken)
    {
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken) ?? throw new DomainException("This member does not exist.");
        var basisPoints = ParsePercent(form.SharePercent);
        var nomination = Nomination.Record(memberId, form.NomineeName, form.NomineeAddress, form.Relationship, basisPoints, form.NomineeIsOfficerOrEmployee,
            form.SignedOn, form.ReceivedOn, await DateOfDeathAsync(db, memberId, cancellationToken), Today, Now, actor.Name);

        // The nominees together can take at most the whole of the property; a variation frees the share it replaces.
        var others = await db.Nominations.Where(n => n.MemberId == memberId && n.RevokedOn == null && (replacing == null || n.Id != replacing.Id))
            .SumAsync(n => (int?)n.ShareBasisPoints, cancellationToken) ?? 0;
        if (others + basisPoints > 10_000)
        {
            throw new DomainException("Share", $"The nominees' shares would add up to {((others + basisPoints) / 100m).ToString("0.##", CultureInfo.InvariantCulture)} %; at most 100 % of the property can be nominated. Vary or revoke a current nomination first.");
        }

        db.Nominations.Add(nomination);
        await db.SaveChangesAsync(cancellationToken);
        AuditTrail.Add(db, actor, Now, "nomination.recorded", "Nomination", Id(nomination.Id),
            $"Nomination by member {member.MemberNumber} of {nomination.NomineeName} ({Row(nomination).SharePercent}), signed {nomination.SignedOn:yyyy-MM-dd}, received {nomination.ReceivedOn:yyyy-MM-dd}"
            + (nomination.NeedsRelationshipWarning ? "; the nominee is an officer or employee who is not recorded as a close relative (Act s.37)." : "."),
            null, new { nomination.NomineeName, nomination.Relationship, nomination.ShareBasisPoints, nomination.NomineeIsOfficerOrEmployee, nomination.SignedOn, nomination.ReceivedOn }, memberId);
        return nomination;
    }

    private static int ParsePercent(string? text)
    {
        if (!decimal.TryParse(text?.Trim().TrimEnd('%').Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            || percent <= 0 || percent > 100 || decimal.Round(percent, 2) != percent)
        {
            throw new DomainException("Share", "The nominee's share is a percentage above 0 and at most 100, with at most two decimals (for example 50 or 33.33).");
        }

        return (int)(percent * 100);
    }

    private static async Task<NominationsView?> NominationsCoreAsync(RegisterDbContext db, long memberId, CancellationToken cancellationToken)
    {
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new { m.Id, m.MemberNumber, m.Details.Name }).SingleOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return null;
        }

        var entries = await db.Nominations.AsNoTracking().Where(n => n.MemberId == memberId).OrderBy(n => n.ReceivedOn).ThenBy(n => n.Id).ToListAsync(cancellationToken);
        var paid = await db.Holdings.AsNoTracking().Where(h => h.MemberId == memberId).SumAsync(h => (long?)h.AmountPaidPence, cancellationToken) ?? 0;
        return new NominationsView(member.Id, member.MemberNumber, member.Name, entries.Select(Row).ToList(), Limit, new Money(paid));
    }

    /// <summary>The nominations in force when the member died: received by then and not revoked before.</summary>
    private static async Task<List<Nomination>> NomineesAtDeathAsync(RegisterDbContext db, long memberId, DateOnly died, CancellationToken cancellationToken) =>
        await db.Nominations.AsNoTracking()
            .Where(n => n.MemberId == memberId && n.ReceivedOn <= died && (n.RevokedOn == null || n.RevokedOn > died))
            .OrderBy(n => n.Id).ToListAsync(cancellationToken);

    private static async Task<DateOnly?> DateOfDeathAsync(RegisterDbContext db, long memberId, CancellationToken cancellationToken) =>
        await db.DeathCases.Where(d => d.MemberId == memberId).Select(d => (DateOnly?)d.DateOfDeath).SingleOrDefaultAsync(cancellationToken);

    private static async Task<DeathCase> RequireCaseAsync(RegisterDbContext db, long memberId, CancellationToken cancellationToken) =>
        await db.DeathCases.SingleOrDefaultAsync(d => d.MemberId == memberId, cancellationToken)
        ?? throw new DomainException("No death has been notified for this member: record the notice of death first.");

    private static async Task SaveAsync(RegisterDbContext db, long memberNumber, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || IsUniqueViolation(ex))
        {
            throw new ConflictException($"Member {memberNumber}'s record or estate was changed at the same moment by someone else. Reload the member's page.", ex);
        }
    }

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: "23505" };

    private static NominationRow Row(Nomination n) => new(n.Id, n.NomineeName, n.NomineeAddress, n.Relationship, n.ShareBasisPoints, n.NomineeIsOfficerOrEmployee,
        n.SignedOn, n.ReceivedOn, n.RevokedOn, n.RevokedReason, n.ReplacedById, n.RecordedAt, n.RecordedBy);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
