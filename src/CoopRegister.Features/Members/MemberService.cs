using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Data.Identity;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Accounts;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Certificates;
using CoopRegister.Features.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Features.Members;

/// <summary>
/// The registrar's register: search and page over every member, one member's full record (statutory fields, holdings,
/// ledger, applications, audit history), edits of contact details, corrections by reversal, and the member's login.
/// </summary>
public sealed class MemberService(IServiceScopeFactory scopes, IDbContextFactory<RegisterDbContext> contexts, IMailSender mail, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<MemberPage> SearchAsync(Actor actor, MemberQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        return await SearchCoreAsync(db, query, cancellationToken);
    }

    /// <summary>The search without the permission check, for callers that have made it (and for the benchmark).</summary>
    internal static async Task<MemberPage> SearchCoreAsync(RegisterDbContext db, MemberQuery query, CancellationToken cancellationToken)
    {
        var members = db.Members.AsNoTracking();
        var (filtered, by) = ApplySearch(members, query.Search);
        if (query.AsAt is { } asAt)
        {
            filtered = filtered.Where(m => m.DateEntered <= asAt && (m.DateCeased == null || m.DateCeased > asAt));
        }
        else if (query.CurrentOnly)
        {
            filtered = filtered.Where(m => m.DateCeased == null);
        }

        var total = await filtered.CountAsync(cancellationToken);
        var ordered = (query.Sort, query.Descending) switch
        {
            (MemberSort.Name, false) => filtered.OrderBy(m => m.NameKey).ThenBy(m => m.MemberNumber),
            (MemberSort.Name, true) => filtered.OrderByDescending(m => m.NameKey).ThenByDescending(m => m.MemberNumber),
            (MemberSort.Postcode, false) => filtered.OrderBy(m => m.PostcodeKey).ThenBy(m => m.MemberNumber),
            (MemberSort.Postcode, true) => filtered.OrderByDescending(m => m.PostcodeKey).ThenByDescending(m => m.MemberNumber),
            (MemberSort.DateEntered, false) => filtered.OrderBy(m => m.DateEntered).ThenBy(m => m.MemberNumber),
            (MemberSort.DateEntered, true) => filtered.OrderByDescending(m => m.DateEntered).ThenByDescending(m => m.MemberNumber),
            (_, true) => filtered.OrderByDescending(m => m.MemberNumber),
            _ => filtered.OrderBy(m => m.MemberNumber),
        };
        var page = ordered.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500));

        List<MemberRow> rows;
        if (query.AsAt is { } date)
        {
            // As at a date, holdings come from the journal itself (entries effective on or before the date).
            rows = await page.Select(m => new MemberRow(m.Id, m.MemberNumber, m.Details.Name, m.Details.Kind, m.Details.Postcode, m.Details.Email,
                    db.LedgerEntries.Where(e => e.MemberId == m.Id && e.EffectiveDate <= date).Sum(e => (long?)e.Shares) ?? 0,
                    new Money(db.LedgerEntries.Where(e => e.MemberId == m.Id && e.EffectiveDate <= date).Sum(e => (long?)e.AmountPaidPence) ?? 0),
                    m.DateEntered, m.DateCeased))
                .ToListAsync(cancellationToken);
        }
        else
        {
            rows = await page.Select(m => new MemberRow(m.Id, m.MemberNumber, m.Details.Name, m.Details.Kind, m.Details.Postcode, m.Details.Email,
                    db.Holdings.Where(h => h.MemberId == m.Id).Sum(h => (long?)h.Shares) ?? 0,
                    new Money(db.Holdings.Where(h => h.MemberId == m.Id).Sum(h => (long?)h.AmountPaidPence) ?? 0),
                    m.DateEntered, m.DateCeased))
                .ToListAsync(cancellationToken);
        }

        return new MemberPage(rows, total, by);
    }

    /// <summary>
    /// Reads the search text as a member number, an e-mail address, a postcode or a name, and turns it into index range
    /// conditions on the search keys (a prefix "bri" becomes "bri" ≤ key &lt; "brj").
    /// </summary>
