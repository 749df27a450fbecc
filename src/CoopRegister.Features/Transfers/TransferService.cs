using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;
using CoopRegister.Domain.Transfers;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Members;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Shares;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Transfers;

/// <summary>
/// Transfers of shares between members, where the society's rules make a class transferable (domain rules 12 and 18):
/// the registrar enters the signed transfer form and the committee's consent; the transferee is an existing member or
/// is admitted by the transfer itself, numbered like any new member. Registering it writes a transfer-out and a
/// transfer-in to the ledger, supersedes both holdings' certificates, ends the transferor's membership if the holding
/// falls below the minimum (domain rule 15), and audits it all, in one transaction.
/// </summary>
public sealed class TransferService(IDbContextFactory<RegisterDbContext> contexts, MemberService members, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The classes whose shares may be transferred; empty when the society's rules allow no transfers.</summary>
    public async Task<TransferTerms> GetTermsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        var classes = await db.ShareClasses.AsNoTracking().Where(c => c.Transferable).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Code, c.Name, c.NominalValuePence }).ToListAsync(cancellationToken);
        return new TransferTerms(classes.Select(c => new TransferableClass(c.Id, c.Code, c.Name, new Money(c.NominalValuePence))).ToList());
    }

    /// <summary>Registered transfers, newest first; only those to or from one member when <paramref name="memberId"/> is given.</summary>
    public async Task<TransferPage> ListAsync(Actor actor, long? memberId = null, int page = 0, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        var q = db.Transfers.AsNoTracking();
        if (memberId is { } id)
        {
            q = q.Where(t => t.FromMemberId == id || t.ToMemberId == id);
        }

        var total = await q.CountAsync(cancellationToken);
        var size = Math.Clamp(pageSize, 1, 500);
        var rows = await (from t in q
                          join f in db.Members on t.FromMemberId equals f.Id
                          join to in db.Members on t.ToMemberId equals to.Id
                          join c in db.ShareClasses on t.ShareClassId equals c.Id
                          orderby t.EffectiveDate descending, t.Id descending
                          select new
                          {
                              t.Id, t.EffectiveDate, t.FromMemberId, FromNumber = f.MemberNumber, FromName = f.Details.Name, t.ToMemberId, ToNumber = to.MemberNumber,
                              ToName = to.Details.Name, ClassName = c.Name, t.Shares, t.AmountPaidPence, t.FormSignedOn, t.ConsentedOn, t.ConsentMinutes, t.RecordedAt, t.RecordedBy,
                          }).Skip(Math.Max(0, page) * size).Take(size).ToListAsync(cancellationToken);
        return new TransferPage(rows.Select(r => new TransferRow(r.Id, r.EffectiveDate, r.FromMemberId, r.FromNumber, r.FromName, r.ToMemberId, r.ToNumber, r.ToName,
            r.ClassName, r.Shares, new Money(r.AmountPaidPence), r.FormSignedOn, r.ConsentedOn, r.ConsentMinutes, r.RecordedAt, r.RecordedBy)).ToList(), total);
    }

    /// <summary>
    /// Registers a transfer. All or nothing: when any rule is broken nothing is written and every broken rule is named
    /// with its field. A new member's login invitation is sent after the commit, as after an allotment.
    /// </summary>
    public async Task<TransferResult> RecordAsync(Actor actor, TransferForm form, Uri siteBase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(siteBase);
        var (result, email) = await Retry.OnNumberingConflictAsync(() => RecordOnceAsync(actor, form, cancellationToken), cancellationToken);
        if (!result.ToMemberAdmitted || email is null)
        {
            return result;
        }

        // As after an allotment: a login that cannot be made does not undo the admission; the registrar sees why and
        // can invite the member again from their page.
        try
        {
            await members.SendLoginInvitationAsync(actor, result.ToMemberId, siteBase, cancellationToken);
            return result;
        }
        catch (Exception ex) when (ex is DomainException or IOException or UnauthorizedAccessException or MailKit.ServiceNotConnectedException
                                      or MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException or System.Net.Sockets.SocketException
                                      or MailKit.Security.AuthenticationException)
        {
            return result with { InvitationProblem = $"Member {result.ToMemberNumber}: no login invitation was sent to {email} ({ex.Message})." };
        }
    }

    private async Task<(TransferResult Result, string? Email)> RecordOnceAsync(Actor actor, TransferForm form, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var society = (await db.Societies.AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.Details
            ?? throw new DomainException("The register has not been set up yet.");
        var shareClass = await (form.ShareClassId > 0
                ? db.ShareClasses.SingleOrDefaultAsync(c => c.Id == form.ShareClassId, cancellationToken)
                : db.ShareClasses.SingleOrDefaultAsync(c => c.Code == ShareClass.OrdinaryCode, cancellationToken))
            ?? throw new DomainException("ShareClass", "Choose the class of the shares transferred.");
        if (!shareClass.Transferable)
        {
            // Domain rules 12, 16 and 18: only the rules make shares transferable; community shares are not.
            throw new DomainException("ShareClass",
                $"{shareClass.Name} are not transferable under the society's rules (domain rule 18): they can only be withdrawn, or pass on death. Nothing was recorded.");
        }

        var errors = new List<RuleViolation>();
        var effective = form.EffectiveDate ?? Today;
        var signed = form.FormSignedOn ?? default;
        var consented = form.ConsentedOn ?? default;
        if (form.FormSignedOn is null)
        {
            errors.Add(new("FormSignedOn", "Give the date the transfer form was signed."));
        }

        if (form.ConsentedOn is null)
        {
            errors.Add(new("ConsentedOn", "Give the date of the committee's consent to the transfer."));
        }

        // The transferor: a current member whose holding is not frozen by a notified death.
        var from = form.FromMemberNumber is { } fromNumber ? await db.Members.SingleOrDefaultAsync(m => m.MemberNumber == fromNumber, cancellationToken) : null;
        long fromShares = 0, fromPaid = 0;
        if (from is null)
        {
            errors.Add(new("FromMember", form.FromMemberNumber is null ? "Give the transferor's member number." : $"There is no member number {form.FromMemberNumber}."));
        }
        else
        {
            if (from.DateCeased is { } ceased)
            {
                errors.Add(new("FromMember", $"Member {from.MemberNumber} ceased on {ceased:yyyy-MM-dd}; a former member's shares cannot be transferred."));
            }
            else if (effective < from.DateEntered)
            {
                errors.Add(new("EffectiveDate", $"The transfer cannot take effect before the transferor, member {from.MemberNumber}, joined ({from.DateEntered:yyyy-MM-dd})."));
            }

            await CollectAsync(errors, "FromMember", () => HoldingMovements.RequireNotFrozenAsync(db, from.Id, cancellationToken));
            var holding = await db.Holdings.AsNoTracking().Where(h => h.MemberId == from.Id && h.ShareClassId == shareClass.Id)
                .Select(h => new { h.Shares, h.AmountPaidPence }).SingleOrDefaultAsync(cancellationToken);
            fromShares = holding?.Shares ?? 0;
            fromPaid = holding?.AmountPaidPence ?? 0;

            // The register as at the effective date must never show a negative holding: a transfer dated before later
            // movements may take only what was held on that date.
            var heldThen = await db.LedgerEntries.Where(e => e.MemberId == from.Id && e.ShareClassId == shareClass.Id && e.EffectiveDate <= effective)
                .SumAsync(e => (long?)e.Shares, cancellationToken) ?? 0;
            if (form.Shares > 0 && form.Shares <= fromShares && form.Shares > heldThen)
            {
                errors.Add(new("Shares", $"On {effective:yyyy-MM-dd} member {from.MemberNumber} held {heldThen.ToString("#,##0", CultureInfo.InvariantCulture)} {shareClass.Name.ToLowerInvariant()}; {form.Shares.ToString("#,##0", CultureInfo.InvariantCulture)} cannot be transferred as at that date."));
            }
        }

        // The transferee: an existing current member, or a new member admitted by this transfer (domain rule 18).
        Member? to = null;
        PersonDetails? newDetails = null;
        if (form.ToNewMember)
        {
            if (!shareClass.ConfersMembership)
            {
                // Domain rule 15: membership comes with the minimum holding of a class that confers it.
                errors.Add(new("ToMember", $"{shareClass.Name} do not make their holder a member, so a transfer of them cannot admit a new member: admit the person through an application first."));
            }

            newDetails = form.NewMember.ToDetails().Normalised();
            var detailErrors = newDetails.Validate(society, Today);
            errors.AddRange(detailErrors);
            if (detailErrors.Count == 0 && !form.NotAnExistingMember)
            {
                var matches = await ApplicationService.FindLikelyMatchesAsync(db, newDetails, cancellationToken);
                if (matches.Count > 0)
                {
                    errors.Add(new("ToMember", $"{newDetails.Name} looks like existing member {matches[0].MemberNumber} ({matches[0].Reason}): transfer to that member, or confirm that this is a different person."));
                }
            }
        }
        else
        {
            to = form.ToMemberNumber is { } toNumber ? await db.Members.SingleOrDefaultAsync(m => m.MemberNumber == toNumber, cancellationToken) : null;
            if (to is null)
            {
                errors.Add(new("ToMember", form.ToMemberNumber is null ? "Give the transferee's member number, or admit the transferee as a new member." : $"There is no member number {form.ToMemberNumber}."));
            }
            else if (to.DateCeased is { } ceased)
            {
                errors.Add(new("ToMember", $"Member {to.MemberNumber} ceased on {ceased:yyyy-MM-dd}; shares cannot be transferred to a former member. Admit them again as a new member instead."));
            }
            else
            {
                if (effective < to.DateEntered)
                {
                    errors.Add(new("EffectiveDate", $"The transfer cannot take effect before the transferee, member {to.MemberNumber}, joined ({to.DateEntered:yyyy-MM-dd})."));
                }

                await CollectAsync(errors, "ToMember", () => HoldingMovements.RequireNotFrozenAsync(db, to.Id, cancellationToken));
            }
        }

        // The transferee's cap and, for a new member, the minimum holding (domain rules 14 and 15).
        var kind = to?.Details.Kind ?? newDetails?.Kind;
        if (kind is { } k && form.Shares > 0)
        {
            var toShares = to is null ? 0 : await db.Holdings.Where(h => h.MemberId == to.Id && h.ShareClassId == shareClass.Id).Select(h => (long?)h.Shares).SingleOrDefaultAsync(cancellationToken) ?? 0;
            errors.AddRange(HoldingRules.CheckAddition(k, shareClass, society, toShares, form.Shares, becomingMember: to is null)
                .Select(v => v with { Message = $"Transferee: {v.Message}" }));
        }

        // The form's own rules (dates, consent, number of shares), checked now so that every broken rule is reported at once.
        await CollectAsync(errors, null, () =>
        {
            ShareTransfer.Register(from?.Id ?? 0, to?.Id ?? -1, shareClass.Id, shareClass.Transferable, form.Shares, fromShares, fromPaid, signed, consented,
                form.ConsentMinutes, effective, Today, Now, actor.Name);
            return Task.CompletedTask;
        });
        if (errors.Count > 0)
        {
            throw new DomainException(errors.DistinctBy(e => (e.Field, e.Message)).ToList());
        }

        try
        {
            var admitted = false;
            if (to is null)
            {
                // Admitted as any new member is: the next number of the gap-free series, entered on the transfer date.
                var number = await NumberAllocator.TakeAsync(db, NumberCounter.MemberNumbers, 1, cancellationToken);
                to = Member.Admit(number, newDetails!, form.NewMember.MarketingConsent, effective, society, Today, Now);
                db.Members.Add(to);
                await db.SaveChangesAsync(cancellationToken);
                AuditTrail.Add(db, actor, Now, "member.admitted", "Member", Id(to.Id),
                    $"Member {to.MemberNumber} {to.Details.RegisterName} admitted on {effective:yyyy-MM-dd} by a transfer of shares from member {from!.MemberNumber}.",
                    null, MemberSnapshot.Of(to), to.Id);
                admitted = true;
            }

            var transfer = ShareTransfer.Register(from!.Id, to.Id, shareClass.Id, shareClass.Transferable, form.Shares, fromShares, fromPaid, signed, consented,
                form.ConsentMinutes, effective, Today, Now, actor.Name);
            db.Transfers.Add(transfer);
            await db.SaveChangesAsync(cancellationToken);
            var reference = $"Transfer {Id(transfer.Id)}";
            var outEntry = await HoldingMovements.ApplyAsync(db, actor, from.Id, shareClass.Id, LedgerEntryKind.TransferOut, -transfer.Shares, -transfer.AmountPaidPence,
                effective, reference, $"To member {to.MemberNumber} (consent {transfer.ConsentMinutes})", Now, cancellationToken);
            var inEntry = await HoldingMovements.ApplyAsync(db, actor, to.Id, shareClass.Id, LedgerEntryKind.TransferIn, transfer.Shares, transfer.AmountPaidPence,
                effective, reference, $"From member {from.MemberNumber} (consent {transfer.ConsentMinutes})", Now, cancellationToken);
            transfer.RecordEntries(outEntry.Id, inEntry.Id);

            // Domain rule 15: a member whose holding falls below the minimum ceases under the rules.
            var ceased = false;
            if (shareClass.ConfersMembership)
            {
                var left = await HoldingMovements.MembershipSharesAsync(db, from.Id, cancellationToken);
                var minimum = society.MinimumHoldingShares;
                if (left < Math.Max(1, minimum))
                {
                    HoldingMovements.Cease(db, actor, from, effective, CessationKind.BelowMinimum,
                        $"Transferred {transfer.Shares.ToString("#,##0", CultureInfo.InvariantCulture)} shares to member {to.MemberNumber}, leaving {left.ToString("#,##0", CultureInfo.InvariantCulture)}; the minimum holding is {minimum.ToString("#,##0", CultureInfo.InvariantCulture)}", Now);
                    ceased = true;
                }
            }

            AuditTrail.Add(db, actor, Now, "transfer.registered", "Transfer", Id(transfer.Id),
                $"{transfer.Shares.ToString("#,##0", CultureInfo.InvariantCulture)} {shareClass.Name.ToLowerInvariant()} transferred from member {from.MemberNumber} to member {to.MemberNumber} on {effective:yyyy-MM-dd} (form signed {transfer.FormSignedOn:yyyy-MM-dd}, committee consent {transfer.ConsentedOn:yyyy-MM-dd}, {transfer.ConsentMinutes}).",
                null, new { From = from.MemberNumber, To = to.MemberNumber, ShareClass = shareClass.Code, transfer.Shares, transfer.AmountPaidPence, transfer.EffectiveDate, NewMember = admitted, TransferorCeased = ceased },
                from.Id);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return (new TransferResult(transfer.Id, from.Id, from.MemberNumber, to.Id, to.MemberNumber, transfer.Shares, admitted, ceased, null),
                admitted ? to.Details.Email : null);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw ex.Entries.All(e => e.Entity is NumberCounter)
                ? new NumberingConflictException("Numbers were taken by another operation.", ex)
                : new ConflictException("One of these holdings was changed by someone else at the same moment. Reload and record the transfer again.", ex);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: "23505" })
        {
            // Another operation took the same member or certificate number at once: run this one again with fresh numbers.
            throw new NumberingConflictException("Numbers were taken by another operation.", ex);
        }
    }

    private static async Task CollectAsync(List<RuleViolation> errors, string? field, Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (DomainException ex)
        {
            errors.AddRange(ex.Violations.Select(v => v with { Field = v.Field ?? field }));
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
