using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CoopRegister.Data;
using CoopRegister.Data.Identity;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;
using CoopRegister.Features.Access;
using CoopRegister.Features.Accounts;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Certificates;
using CoopRegister.Features.Mail;
using CoopRegister.Features.Members;
using CoopRegister.Features.Shares;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Features.Registration;

/// <summary>
/// Joining and buying shares: the public application, the applicant's status page, and the registrar's queue
/// (record payments, decide likely matches, allot in batches, refuse). Allotment admits new members with gap-free
/// member numbers, writes the ledger and the holdings, invites each new member to create a login, and audits it all,
/// in one transaction per batch.
/// </summary>
public sealed class ApplicationService(
    IServiceScopeFactory scopes,
    IDbContextFactory<RegisterDbContext> contexts,
    IMailSender mail,
    TimeProvider clock)
{
    public const string StatusPath = "apply/status";
    private const string ReferenceAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The share classes a reader may apply for, with their rules, for the join page.</summary>
    public async Task<JoinTerms?> GetJoinTermsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var society = await db.Societies.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (society is null)
        {
            return null;
        }

        var classes = await db.ShareClasses.AsNoTracking().Where(c => c.Active).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return new JoinTerms(society.Details, classes.Select(c => new ShareClassTerms(
            c.Id, c.Code, c.Name, c.NominalValue, c.MinimumHoldingShares, c.ConfersMembership, c.Withdrawable, c.Transferable,
            HoldingRules.CapFor(MemberKind.Individual, c, society.Details), c.AllowedKinds)).ToList());
    }

    /// <summary>A reader's application from the public join page (no login). Mails the confirmation with the status link.</summary>
    public async Task<SubmittedApplication> SubmitAsync(ApplicationForm form, Uri siteBase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(siteBase);
        var instalment = ParseInstalment(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var society = await RequireSocietyAsync(db, cancellationToken);
        var shareClass = await FindClassAsync(db, form.ShareClassId, cancellationToken);
        var secret = NewSecret();
        var application = ShareApplication.Submit(await NewReferenceAsync(db, cancellationToken), Hash(secret), form.ToDetails(), form.MarketingConsent,
            shareClass, form.Shares, form.PaymentMethod, instalment, form.DeclarationsAccepted, null, 0, society.Details, Today, Now, "the applicant");
        // The application and its audit event commit together (the event needs the application's key).
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Applications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        AuditTrail.Add(db, Actor.Anonymous with { Name = "public join page" }, Now, "application.submitted", "Application", Id(application.Id),
            $"Application {application.Reference} from {application.Applicant.RegisterName} for {application.SharesRequested} shares.", null,
            new { application.Reference, application.Applicant.Name, application.SharesRequested, application.AmountPence, Method = application.PaymentMethod.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return await ConfirmAsync(application, society, secret, siteBase, cancellationToken);
    }

    /// <summary>A member buying more shares from their portal: the same flow, to their own record.</summary>
    public async Task<SubmittedApplication> SubmitTopUpAsync(Actor actor, long shares, PaymentMethod method, string instalmentPounds, int? shareClassId,
        Uri siteBase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(siteBase);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var member = await MemberOfAsync(db, actor, cancellationToken);
        var society = await RequireSocietyAsync(db, cancellationToken);
        var shareClass = await FindClassAsync(db, shareClassId ?? 0, cancellationToken);
        var holding = await db.Holdings.Where(h => h.MemberId == member.Id && h.ShareClassId == shareClass.Id).Select(h => (long?)h.Shares).SingleOrDefaultAsync(cancellationToken) ?? 0;
        var pending = await PendingSharesAsync(db, member.Id, shareClass.Id, cancellationToken);
        var instalment = ParseInstalment(new ApplicationForm { PaymentMethod = method, InstalmentPounds = instalmentPounds });
        var secret = NewSecret();
        var application = ShareApplication.Submit(await NewReferenceAsync(db, cancellationToken), Hash(secret), member.Details, member.MarketingConsent, shareClass,
            shares, method, instalment, declarationsAccepted: true, member, holding + pending, society.Details, Today, Now, $"member {member.MemberNumber}");
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Applications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        AuditTrail.Add(db, actor, Now, "application.submitted", "Application", Id(application.Id),
            $"Member {member.MemberNumber} applied for {shares} more shares ({application.Reference}).", null,
            new { application.Reference, application.SharesRequested, application.AmountPence }, member.Id);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return await ConfirmAsync(application, society, secret, siteBase, cancellationToken);
    }

    /// <summary>The applicant's view through their status link, or null when the reference and secret do not match.</summary>
    public async Task<ApplicationStatusView?> GetStatusAsync(string? reference, string? secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reference) || string.IsNullOrWhiteSpace(secret) || reference.Length > 20 || secret.Length > 100)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var application = await db.Applications.AsNoTracking().Include(a => a.Events)
            .SingleOrDefaultAsync(a => a.Reference == reference.Trim().ToUpperInvariant(), cancellationToken);
        if (application is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(application.StatusTokenHash), Encoding.ASCII.GetBytes(Hash(secret))))
        {
            return null;
        }

        var society = await RequireSocietyAsync(db, cancellationToken);
        return new ApplicationStatusView(application.Reference, application.Applicant.RegisterName, application.Status, application.SharesRequested,
            application.AllottedShares, application.Amount, application.Paid, application.PaymentMethod,
            application.InstalmentPence is { } i ? new Money(i) : null, application.ClosedReason,
            application.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new ApplicationStep(e.At, e.By, e.What)).ToList(),
            Instructions(society, application.Reference));
    }

    public async Task<ApplicationPage> ListAsync(Actor actor, ApplicationFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        var q = db.Applications.AsNoTracking();
        if (filter.Status is { } status)
        {
            q = q.Where(a => a.Status == status);
        }
        else if (filter.OpenOnly)
        {
            q = q.Where(a => a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.PartPaid
                             || a.Status == ApplicationStatus.Paid || a.Status == ApplicationStatus.PartAllotted);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim();
            var upper = s.ToUpperInvariant();
            var lower = s.ToLowerInvariant();
#pragma warning disable CA1304, CA1311 // Translated to SQL lower(); never run in .NET, so no culture is involved.
            q = q.Where(a => a.Reference == upper || a.Applicant.Name.ToLower().Contains(lower) || (a.Applicant.Email != null && a.Applicant.Email.ToLower() == lower));
#pragma warning restore CA1304, CA1311
        }

        var total = await q.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(filter.PageSize, 1, 500);
        var rows = await q.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id)
            .Skip(Math.Max(0, filter.Page) * pageSize).Take(pageSize)
            .Select(a => new
            {
                a.Id,
                a.Reference,
                a.Applicant.Name,
                a.Applicant.Kind,
                MemberNumber = db.Members.Where(m => m.Id == a.MemberId).Select(m => (long?)m.MemberNumber).FirstOrDefault(),
                a.SharesRequested,
                a.AmountPence,
                a.PaidPence,
                a.AllottedShares,
                a.NominalValuePence,
                a.PaymentMethod,
                a.Status,
                a.MatchDecision,
                a.SubmittedAt,
                a.MinimumFirstAllotmentShares,
            }).ToListAsync(cancellationToken);
        return new ApplicationPage(rows.Select(r => new ApplicationRow(r.Id, r.Reference, r.Name, r.Kind, r.MemberNumber, r.SharesRequested,
            new Money(r.AmountPence), new Money(r.PaidPence), Allottable(r.Status, r.PaymentMethod, r.SharesRequested, r.AllottedShares, r.PaidPence, r.AmountPence, r.NominalValuePence),
            r.PaymentMethod, r.Status, r.MatchDecision, r.SubmittedAt)).ToList(), total);
    }

    public async Task<ApplicationDetails?> GetAsync(Actor actor, long applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        var a = await db.Applications.AsNoTracking().Include(x => x.Payments).Include(x => x.Events)
            .SingleOrDefaultAsync(x => x.Id == applicationId, cancellationToken);
        if (a is null)
        {
            return null;
        }

        var version = await db.Applications.Where(x => x.Id == applicationId).Select(x => EF.Property<long>(x, RegisterDbContext.VersionProperty)).SingleAsync(cancellationToken);
        var className = await db.ShareClasses.Where(c => c.Id == a.ShareClassId).Select(c => c.Name).SingleAsync(cancellationToken);
        var memberNumber = a.MemberId is { } mid ? await db.Members.Where(m => m.Id == mid).Select(m => (long?)m.MemberNumber).SingleOrDefaultAsync(cancellationToken) : null;
        var matches = a.MemberId is null && a.Status.IsOpen() ? await FindLikelyMatchesAsync(db, a.Applicant, cancellationToken) : [];
        return new ApplicationDetails(a.Id, a.Reference, a.Applicant, a.MarketingConsent, className, a.SharesRequested, new Money(a.NominalValuePence), a.Amount, a.Paid,
            a.AllottedShares, a.AllottableShares, a.PaymentMethod, a.InstalmentPence is { } i ? new Money(i) : null, a.Status, a.MatchDecision, a.MemberId, memberNumber,
            a.ClosedReason, a.SubmittedAt, version,
            a.Payments.OrderBy(p => p.ReceivedOn).ThenBy(p => p.Id).Select(p => new PaymentRow(new Money(p.AmountPence), p.ReceivedOn, p.Method, p.Reference, p.RecordedBy)).ToList(),
            a.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new ApplicationStep(e.At, e.By, e.What)).ToList(),
            matches);
    }

    /// <summary>Records money received against an application.</summary>
    public async Task RecordPaymentAsync(Actor actor, long applicationId, long amountPence, DateOnly receivedOn, PaymentMethod method, string? reference,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        var application = await LoadAsync(db, applicationId, cancellationToken);
        var before = new { Status = application.Status.ToString(), application.PaidPence };
        application.RecordPayment(amountPence, receivedOn, method, reference, Today, Now, actor.Name);
        AuditTrail.Add(db, actor, Now, "application.payment-recorded", "Application", Id(application.Id),
            $"{new Money(amountPence).Format()} received for {application.Reference} on {receivedOn:yyyy-MM-dd} ({method.Describe()}).",
            before, new { Status = application.Status.ToString(), application.PaidPence, Reference = reference }, application.MemberId);
        await SaveAsync(db, application.Reference, cancellationToken);
    }

    /// <summary>The registrar decides whether a likely match is the same person (top-up) or not (new member).</summary>
    public async Task DecideMatchAsync(Actor actor, long applicationId, MatchDecision decision, long? memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        var application = await LoadAsync(db, applicationId, cancellationToken);
        var society = await RequireSocietyAsync(db, cancellationToken);
        var shareClass = await db.ShareClasses.SingleAsync(c => c.Id == application.ShareClassId, cancellationToken);
        Member? member = null;
        long holding = 0;
        if (decision == MatchDecision.TopUpExisting)
        {
            member = memberId is { } id ? await db.Members.SingleOrDefaultAsync(m => m.Id == id, cancellationToken) : null;
            if (member is not null)
            {
                holding = await db.Holdings.Where(h => h.MemberId == member.Id && h.ShareClassId == shareClass.Id).Select(h => (long?)h.Shares).SingleOrDefaultAsync(cancellationToken) ?? 0;
            }
        }

        application.DecideMatch(decision, member, holding, shareClass, society.Details, Now, actor.Name);
        AuditTrail.Add(db, actor, Now, "application.match-decided", "Application", Id(application.Id),
            decision == MatchDecision.TopUpExisting ? $"{application.Reference} matched to member {member!.MemberNumber}." : $"{application.Reference} confirmed as a new member.",
            null, new { Decision = decision.ToString(), MemberNumber = member?.MemberNumber }, member?.Id);
        await SaveAsync(db, application.Reference, cancellationToken);
    }

    public async Task RefuseAsync(Actor actor, long applicationId, string reason, CancellationToken cancellationToken = default) =>
        await CloseAsync(actor, applicationId, reason, refuse: true, cancellationToken);

    public async Task CancelAsync(Actor actor, long applicationId, string reason, CancellationToken cancellationToken = default) =>
        await CloseAsync(actor, applicationId, reason, refuse: false, cancellationToken);

    /// <summary>
    /// Allots a batch of paid applications on one allotment date, as the committee approved them: each becomes a new
    /// member (numbered without gaps) or a top-up of an existing one, with a ledger entry and audit events. All or
    /// nothing: if any application cannot be allotted, nothing is, and the message says which and why.
    /// </summary>
    public async Task<AllotmentResult> AllotAsync(Actor actor, IReadOnlyCollection<long> applicationIds, DateOnly allotmentDate, Uri siteBase,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applicationIds);
        ArgumentNullException.ThrowIfNull(siteBase);
        if (applicationIds.Count == 0)
        {
            throw new DomainException("Choose at least one paid application to allot.");
        }

        var ids = applicationIds.Distinct().ToList();
        var (lines, invitations, loginProblems) = await Retry.OnNumberingConflictAsync(() => AllotOnceAsync(actor, ids, allotmentDate, cancellationToken), cancellationToken);

        // Invitation links are made after the commit: making one may write a data-protection key through another
        // connection, which on SQLite would wait behind this batch's write lock.
        var problems = new List<string>(loginProblems);
        var invited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var invitation in invitations)
        {
            var problem = await SendMemberInvitationAsync(invitation, siteBase, cancellationToken);
            if (problem is null)
            {
                invited.Add(invitation.UserId);
            }
            else
            {
                problems.Add(problem);
            }
        }

        return new AllotmentResult(allotmentDate, lines.Select(l => l with { Invited = l.Invited && invitations.Any(i => i.MemberId == l.MemberId && invited.Contains(i.UserId)) }).ToList(), problems);
    }

    private async Task<(List<AllottedLine> Lines, List<PendingInvitation> Invitations, List<string> LoginProblems)> AllotOnceAsync(Actor actor, List<long> ids, DateOnly allotmentDate,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegisterDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var society = await RequireSocietyAsync(db, cancellationToken);
        var applications = await db.Applications.Include(a => a.Payments).Where(a => ids.Contains(a.Id)).OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var missing = ids.Except(applications.Select(a => a.Id)).ToList();
        if (missing.Count > 0)
        {
            throw new DomainException($"{missing.Count} of the chosen applications no longer exist.");
        }

        var classes = await db.ShareClasses.ToDictionaryAsync(c => c.Id, cancellationToken);
        var errors = new List<RuleViolation>();
        foreach (var a in applications.Where(a => a.MemberId is null && a.MatchDecision == MatchDecision.Undecided))
        {
            var matches = await FindLikelyMatchesAsync(db, a.Applicant, cancellationToken);
            if (matches.Count > 0)
            {
                errors.Add(new(null, $"{a.Reference} ({a.Applicant.Name}) looks like existing member {matches[0].MemberNumber} ({matches[0].Reason}): decide whether it is a top-up or a new member first."));
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        var lines = new List<AllottedLine>();
        var invitations = new List<PendingInvitation>();
        var loginProblems = new List<string>();
        try
        {
            var newMembers = applications.Count(a => a.MemberId is null);
            var nextNumber = newMembers > 0 ? await NumberAllocator.TakeAsync(db, NumberCounter.MemberNumbers, newMembers, cancellationToken) : 0;
            foreach (var a in applications)
            {
                var shareClass = classes[a.ShareClassId];
                long shares;
                try
                {
                    shares = a.Allot(allotmentDate, Today, Now, actor.Name);
                }
                catch (DomainException ex)
                {
                    errors.AddRange(ex.Violations);
                    continue;
                }

                Member member;
                var isNew = a.MemberId is null;
                if (isNew)
                {
                    try
                    {
                        member = Member.Admit(nextNumber++, a.Applicant, a.MarketingConsent, allotmentDate, society.Details, Today, Now);
                    }
                    catch (DomainException ex)
                    {
                        errors.AddRange(ex.Violations.Select(v => v with { Message = $"{a.Reference}: {v.Message}" }));
                        continue;
                    }

                    db.Members.Add(member);
                    await db.SaveChangesAsync(cancellationToken);
                    a.AttachMember(member, Now);
                }
                else
                {
                    member = await db.Members.SingleAsync(m => m.Id == a.MemberId, cancellationToken);
                    if (member.DateCeased is not null)
                    {
                        errors.Add(new(null, $"{a.Reference}: member {member.MemberNumber} ceased on {member.DateCeased:yyyy-MM-dd}; shares cannot be allotted to a former member."));
                        continue;
                    }

                    if (await db.DeathCases.AnyAsync(d => d.MemberId == member.Id && d.SettledOn == null, cancellationToken))
                    {
                        errors.Add(new(null, $"{a.Reference}: member {member.MemberNumber}'s death has been notified; the holding is frozen."));
                        continue;
                    }

                    if (allotmentDate < member.DateEntered)
                    {
                        errors.Add(new("AllotmentDate", $"{a.Reference}: the allotment date is before member {member.MemberNumber} joined ({member.DateEntered:yyyy-MM-dd})."));
                        continue;
                    }
                }

                var holding = await db.Holdings.SingleOrDefaultAsync(h => h.MemberId == member.Id && h.ShareClassId == shareClass.Id, cancellationToken);
                var limits = HoldingRules.CheckAddition(member.Details.Kind, shareClass, society.Details, holding?.Shares ?? 0, shares, becomingMember: isNew);
                if (limits.Count > 0)
                {
                    errors.AddRange(limits.Select(v => v with { Message = $"{a.Reference}: {v.Message}" }));
                    continue;
                }

                if (holding is null)
                {
                    holding = Holding.Empty(member.Id, shareClass.Id);
                    db.Holdings.Add(holding);
                }

                var entry = LedgerEntry.Allotment(member.Id, shareClass.Id, allotmentDate, shares, checked(shares * a.NominalValuePence), a.Reference, a.Id, Now, actor.Name);
                db.LedgerEntries.Add(entry);
                holding.Apply(entry);
                await db.SaveChangesAsync(cancellationToken);
                await CertificateIssuer.OnHoldingChangedAsync(db, entry, holding, shareClass, actor, Now, cancellationToken);
                if (isNew)
                {
                    AuditTrail.Add(db, actor, Now, "member.admitted", "Member", Id(member.Id),
                        $"Member {member.MemberNumber} {member.Details.RegisterName} admitted on {allotmentDate:yyyy-MM-dd} ({a.Reference}).",
                        null, MemberSnapshot.Of(member), member.Id);
                }

                AuditTrail.Add(db, actor, Now, "shares.allotted", "Member", Id(member.Id),
                    $"{ShareApplicationShares(shares)} of {shareClass.Name.ToLowerInvariant()} allotted to member {member.MemberNumber} on {allotmentDate:yyyy-MM-dd} ({a.Reference}).",
                    new { Shares = holding.Shares - shares }, new { Shares = holding.Shares, AmountPaidPence = holding.AmountPaidPence }, member.Id);

                var invited = false;
                if (isNew && member.Details.Email is { } email)
                {
                    // A login that cannot be made (say, the address is another member's login) does not stop the
                    // allotment: the registrar sees why and can invite the member later from their page.
                    try
                    {
                        var invitation = await CreateMemberLoginAsync(db, users, member, email, actor, Now);
                        if (invitation is not null)
                        {
                            invitations.Add(invitation);
                            invited = true;
                        }
                    }
                    catch (DomainException ex)
                    {
                        loginProblems.Add($"Member {member.MemberNumber}: no login was made for {email} ({ex.Message}).");
                    }
                }

                lines.Add(new AllottedLine(a.Id, a.Reference, member.Id, member.MemberNumber, member.Details.RegisterName, shares, isNew, invited));
            }

            if (errors.Count > 0)
            {
                throw new DomainException(errors);
            }

            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);

        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw Conflict(ex, "One of these applications was changed by someone else (perhaps allotted) while you worked. Reload the queue and allot again.");
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // Two allotments took the same member number at once: run this one again with fresh numbers.
            throw new NumberingConflictException("Member numbers were taken by another allotment.", ex);
        }

        return (lines, invitations, loginProblems);
    }

    /// <summary>
    /// A login for a new member, linked to their record, with no password until they accept the invitation. One login per
    /// member: if the address already belongs to a login without a member, that login gains the member's portal.
    /// </summary>
    private static async Task<PendingInvitation?> CreateMemberLoginAsync(RegisterDbContext db, UserManager<ApplicationUser> users, Member member, string email,
        Actor actor, DateTime now)
    {
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            if (existing.MemberId is null)
            {
                existing.MemberId = member.Id;
                AccountRules.ThrowOnFailure(await users.UpdateAsync(existing), null);
                AccountRules.ThrowOnFailure(await users.AddToRoleAsync(existing, Roles.Member), null);
                AuditTrail.Add(db, actor, now, "member.login-linked", "Member", Id(member.Id),
                    $"Existing login {email} now also opens member {member.MemberNumber}'s portal.", memberId: member.Id);
                return null;
            }

            var other = await db.Members.Where(m => m.Id == existing.MemberId).Select(m => m.MemberNumber).SingleOrDefaultAsync();
            throw new DomainException("Email", $"the address is already the login of member {other}; a member's login needs an address of its own");
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            DisplayName = member.Details.Name,
            MemberId = member.Id,
            CreatedAt = member.CreatedAt,
            InvitedAt = member.CreatedAt,
            InvitedBy = actor.Name,
            LockoutEnabled = true,
        };
        AccountRules.ThrowOnFailure(await users.CreateAsync(user), "Email");
        AccountRules.ThrowOnFailure(await users.AddToRoleAsync(user, Roles.Member), null);
        return new PendingInvitation(user.Id, email, member.Details.Name, member.Id, member.MemberNumber);
    }

    private async Task<string?> SendMemberInvitationAsync(PendingInvitation invitation, Uri siteBase, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(invitation.UserId);
        if (user is null)
        {
            return $"Member {invitation.MemberNumber}: the login was not found.";
        }

        var link = await MemberInvitations.LinkAsync(users, user, siteBase);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var society = await db.Societies.AsNoTracking().Select(s => s.Details.RegisteredName).SingleAsync(cancellationToken);
        try
        {
            await mail.SendAsync(MemberInvitations.Mail(invitation.Email, invitation.Name, invitation.MemberNumber, society, link), cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpCommandException
                                      or MailKit.Net.Smtp.SmtpProtocolException or System.Net.Sockets.SocketException or MailKit.Security.AuthenticationException)
        {
            return $"Member {invitation.MemberNumber}: the invitation e-mail to {invitation.Email} could not be sent ({ex.Message}); send it again from the member's page.";
        }
    }

    private async Task CloseAsync(Actor actor, long applicationId, string reason, bool refuse, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        var application = await LoadAsync(db, applicationId, cancellationToken);
        var before = application.Status.ToString();
        if (refuse)
        {
            application.Refuse(reason, Now, actor.Name);
        }
        else
        {
            application.Cancel(reason, Now, actor.Name);
        }

        AuditTrail.Add(db, actor, Now, refuse ? "application.refused" : "application.cancelled", "Application", Id(application.Id),
            $"{application.Reference} {(refuse ? "refused" : "cancelled")}: {application.ClosedReason}", new { Status = before },
            new { Status = application.Status.ToString(), Reason = application.ClosedReason }, application.MemberId);
        await SaveAsync(db, application.Reference, cancellationToken);
    }

    /// <summary>
    /// Existing members who may be the applicant: the same e-mail address, or the same name with the same date of birth
    /// or postcode. Each is an index lookup on the search keys.
    /// </summary>
    internal static async Task<IReadOnlyList<LikelyMatch>> FindLikelyMatchesAsync(RegisterDbContext db, PersonDetails applicant, CancellationToken cancellationToken)
    {
        var nameKey = SearchKeys.Name(applicant.Name);
        var emailKey = SearchKeys.Email(applicant.Email);
        var postcodeKey = SearchKeys.Postcode(applicant.Postcode);
        var dob = applicant.DateOfBirth;
        var candidates = await db.Members.AsNoTracking()
            .Where(m => (emailKey != "" && m.EmailKey == emailKey)
                        || (m.NameKey == nameKey && ((dob != null && m.Details.DateOfBirth == dob) || (postcodeKey != "" && m.PostcodeKey == postcodeKey))))
            .OrderBy(m => m.MemberNumber)
            .Take(10)
            .Select(m => new { m.Id, m.MemberNumber, m.Details.Name, m.Details.Postcode, m.Details.Email, m.Details.DateOfBirth, m.EmailKey, m.NameKey, m.PostcodeKey, m.DateCeased })
            .ToListAsync(cancellationToken);
        return candidates.Select(m => new LikelyMatch(m.Id, m.MemberNumber, m.Name, m.Postcode, m.Email, m.DateOfBirth,
            emailKey != "" && m.EmailKey == emailKey ? "same e-mail address"
            : dob is not null && m.DateOfBirth == dob ? "same name and date of birth"
            : "same name and postcode", m.DateCeased is not null)).ToList();
    }

    private static long Allottable(ApplicationStatus status, PaymentMethod method, long requested, long allotted, long paid, long amount, long nominal)
    {
        if (!status.IsOpen())
        {
            return 0;
        }

        var remaining = requested - allotted;
        return method != PaymentMethod.StandingOrder ? (paid >= amount ? remaining : 0) : Math.Min(remaining, (paid - (allotted * nominal)) / nominal);
    }

    private async Task<SubmittedApplication> ConfirmAsync(ShareApplication application, RegisteredSociety society, string secret, Uri siteBase, CancellationToken cancellationToken)
    {
        var link = new Uri(siteBase, $"{StatusPath}/{application.Reference}?key={Uri.EscapeDataString(secret)}").ToString();
        var instructions = Instructions(society, application.Reference);
        var mailed = false;
        if (application.Applicant.Email is { } email)
        {
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $"Dear {application.Applicant.Name},\n\n");
            body.Append(CultureInfo.InvariantCulture, $"Thank you for applying for {ShareApplicationShares(application.SharesRequested)} in {society.Details.RegisteredName} ({application.Amount.Format()}).\n");
            body.Append(CultureInfo.InvariantCulture, $"Your reference is {application.Reference}.\n\n");
            body.Append(PaymentText(application, instructions));
            body.Append(CultureInfo.InvariantCulture, $"\nFollow your application here (keep this link private):\n{link}\n\n");
            body.Append("When the committee allots your shares you will receive a second e-mail inviting you to create your login.\n");
            try
            {
                await mail.SendAsync(new OutgoingMail(email, application.Applicant.Name, $"Your application {application.Reference} to {society.Details.RegisteredName}", body.ToString()), cancellationToken);
                mailed = true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpCommandException
                                          or MailKit.Net.Smtp.SmtpProtocolException or System.Net.Sockets.SocketException or MailKit.Security.AuthenticationException)
            {
                mailed = false;
            }
        }

        return new SubmittedApplication(application.Id, application.Reference, link, application.Amount, application.SharesRequested, application.PaymentMethod,
            application.InstalmentPence is { } i ? new Money(i) : null, instructions, mailed);
    }

    private static string PaymentText(ShareApplication application, PaymentInstructions p) => application.PaymentMethod switch
    {
        PaymentMethod.BankTransfer => $"Please pay {application.Amount.Format()} by bank transfer to:\n  {p.AccountName}\n  Sort code {p.SortCode}, account {p.AccountNumber}\n  Reference: {p.Reference}\n",
        PaymentMethod.StandingOrder => $"Please set up a monthly standing order of {new Money(application.InstalmentPence ?? 0).Format()} to:\n  {p.AccountName}\n  Sort code {p.SortCode}, account {p.AccountNumber}\n  Reference: {p.Reference}\nYour membership starts when the minimum holding is fully paid.\n",
        PaymentMethod.Cheque => $"Please send a cheque for {application.Amount.Format()} payable to {p.PayeeName}, writing {p.Reference} on the back, to:\n  {p.SocietyAddress.Replace("\n", "\n  ", StringComparison.Ordinal)}\n",
        _ => $"Please pay {application.Amount.Format()} quoting {p.Reference}.\n",
    };

    private static PaymentInstructions Instructions(RegisteredSociety society, string reference) => new(
        society.Details.BankAccountName.Length > 0 ? society.Details.BankAccountName : society.Details.RegisteredName,
        society.Details.BankSortCode, society.Details.BankAccountNumber, reference, society.Details.RegisteredName, society.Details.RegisteredOffice);

    private static async Task<ShareApplication> LoadAsync(RegisterDbContext db, long id, CancellationToken cancellationToken) =>
        await db.Applications.Include(a => a.Payments).Include(a => a.Events).SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
        ?? throw new DomainException("This application no longer exists.");

    private static async Task SaveAsync(RegisterDbContext db, string reference, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw Conflict(ex, $"Application {reference} was changed by someone else while you worked on it. Reload it to see the change, then try again.");
        }
    }

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: "23505" };

    private static Exception Conflict(DbUpdateConcurrencyException ex, string message) =>
        ex.Entries.All(e => e.Entity is NumberCounter) ? new NumberingConflictException("Member numbers were taken by another allotment.", ex) : new ConflictException(message, ex);

    private static async Task<RegisteredSociety> RequireSocietyAsync(RegisterDbContext db, CancellationToken cancellationToken) =>
        await db.Societies.AsNoTracking().SingleOrDefaultAsync(cancellationToken)
        ?? throw new DomainException("The register has not been set up yet.");

    private static async Task<ShareClass> FindClassAsync(RegisterDbContext db, int shareClassId, CancellationToken cancellationToken)
    {
        var c = shareClassId > 0
            ? await db.ShareClasses.AsNoTracking().SingleOrDefaultAsync(x => x.Id == shareClassId, cancellationToken)
            : await db.ShareClasses.AsNoTracking().SingleOrDefaultAsync(x => x.Code == ShareClass.OrdinaryCode, cancellationToken);
        return c ?? throw new DomainException("ShareClass", "Choose a class of shares that is on offer.");
    }

    internal static async Task<Member> MemberOfAsync(RegisterDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        var memberId = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.MemberId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new AccessDeniedException("Your login is not linked to a member record.");
        return await db.Members.SingleAsync(m => m.Id == memberId, cancellationToken);
    }

    private static async Task<long> PendingSharesAsync(RegisterDbContext db, long memberId, int shareClassId, CancellationToken cancellationToken) =>
        await db.Applications.Where(a => a.MemberId == memberId && a.ShareClassId == shareClassId
                                         && (a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.PartPaid || a.Status == ApplicationStatus.Paid || a.Status == ApplicationStatus.PartAllotted))
            .SumAsync(a => a.SharesRequested - a.AllottedShares, cancellationToken);

    private static long? ParseInstalment(ApplicationForm form)
    {
        if (form.PaymentMethod != PaymentMethod.StandingOrder)
        {
            return null;
        }

        return Money.TryParsePounds(form.InstalmentPounds, out var m)
            ? m.Pence
            : throw new DomainException("Instalment", $"Monthly amount: '{form.InstalmentPounds}' is not an amount in pounds (for example 5.00).");
    }

    private async Task<string> NewReferenceAsync(RegisterDbContext db, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var chars = new char[6];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = ReferenceAlphabet[RandomNumberGenerator.GetInt32(ReferenceAlphabet.Length)];
            }

            var reference = "SH-" + new string(chars);
            if (!await db.Applications.AnyAsync(a => a.Reference == reference, cancellationToken))
            {
                return reference;
            }
        }

        throw new InvalidOperationException("Could not find a free application reference.");
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string ShareApplicationShares(long n) => n == 1 ? "1 share" : $"{n.ToString("#,##0", CultureInfo.InvariantCulture)} shares";
}

/// <summary>A new member's login waiting for its invitation e-mail.</summary>
internal sealed record PendingInvitation(string UserId, string Email, string Name, long MemberId, long MemberNumber);

/// <summary>The society and the classes a reader may buy, for the join page.</summary>
public sealed record JoinTerms(SocietyDetails Society, IReadOnlyList<ShareClassTerms> Classes);

public sealed record ShareClassTerms(int Id, string Code, string Name, Money NominalValue, int MinimumHoldingShares, bool ConfersMembership,
    bool Withdrawable, bool Transferable, Money? IndividualCap, int AllowedKinds);