#pragma warning disable CA1309 // string.Compare is translated to SQL comparisons on binary-collated key columns; it never runs in .NET.
    internal static (IQueryable<Member> Query, string By) ApplySearch(IQueryable<Member> members, string? search)
    {
        var text = (search ?? "").Trim();
        if (text.Length == 0)
        {
            return (members, "");
        }

        var numberText = text.TrimStart('#').TrimStart('M', 'm');
        if (numberText.Length is > 0 and <= 12 && numberText.All(char.IsAsciiDigit))
        {
            var number = long.Parse(numberText, CultureInfo.InvariantCulture);
            return (members.Where(m => m.MemberNumber == number), "member number");
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            var email = SearchKeys.Email(text);
            var end = SearchKeys.PrefixEnd(email);
            return (members.Where(m => string.Compare(m.EmailKey, email) >= 0 && string.Compare(m.EmailKey, end) < 0), "e-mail address");
        }

        if (LooksLikePostcode(text))
        {
            var postcode = SearchKeys.Postcode(text);
            var end = SearchKeys.PrefixEnd(postcode);
            return (members.Where(m => string.Compare(m.PostcodeKey, postcode) >= 0 && string.Compare(m.PostcodeKey, end) < 0), "postcode");
        }

        var name = SearchKeys.Name(text);
        if (name.Length == 0)
        {
            return (members.Where(m => false), "name");
        }

        var nameEnd = SearchKeys.PrefixEnd(name);
        return (members.Where(m => (string.Compare(m.NameKey, name) >= 0 && string.Compare(m.NameKey, nameEnd) < 0)
                                   || (string.Compare(m.SurnameKey, name) >= 0 && string.Compare(m.SurnameKey, nameEnd) < 0)
                                   || (string.Compare(m.FamilyNameKey, name) >= 0 && string.Compare(m.FamilyNameKey, nameEnd) < 0)), "name");
    }
#pragma warning restore CA1309

    /// <summary>A full or partial UK postcode: letters then digits, as in "E3", "SW1A", "SW1A 1AA".</summary>
    internal static bool LooksLikePostcode(string text)
    {
        var t = text.Replace(" ", "", StringComparison.Ordinal);
        return t.Length is >= 2 and <= 7 && char.IsAsciiLetter(t[0]) && t.Any(char.IsAsciiDigit) && t.All(char.IsAsciiLetterOrDigit)
               && (t.Length <= 4 || PersonDetails.IsUkPostcode(text));
    }

    public async Task<MemberDetailsView?> GetAsync(Actor actor, long memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        return await LoadViewAsync(db, memberId, includeAudit: true, cancellationToken);
    }

    /// <summary>The member's record as the register holds it; shared with the member's own portal (which leaves out the audit trail).</summary>
    internal static async Task<MemberDetailsView?> LoadViewAsync(RegisterDbContext db, long memberId, bool includeAudit, CancellationToken cancellationToken)
    {
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return null;
        }

        var version = await db.Members.Where(m => m.Id == memberId).Select(m => EF.Property<long>(m, RegisterDbContext.VersionProperty)).SingleAsync(cancellationToken);
        var classes = await db.ShareClasses.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken);
        var holdings = await db.Holdings.AsNoTracking().Where(h => h.MemberId == memberId).ToListAsync(cancellationToken);
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.MemberId == memberId)
            .OrderBy(e => e.EffectiveDate).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var reversed = entries.Where(e => e.ReversesEntryId is not null).Select(e => e.ReversesEntryId!.Value).ToHashSet();
        var balances = new Dictionary<int, long>();
        var ledger = new List<LedgerRow>(entries.Count);
        foreach (var e in entries)
        {
            balances[e.ShareClassId] = balances.GetValueOrDefault(e.ShareClassId) + e.Shares;
            ledger.Add(new LedgerRow(e.Id, e.EffectiveDate, e.Kind, classes[e.ShareClassId].Name, e.Shares, new Money(e.AmountPaidPence), balances[e.ShareClassId],
                e.Reference, e.Note, e.ReversesEntryId, reversed.Contains(e.Id), e.RecordedAt, e.RecordedBy));
        }

        var applications = await db.Applications.AsNoTracking().Where(a => a.MemberId == memberId).OrderByDescending(a => a.SubmittedAt)
            .Select(a => new ApplicationSummary(a.Id, a.Reference, a.SharesRequested, new Money(a.AmountPence), new Money(a.PaidPence), a.Status, a.SubmittedAt))
            .ToListAsync(cancellationToken);
        var audit = includeAudit
            ? await db.AuditEvents.AsNoTracking().Where(e => e.MemberId == memberId).OrderByDescending(e => e.Id).Take(500)
                .Select(e => new AuditRow(e.Id, e.OccurredAt, e.ActorName, e.Action, e.Summary, e.Before, e.After)).ToListAsync(cancellationToken)
            : [];
        var login = await db.Users.Where(u => u.MemberId == memberId).Select(u => (bool?)u.EmailConfirmed).SingleOrDefaultAsync(cancellationToken);
        return new MemberDetailsView(member.Id, member.MemberNumber, member.Details, member.MarketingConsent, member.MarketingConsentChangedAt, member.DateEntered,
            member.DateCeased, member.CeasedReason, version,
            holdings.OrderBy(h => h.ShareClassId).Select(h => new HoldingView(h.ShareClassId, classes[h.ShareClassId].Name, h.Shares, classes[h.ShareClassId].NominalValue,
                classes[h.ShareClassId].NominalValue * h.Shares, h.AmountPaid)).ToList(),
            ledger, applications, audit, login switch { null => LoginState.None, true => LoginState.Active, false => LoginState.Invited });
    }

    /// <summary>
    /// Changes a member's name, address and contact details, with the date of the change kept in the audit trail.
    /// <paramref name="expectedVersion"/> is the version the registrar's form was loaded from.
    /// </summary>
    public async Task<long> UpdateDetailsAsync(Actor actor, long memberId, PersonDetails details, bool marketingConsent, long expectedVersion,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        return await ChangeDetailsAsync(db, actor, memberId, details, marketingConsent, expectedVersion, Now, cancellationToken);
    }

    /// <summary>The change itself, shared by the registrar's edit and the member's own portal.</summary>
    internal static async Task<long> ChangeDetailsAsync(RegisterDbContext db, Actor actor, long memberId, PersonDetails details, bool marketingConsent,
        long expectedVersion, DateTime now, CancellationToken cancellationToken)
    {
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken) ?? throw new DomainException("This member does not exist.");
        var society = await db.Societies.AsNoTracking().SingleAsync(cancellationToken);
        var entry = db.Entry(member);
        entry.Property(RegisterDbContext.VersionProperty).OriginalValue = expectedVersion;
        var before = MemberSnapshot.Of(member);
        member.ChangeDetails(details, society.Details, DateOnly.FromDateTime(now), now);
        member.SetMarketingConsent(marketingConsent, now);
        var after = MemberSnapshot.Of(member);
        if (before == after || (before with { JointHolders = [] } == after with { JointHolders = [] } && before.JointHolders.SequenceEqual(after.JointHolders)))
        {
            return expectedVersion;
        }

        AuditTrail.Add(db, actor, now, "member.details-changed", "Member", member.Id.ToString(CultureInfo.InvariantCulture),
            $"Details of member {member.MemberNumber} changed: {string.Join(", ", Changed(before, after))}.", before, after, member.Id);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConflictException($"Member {member.MemberNumber}'s details were changed by someone else since the form was opened. Reload to see their change, then make yours again.", ex);
        }

        return (long)entry.Property(RegisterDbContext.VersionProperty).CurrentValue!;
    }

    /// <summary>Corrects a ledger mistake by a reversing entry that names the entry it reverses; nothing is edited or deleted.</summary>
    public async Task ReverseEntryAsync(Actor actor, long entryId, DateOnly effectiveDate, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var original = await db.LedgerEntries.SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken) ?? throw new DomainException("This ledger entry does not exist.");
        if (await db.LedgerEntries.AnyAsync(e => e.ReversesEntryId == entryId, cancellationToken))
        {
            throw new DomainException($"Entry {entryId} has already been reversed.");
        }

        if (effectiveDate > Today)
        {
            throw new DomainException("EffectiveDate", $"The reversal cannot take effect in the future ({effectiveDate:yyyy-MM-dd}).");
        }

        try
        {
            var reversal = original.Reverse(effectiveDate, reason, Now, actor.Name);
            var holding = await db.Holdings.SingleAsync(h => h.MemberId == original.MemberId && h.ShareClassId == original.ShareClassId, cancellationToken);
            var before = new { holding.Shares, holding.AmountPaidPence };
            holding.Apply(reversal);
            db.LedgerEntries.Add(reversal);
            await db.SaveChangesAsync(cancellationToken);
            var shareClass = await db.ShareClasses.SingleAsync(c => c.Id == original.ShareClassId, cancellationToken);
            await CertificateIssuer.OnHoldingChangedAsync(db, reversal, holding, shareClass, actor, Now, cancellationToken);
            var number = await db.Members.Where(m => m.Id == original.MemberId).Select(m => m.MemberNumber).SingleAsync(cancellationToken);
            AuditTrail.Add(db, actor, Now, "ledger.reversed", "Member", original.MemberId.ToString(CultureInfo.InvariantCulture),
                $"Ledger entry {entryId} ({original.Kind}, {original.Shares} shares on {original.EffectiveDate:yyyy-MM-dd}) of member {number} reversed: {reason.Trim()}",
                before, new { holding.Shares, holding.AmountPaidPence }, original.MemberId);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || IsUniqueViolation(ex))
        {
            throw new ConflictException($"Entry {entryId} was reversed or the holding changed at the same moment by someone else. Reload the member's page.", ex);
        }
    }

    /// <summary>Sends the member an invitation to create their login: a fresh one if not yet accepted, or a first one.</summary>
    public async Task<string> SendLoginInvitationAsync(Actor actor, long memberId, Uri siteBase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(siteBase);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegisterDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken) ?? throw new DomainException("This member does not exist.");
        if (member.DateCeased is not null)
        {
            throw new DomainException($"Member {member.MemberNumber} has ceased; former members have no login.");
        }

        var email = member.Details.Email ?? throw new DomainException("Email", $"Member {member.MemberNumber} has no e-mail address: add one first.");
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.MemberId == memberId, cancellationToken);
        if (user is { EmailConfirmed: true })
        {
            throw new DomainException($"Member {member.MemberNumber} already has a login ({user.Email}).");
        }

        if (user is null)
        {
            if (await users.FindByEmailAsync(email) is { } other)
            {
                throw new DomainException("Email", $"{email} is already the login of {(other.MemberId is { } m ? $"another member (id {m})" : "a member of staff")}; a member's login needs an address of its own.");
            }

            user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                DisplayName = member.Details.Name,
                MemberId = member.Id,
                CreatedAt = Now,
                InvitedAt = Now,
                InvitedBy = actor.Name,
                LockoutEnabled = true,
            };
            AccountRules.ThrowOnFailure(await users.CreateAsync(user), "Email");
            AccountRules.ThrowOnFailure(await users.AddToRoleAsync(user, Roles.Member), null);
        }
        else
        {
            user.InvitedAt = Now;
            user.InvitedBy = actor.Name;
            AccountRules.ThrowOnFailure(await users.UpdateAsync(user), null);
        }

        AuditTrail.Add(db, actor, Now, "member.invited", "Member", member.Id.ToString(CultureInfo.InvariantCulture),
            $"Login invitation sent to member {member.MemberNumber} at {email}.", memberId: member.Id);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);

        // The link is made after the commit: making it may write a data-protection key through another connection.
        var link = await MemberInvitations.LinkAsync(users, user, siteBase);
        var society = await db.Societies.AsNoTracking().Select(s => s.Details.RegisteredName).SingleAsync(cancellationToken);
        await mail.SendAsync(MemberInvitations.Mail(email, member.Details.Name, member.MemberNumber, society, link), cancellationToken);
        return email;
    }

    /// <summary>Every cached holding that differs from the sum of its ledger entries (quality.md: a cached balance is checked).</summary>
    public async Task<IReadOnlyList<HoldingDiscrepancy>> VerifyHoldingsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        var cachedWrong = await db.Holdings
            .Select(h => new
            {
                h.MemberId,
                h.ShareClassId,
                CachedShares = h.Shares,
                LedgerShares = db.LedgerEntries.Where(e => e.MemberId == h.MemberId && e.ShareClassId == h.ShareClassId).Sum(e => (long?)e.Shares) ?? 0,
                CachedPaid = h.AmountPaidPence,
                LedgerPaid = db.LedgerEntries.Where(e => e.MemberId == h.MemberId && e.ShareClassId == h.ShareClassId).Sum(e => (long?)e.AmountPaidPence) ?? 0,
            })
            .Where(x => x.CachedShares != x.LedgerShares || x.CachedPaid != x.LedgerPaid)
            .Take(1000).ToListAsync(cancellationToken);
        var uncached = await db.LedgerEntries
            .Where(e => !db.Holdings.Any(h => h.MemberId == e.MemberId && h.ShareClassId == e.ShareClassId))
            .GroupBy(e => new { e.MemberId, e.ShareClassId })
            .Select(g => new { g.Key.MemberId, g.Key.ShareClassId, CachedShares = 0L, LedgerShares = g.Sum(e => e.Shares), CachedPaid = 0L, LedgerPaid = g.Sum(e => e.AmountPaidPence) })
            .Where(x => x.LedgerShares != 0 || x.LedgerPaid != 0)
            .Take(1000).ToListAsync(cancellationToken);
        var all = cachedWrong.Concat(uncached).ToList();
        var numbers = await db.Members.Where(m => all.Select(a => a.MemberId).Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.MemberNumber, cancellationToken);
        return all.Select(a => new HoldingDiscrepancy(a.MemberId, numbers.GetValueOrDefault(a.MemberId), a.ShareClassId, a.CachedShares, a.LedgerShares, a.CachedPaid, a.LedgerPaid))
            .OrderBy(d => d.MemberNumber).ToList();
    }

    private static IEnumerable<string> Changed(MemberSnapshot a, MemberSnapshot b)
    {
        if (a.Name != b.Name)
        {
            yield return "name";
        }

        if (a.Address != b.Address || a.Postcode != b.Postcode || a.Country != b.Country)
        {
            yield return "address";
        }

        if (a.Email != b.Email)
        {
            yield return "e-mail address";
        }

        if (a.NoticesByEmail != b.NoticesByEmail)
        {
            yield return "notices by e-mail";
        }

        if (a.Phone != b.Phone)
        {
            yield return "phone";
        }

        if (a.DateOfBirth != b.DateOfBirth)
        {
            yield return "date of birth";
        }

        if (a.MarketingConsent != b.MarketingConsent)
        {
            yield return "marketing consent";
        }

        if (a.RepresentativeName != b.RepresentativeName || a.RepresentedBody != b.RepresentedBody || a.RepresentedBodyAddress != b.RepresentedBodyAddress
            || a.OrganisationNumber != b.OrganisationNumber || !a.JointHolders.SequenceEqual(b.JointHolders))
        {
            yield return "representation";
        }
    }

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: "23505" };
}
