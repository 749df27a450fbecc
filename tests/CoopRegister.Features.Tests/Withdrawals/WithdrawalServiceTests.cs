using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Certificates;
using CoopRegister.Domain.Estates;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Withdrawals;
using CoopRegister.Features.Access;
using CoopRegister.Features.Certificates;
using CoopRegister.Features.Members;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Society;
using CoopRegister.Features.Tests.Infrastructure;
using CoopRegister.Features.Withdrawals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Withdrawals;

public abstract class WithdrawalServiceTests(DatabaseProvider provider) : RegisterTest(provider)
{
    private WithdrawalService Withdrawals => Host.Get<WithdrawalService>();

    private WithdrawalSettingsService Settings => Host.Get<WithdrawalSettingsService>();

    private ApplicationService Applications => Host.Get<ApplicationService>();

    private DateOnly Today => DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime);

    private Actor Admin { get; set; } = Actor.Anonymous;

    private async Task<Actor> RegistrarAsync()
    {
        Admin = await Host.SetUpSocietyAsync();
        return await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
    }

    private async Task<long> AdmitAsync(Actor registrar, ApplicationForm form)
    {
        var s = await Applications.SubmitAsync(form, Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
        return (await Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel)).Lines.Single().MemberId;
    }

    private async Task<Actor> MemberLoginAsync(long memberId)
    {
        await using var db = Host.NewContext();
        var user = await db.Users.SingleAsync(u => u.MemberId == memberId, Cancel);
        user.EmailConfirmed = true;
        await db.SaveChangesAsync(Cancel);
        return await Host.ActorForAsync(user.Email!);
    }

    private async Task<(Actor Registrar, long MemberId, Actor Member, int Ordinary)> MemberWithSharesAsync(long shares = 50)
    {
        var registrar = await RegistrarAsync();
        var memberId = await AdmitAsync(registrar, Individual(shares: shares));
        var member = await MemberLoginAsync(memberId);
        await using var db = Host.NewContext();
        var ordinary = await db.ShareClasses.Where(c => c.Code == ShareClass.OrdinaryCode).Select(c => c.Id).SingleAsync(Cancel);
        return (registrar, memberId, member, ordinary);
    }

    private async Task<WithdrawalView> OneAsync(Actor registrar, long id) =>
        (await Withdrawals.GetQueueAsync(registrar, Cancel)).Lines.Select(l => l.Request).SingleOrDefault(r => r.Id == id)
        ?? (await Withdrawals.GetQueueAsync(registrar, Cancel)).RecentlyClosed.Single(r => r.Id == id);

    private async Task ApproveAsync(Actor registrar, params long[] ids)
    {
        var queue = await Withdrawals.GetQueueAsync(registrar, Cancel);
        await Withdrawals.DecideAsync(registrar, queue.Lines.Where(l => ids.Contains(l.Request.Id)).Select(l => new WithdrawalRef(l.Request.Id, l.Request.Version)).ToList(),
            WithdrawalStatus.Approved, Today, "BM 2027/03 item 4", null, Cancel);
    }

    private async Task<WithdrawalPaid> PayAsync(Actor registrar, long id, long amountPence)
    {
        var w = await OneAsync(registrar, id);
        return await Withdrawals.PayAsync(registrar, new WithdrawalRef(w.Id, w.Version), Today, amountPence, "Bank transfer", "FP-1234", Cancel);
    }

    private async Task<List<string>> AuditActionsAsync()
    {
        await using var db = Host.NewContext();
        return await db.AuditEvents.Where(e => e.SubjectType == "Withdrawal").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Cancel);
    }

    [Fact]
    public async Task A_notice_from_the_portal_is_dated_today_and_can_be_paid_after_the_notice_period_in_the_settings()
    {
        var (registrar, _, member, ordinary) = await MemberWithSharesAsync();
        var society = (await Host.Get<SocietyService>().GetAsync(Cancel))!;
        await Host.Get<SocietyService>().UpdateAsync(Admin, society.Details with { WithdrawalNoticeDays = 30 }, society.Version, Cancel);

        var given = await Withdrawals.GiveNoticeAsync(member, ordinary, 20, Cancel);

        Assert.Equal(Today.AddDays(30), given.EarliestPayoutOn);
        Assert.Null(given.Suspension);
        Assert.False(given.EndsMembership);
        var mine = (await Withdrawals.GetMineAsync(member, Cancel))!;
        var notice = Assert.Single(mine.Notices);
        Assert.Equal((Today, NoticeSource.Portal, WithdrawalStatus.Pending, 20L), (notice.NoticeGivenOn, notice.Source, notice.Status, notice.Shares));
        Assert.Equal(30, mine.NoticeDays);
        Assert.Equal(30, Assert.Single(mine.Holdings).Available);

        await ApproveAsync(registrar, given.Id);
        var early = await Assert.ThrowsAsync<DomainException>(() => PayAsync(registrar, given.Id, 20_00));
        Assert.Contains($"notice period runs to {Today.AddDays(30):yyyy-MM-dd}", early.Message, StringComparison.Ordinal);
        Host.Clock.Advance(TimeSpan.FromDays(30));
        await PayAsync(registrar, given.Id, 20_00);
        Assert.Equal(["withdrawal.notice-given", "withdrawal.approved", "withdrawal.paid"], await AuditActionsAsync());
    }

    [Fact]
    public async Task A_written_notice_is_dated_when_it_was_received_and_a_notice_cannot_claim_more_than_the_holding()
    {
        var (registrar, memberId, member, ordinary) = await MemberWithSharesAsync();
        Host.Clock.Advance(TimeSpan.FromDays(10));

        var written = await Withdrawals.RecordWrittenNoticeAsync(registrar, memberId, ordinary, 30, Today.AddDays(-4), Cancel);

        Assert.Equal(Today.AddDays(-4).AddDays(90), written.EarliestPayoutOn);
        var future = await Assert.ThrowsAsync<DomainException>(() => Withdrawals.RecordWrittenNoticeAsync(registrar, memberId, ordinary, 1, Today.AddDays(1), Cancel));
        Assert.Contains("in the future", future.Message, StringComparison.Ordinal);

        // 30 of the 50 are already under notice: never more than the holding, never below zero.
        var tooMany = await Assert.ThrowsAsync<DomainException>(() => Withdrawals.GiveNoticeAsync(member, ordinary, 21, Cancel));
        Assert.Contains("at most 20 shares can be withdrawn", tooMany.Message, StringComparison.Ordinal);
        Assert.Equal(NoticeSource.WrittenNotice, (await OneAsync(registrar, written.Id)).Source);
    }

    [Fact]
    public async Task A_member_under_16_cannot_give_notice()
    {
        var registrar = await RegistrarAsync();
        var society = (await Host.Get<SocietyService>().GetAsync(Cancel))!;
        await Host.Get<SocietyService>().UpdateAsync(Admin, society.Details with { MinimumAge = null }, society.Version, Cancel);
        var child = Individual("Cerys Ap Hywel", "cerys@example.org", shares: 10);
        child.DateOfBirth = Today.AddYears(-12);
        var childId = await AdmitAsync(registrar, child);
        var childLogin = await MemberLoginAsync(childId);
        var ordinary = (await Withdrawals.GetMineAsync(childLogin, Cancel))!.Holdings.Single().ShareClassId;

        var ex = await Assert.ThrowsAsync<DomainException>(() => Withdrawals.GiveNoticeAsync(childLogin, ordinary, 5, Cancel));
        Assert.Contains("under 16 cannot withdraw", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is 12", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DomainException>(() => Withdrawals.RecordWrittenNoticeAsync(registrar, childId, ordinary, 5, Today, Cancel));
        Assert.Contains("under 16", (await Withdrawals.GetMineAsync(childLogin, Cancel))!.CannotGiveNotice, StringComparison.Ordinal);
        await using var db = Host.NewContext();
        Assert.Equal(0, await db.Withdrawals.CountAsync(Cancel));
    }

    [Fact]
    public async Task During_a_suspension_notice_is_still_given_and_the_member_told_but_nothing_is_approved_or_paid()
    {
        var (registrar, _, member, ordinary) = await MemberWithSharesAsync();
        var before = await Withdrawals.GiveNoticeAsync(member, ordinary, 10, Cancel);
        await ApproveAsync(registrar, before.Id);
        await Settings.DeclareSuspensionAsync(Admin, Today, Today.AddDays(200), "The society is rebuilding its reserves after the printing press repair", "BM 2026/11 item 2", Cancel);

        var during = await Withdrawals.GiveNoticeAsync(member, ordinary, 5, Cancel);

        Assert.NotNull(during.Suspension);
        Assert.Contains("printing press", during.Suspension!.Reason, StringComparison.Ordinal);
        Assert.NotNull((await Withdrawals.GetMineAsync(member, Cancel))!.Suspension);
        var approve = await Assert.ThrowsAsync<DomainException>(() => ApproveAsync(registrar, during.Id));
        Assert.Contains("suspended withdrawals", approve.Message, StringComparison.Ordinal);
        Host.Clock.Advance(TimeSpan.FromDays(91));
        var pay = await Assert.ThrowsAsync<DomainException>(() => PayAsync(registrar, before.Id, 10_00));
        Assert.Contains("no withdrawal can be paid", pay.Message, StringComparison.Ordinal);

        // The board may still defer while suspended; once it lifts the suspension, approval and payment go ahead.
        var w = await OneAsync(registrar, during.Id);
        await Withdrawals.DecideAsync(registrar, [new(w.Id, w.Version)], WithdrawalStatus.Deferred, Today, "BM 2027/02 item 3", "until the suspension ends", Cancel);
        var settings = await Settings.GetAsync(Admin, Cancel);
        var suspension = Assert.Single(settings.Suspensions);
        await Settings.EndSuspensionAsync(Admin, suspension.Id, suspension.Version, Today.AddDays(-1), Cancel);
        await ApproveAsync(registrar, during.Id);
        await PayAsync(registrar, before.Id, 10_00);
        Assert.Equal(WithdrawalStatus.Paid, (await OneAsync(registrar, before.Id)).Status);
    }

    [Fact]
    public async Task The_queue_is_in_notice_order_with_a_running_total_against_the_budget_and_approval_beyond_it_is_refused()
    {
        var registrar = await RegistrarAsync();
        var ids = new List<long>();
        var ordinary = 0;
        foreach (var (name, email, shares) in new[] { ("Aoife Ní Bhriain", "aoife@example.org", 30L), ("Bryn Williams", "bryn@example.org", 50L), ("Łukasz Żółkiewski", "lukasz@example.org", 40L) })
        {
            var memberId = await AdmitAsync(registrar, Individual(name, email, shares: 60));
            ordinary = (await Withdrawals.GetMineAsync(await MemberLoginAsync(memberId), Cancel))!.Holdings.Single().ShareClassId;
            ids.Add((await Withdrawals.RecordWrittenNoticeAsync(registrar, memberId, ordinary, shares, Today, Cancel)).Id);
            Host.Clock.Advance(TimeSpan.FromDays(1));
        }

        await Settings.SetBudgetAsync(Admin, Today.AddDays(-10), Today.AddDays(180), 100_00, "BM 2026/11 item 5", Cancel);
        var overlap = await Assert.ThrowsAsync<DomainException>(() => Settings.SetBudgetAsync(Admin, Today, Today.AddDays(10), 1_00, "BM x", Cancel));
        Assert.Contains("already covers part of this period", overlap.Message, StringComparison.Ordinal);

        var queue = await Withdrawals.GetQueueAsync(registrar, Cancel);
        Assert.Equal(ids, queue.Lines.Select(l => l.Request.Id));
        Assert.Equal([30_00L, 80_00L, 120_00L], queue.Lines.Select(l => l.RunningTotal.Pence));
        Assert.Equal([false, false, true], queue.Lines.Select(l => l.OverBudget));
        Assert.Equal(new Money(100_00), queue.Budget!.Amount);

        var all = await Assert.ThrowsAsync<DomainException>(() => ApproveAsync(registrar, [.. ids]));
        Assert.Contains("would exceed it by £20.00", all.Message, StringComparison.Ordinal);
        await ApproveAsync(registrar, ids[0], ids[1]);
        Host.Clock.Advance(TimeSpan.FromDays(91));
        await PayAsync(registrar, ids[0], 30_00);

        queue = await Withdrawals.GetQueueAsync(registrar, Cancel);
        Assert.Equal(new Money(30_00), queue.PaidInPeriod);
        Assert.Equal(new Money(50_00), queue.ApprovedUnpaid);
        Assert.Equal([80_00L, 120_00L], queue.Lines.Select(l => l.RunningTotal.Pence));
        await Assert.ThrowsAsync<DomainException>(() => ApproveAsync(registrar, ids[2]));
    }

    [Fact]
    public async Task The_board_approves_defers_or_refuses_with_its_minutes_and_a_refused_request_cannot_be_paid()
    {
        var (registrar, memberId, member, ordinary) = await MemberWithSharesAsync();
        var a = await Withdrawals.GiveNoticeAsync(member, ordinary, 10, Cancel);
        var b = await Withdrawals.RecordWrittenNoticeAsync(registrar, memberId, ordinary, 15, Today, Cancel);
        var queue = await Withdrawals.GetQueueAsync(registrar, Cancel);
        var batch = queue.Lines.Select(l => new WithdrawalRef(l.Request.Id, l.Request.Version)).ToList();

        var noMinutes = await Assert.ThrowsAsync<DomainException>(() => Withdrawals.DecideAsync(registrar, batch, WithdrawalStatus.Deferred, Today, " ", null, Cancel));
        Assert.Contains("minutes", noMinutes.Message, StringComparison.Ordinal);
        await Withdrawals.DecideAsync(registrar, batch, WithdrawalStatus.Deferred, Today, "BM 2026/11 item 7", "to the next budget period", Cancel);
        Assert.All((await Withdrawals.GetQueueAsync(registrar, Cancel)).Lines, l => Assert.Equal(WithdrawalStatus.Deferred, l.Request.Status));

        // A stale batch (the versions before the deferral) changes nothing.
        await Assert.ThrowsAsync<ConflictException>(() => Withdrawals.DecideAsync(registrar, batch, WithdrawalStatus.Refused, Today, "BM 2026/11 item 8", null, Cancel));

        await ApproveAsync(registrar, a.Id);
        var vb = await OneAsync(registrar, b.Id);
        await Withdrawals.DecideAsync(registrar, [new(vb.Id, vb.Version)], WithdrawalStatus.Refused, Today, "BM 2026/12 item 1", "reserves too low", Cancel);

        var refused = await OneAsync(registrar, b.Id);
        Assert.Equal((WithdrawalStatus.Refused, "BM 2026/12 item 1", (DateOnly?)Today), (refused.Status, refused.DecisionMinutes, refused.DecidedOn));
        Assert.Contains(refused.Steps, s => s.What.Contains("refused (minutes BM 2026/12 item 1): reserves too low", StringComparison.Ordinal));
        Host.Clock.Advance(TimeSpan.FromDays(91));
        var ex = await Assert.ThrowsAsync<DomainException>(() => Withdrawals.PayAsync(registrar, new(refused.Id, refused.Version), Today, 15_00, "Cheque", null, Cancel));
        Assert.Contains("this one is refused", ex.Message, StringComparison.Ordinal);
        Assert.Equal(WithdrawalStatus.Approved, (await OneAsync(registrar, a.Id)).Status);
        Assert.Equal(["withdrawal.notice-given", "withdrawal.notice-given", "withdrawal.deferred", "withdrawal.deferred", "withdrawal.approved", "withdrawal.refused"],
            await AuditActionsAsync());
    }

    [Fact]
    public async Task Paying_a_partial_withdrawal_writes_the_ledger_reduces_the_holding_and_issues_a_balance_certificate()
    {
        var (registrar, memberId, member, ordinary) = await MemberWithSharesAsync();
        var given = await Withdrawals.GiveNoticeAsync(member, ordinary, 20, Cancel);
        await ApproveAsync(registrar, given.Id);
        Host.Clock.Advance(TimeSpan.FromDays(90));

        var tooMuch = await Assert.ThrowsAsync<DomainException>(() => PayAsync(registrar, given.Id, 20_01));
        Assert.Contains("at most the shares' nominal value, £20.00", tooMuch.Message, StringComparison.Ordinal);
        var paid = await PayAsync(registrar, given.Id, 20_00);

        Assert.Equal(30, paid.SharesLeft);
        Assert.Null(paid.MemberCeasedOn);
        var details = (await Host.Get<MemberService>().GetAsync(registrar, memberId, Cancel))!;
        Assert.Equal(30, details.Holdings.Single().Shares);
        Assert.Equal(new Money(30_00), details.Holdings.Single().AmountPaid);
        var entry = Assert.Single(details.Ledger, l => l.Kind == LedgerEntryKind.Withdrawal);
        Assert.Equal((-20L, Today, paid.LedgerEntryId), (entry.Shares, entry.EffectiveDate, entry.Id));
        var certificates = await Host.Get<CertificateService>().ListForMemberAsync(registrar, memberId, Cancel);
        var balance = Assert.Single(certificates, c => c.Status == CertificateStatus.Issued);
        Assert.Equal((30L, (long?)balance.Number), (balance.Shares, paid.BalanceCertificateNumber));
        Assert.Contains(certificates, c => c.Status == CertificateStatus.Superseded && c.Shares == 50);
        var view = (await Withdrawals.GetMineAsync(member, Cancel))!.Notices.Single();
        Assert.Equal((WithdrawalStatus.Paid, (DateOnly?)Today, "Bank transfer", "FP-1234"), (view.Status, view.PaidOn, view.PaymentMethod, view.PaymentReference));
        Assert.Null((await Host.Get<MemberService>().GetAsync(registrar, memberId, Cancel))!.DateCeased);
    }

    [Fact]
    public async Task A_full_withdrawal_ends_the_membership_below_the_minimum_and_the_final_statement_shows_it()
    {
        var (registrar, memberId, member, ordinary) = await MemberWithSharesAsync();
        var given = await Withdrawals.GiveNoticeAsync(member, ordinary, 50, Cancel);
        Assert.True(given.EndsMembership);
        await ApproveAsync(registrar, given.Id);
        Host.Clock.Advance(TimeSpan.FromDays(95));

        var paid = await PayAsync(registrar, given.Id, 50_00);

        Assert.Equal((0L, (DateOnly?)Today, (long?)null), (paid.SharesLeft, paid.MemberCeasedOn, paid.BalanceCertificateNumber));
        await using (var db = Host.NewContext())
        {
            var m = await db.Members.SingleAsync(x => x.Id == memberId, Cancel);
            Assert.Equal(((DateOnly?)Today, (CessationKind?)CessationKind.BelowMinimum), (m.DateCeased, m.CeasedKind));
            Assert.Equal(0, (await db.Holdings.SingleAsync(h => h.MemberId == memberId, Cancel)).Shares);
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "member.ceased" && e.MemberId == memberId, Cancel));
        }

        Assert.All(await Host.Get<CertificateService>().ListForMemberAsync(registrar, memberId, Cancel), c => Assert.NotEqual(CertificateStatus.Issued, c.Status));
        var mine = (await Withdrawals.GetMineAsync(member, Cancel))!;
        Assert.Equal(paid.FinalStatementYear, mine.FinalStatementYear);
        Assert.NotNull(mine.CannotGiveNotice);
        var statement = await Host.Get<StatementService>().RenderMineAsync(member, mine.FinalStatementYear, Cancel);
        Assert.NotNull(statement);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(statement.Value.Pdf, 0, 4), StringComparison.Ordinal);
        var again = await Assert.ThrowsAsync<DomainException>(() => Withdrawals.RecordWrittenNoticeAsync(registrar, memberId, ordinary, 1, Today, Cancel));
        Assert.Contains("ceased", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payment_that_would_take_the_holding_below_zero_is_refused()
    {
        var (registrar, memberId, member, ordinary) = await MemberWithSharesAsync();
        var given = await Withdrawals.GiveNoticeAsync(member, ordinary, 50, Cancel);
        await ApproveAsync(registrar, given.Id);
        var allotment = (await Host.Get<MemberService>().GetAsync(registrar, memberId, Cancel))!.Ledger.Single();
        await Host.Get<MemberService>().ReverseEntryAsync(registrar, allotment.Id, Today, "Cheque bounced", Cancel);
        Host.Clock.Advance(TimeSpan.FromDays(91));

        var ex = await Assert.ThrowsAsync<DomainException>(() => PayAsync(registrar, given.Id, 50_00));

        Assert.Contains("cannot go below zero", ex.Message, StringComparison.Ordinal);
        await using var db = Host.NewContext();
        Assert.False(await db.LedgerEntries.AnyAsync(e => e.Kind == LedgerEntryKind.Withdrawal, Cancel));
        Assert.Equal(WithdrawalStatus.Approved, (await db.Withdrawals.SingleAsync(Cancel)).Status);
    }

    [Fact]
    public async Task Paying_twice_with_the_same_version_is_refused_the_second_time()
    {
        var (registrar, _, member, ordinary) = await MemberWithSharesAsync();
        var given = await Withdrawals.GiveNoticeAsync(member, ordinary, 20, Cancel);
        await ApproveAsync(registrar, given.Id);
        Host.Clock.Advance(TimeSpan.FromDays(91));
        var seen = await OneAsync(registrar, given.Id);

        await Withdrawals.PayAsync(registrar, new(seen.Id, seen.Version), Today, 20_00, "Bank transfer", null, Cancel);
        var second = await Record.ExceptionAsync(() => Withdrawals.PayAsync(registrar, new(seen.Id, seen.Version), Today, 20_00, "Cheque", null, Cancel));

        Assert.True(second is ConflictException or DomainException, second?.ToString());
        await using var db = Host.NewContext();
        Assert.Equal(1, await db.LedgerEntries.CountAsync(e => e.Kind == LedgerEntryKind.Withdrawal, Cancel));
        Assert.Equal(30, (await db.Holdings.SingleAsync(Cancel)).Shares);
    }

    [Fact]
    public async Task Two_payments_of_one_request_at_the_same_moment_let_exactly_one_succeed()
    {
        var (registrar, _, member, ordinary) = await MemberWithSharesAsync();
        var second = await Host.CreateLoginAsync("reg2@example.org", Roles.Registrar);
        var given = await Withdrawals.GiveNoticeAsync(member, ordinary, 20, Cancel);
        await ApproveAsync(registrar, given.Id);
        Host.Clock.Advance(TimeSpan.FromDays(91));
        var seen = await OneAsync(registrar, given.Id);

        Task<WithdrawalPaid> Pay(Actor actor) => Task.Run(() =>
            Host.Services.CreateScope().ServiceProvider.GetRequiredService<WithdrawalService>().PayAsync(actor, new(seen.Id, seen.Version), Today, 20_00, "Bank transfer", null, Cancel), Cancel);
        var outcomes = await Task.WhenAll(Outcome(Pay(registrar)), Outcome(Pay(second)));

        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.Contains(outcomes, o => o is ConflictException or DomainException);
        await using var db = Host.NewContext();
        Assert.Equal(1, await db.LedgerEntries.CountAsync(e => e.Kind == LedgerEntryKind.Withdrawal, Cancel));
        Assert.Equal(30, (await db.Holdings.SingleAsync(Cancel)).Shares);
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "withdrawal.paid", Cancel));
    }

    [Fact]
    public async Task The_request_concurrency_token_stops_a_second_context_that_read_it_before_the_first_paid()
    {
        var (registrar, _, member, ordinary) = await MemberWithSharesAsync();
        var given = await Withdrawals.GiveNoticeAsync(member, ordinary, 20, Cancel);
        await ApproveAsync(registrar, given.Id);
        Host.Clock.Advance(TimeSpan.FromDays(91));

        // Both contexts read the approved request before either writes, as two servers would.
        await using var first = Host.NewContext();
        await using var second = Host.NewContext();
        var a = await first.Withdrawals.Include(w => w.Steps).SingleAsync(w => w.Id == given.Id, Cancel);
        var b = await second.Withdrawals.Include(w => w.Steps).SingleAsync(w => w.Id == given.Id, Cancel);

        await using (var tx = await first.Database.BeginTransactionAsync(Cancel))
        {
            await Withdrawals.PayCoreAsync(first, registrar, a, Today, 20_00, "Bank transfer", null, Cancel);
            await tx.CommitAsync(Cancel);
        }

        await using (var tx = await second.Database.BeginTransactionAsync(Cancel))
        {
            var ex = await Assert.ThrowsAsync<ConflictException>(() => Withdrawals.PayCoreAsync(second, registrar, b, Today, 20_00, "Cheque", null, Cancel));
            Assert.Contains("perhaps already paid", ex.Message, StringComparison.Ordinal);
            await tx.RollbackAsync(Cancel);
        }

        await using var check = Host.NewContext();
        Assert.Equal(1, await check.LedgerEntries.CountAsync(e => e.Kind == LedgerEntryKind.Withdrawal, Cancel));
        Assert.Equal(30, (await check.Holdings.SingleAsync(Cancel)).Shares);
        Assert.Equal("Bank transfer", (await check.Withdrawals.SingleAsync(Cancel)).PaymentMethod);
    }

    [Fact]
    public async Task The_register_as_at_a_date_shows_the_holding_before_and_after_the_withdrawal()
    {
        var (registrar, memberId, member, ordinary) = await MemberWithSharesAsync();
        var full = await AdmitAsync(registrar, Individual("Bryn Williams", "bryn@example.org", shares: 10));
        var partial = await Withdrawals.GiveNoticeAsync(member, ordinary, 20, Cancel);
        var whole = await Withdrawals.RecordWrittenNoticeAsync(registrar, full, ordinary, 10, Today, Cancel);
        await ApproveAsync(registrar, partial.Id, whole.Id);
        Host.Clock.Advance(TimeSpan.FromDays(91));
        var before = Today.AddDays(-1);
        await PayAsync(registrar, partial.Id, 20_00);
        await PayAsync(registrar, whole.Id, 10_00);
        Host.Clock.Advance(TimeSpan.FromDays(1));

        var members = Host.Get<MemberService>();
        var then = await members.SearchAsync(registrar, new MemberQuery(AsAt: before), Cancel);
        var after = await members.SearchAsync(registrar, new MemberQuery(AsAt: Today), Cancel);

        Assert.Equal([(memberId, 50L), (full, 10L)], then.Rows.Select(r => (r.Id, r.Shares)));
        Assert.Equal([(memberId, 30L)], after.Rows.Select(r => (r.Id, r.Shares)));
    }

    [Fact]
    public async Task A_member_cancels_their_own_notice_but_cannot_see_or_touch_another_members_and_cannot_decide()
    {
        var (registrar, _, member, ordinary) = await MemberWithSharesAsync();
        var otherId = await AdmitAsync(registrar, Individual("Bryn Williams", "bryn@example.org"));
        var other = await MemberLoginAsync(otherId);
        var mine = await Withdrawals.GiveNoticeAsync(member, ordinary, 10, Cancel);
        var theirs = await Withdrawals.GiveNoticeAsync(other, ordinary, 5, Cancel);

        Assert.Equal([mine.Id], (await Withdrawals.GetMineAsync(member, Cancel))!.Notices.Select(n => n.Id));
        var notMine = await Assert.ThrowsAsync<DomainException>(() => Withdrawals.CancelMineAsync(member, theirs.Id, Cancel));
        Assert.Equal("There is no such notice of yours.", notMine.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Withdrawals.GetQueueAsync(member, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Withdrawals.ListForMemberAsync(member, otherId, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Withdrawals.DecideAsync(member, [new(mine.Id, 0)], WithdrawalStatus.Approved, Today, "BM 1", null, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Withdrawals.PayAsync(member, new(mine.Id, 0), Today, 10_00, "Cash", null, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Withdrawals.RecordWrittenNoticeAsync(member, otherId, ordinary, 1, Today, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Settings.DeclareSuspensionAsync(member, Today, null, "r", "m", Cancel));

        await Withdrawals.CancelMineAsync(member, mine.Id, Cancel);

        Assert.Equal(WithdrawalStatus.Cancelled, (await Withdrawals.GetMineAsync(member, Cancel))!.Notices.Single().Status);
        Assert.Equal(WithdrawalStatus.Pending, (await Withdrawals.GetMineAsync(other, Cancel))!.Notices.Single().Status);
        await Assert.ThrowsAsync<DomainException>(() => Withdrawals.CancelMineAsync(member, mine.Id, Cancel));
        Assert.Contains("withdrawal.cancelled", await AuditActionsAsync());
    }

    [Fact]
    public async Task An_auditor_reads_the_queue_but_cannot_decide_and_a_registrar_cannot_change_the_boards_settings()
    {
        var (registrar, _, member, ordinary) = await MemberWithSharesAsync();
        var auditor = await Host.CreateLoginAsync("audit@example.org", Roles.Auditor);
        var given = await Withdrawals.GiveNoticeAsync(member, ordinary, 10, Cancel);

        Assert.Single((await Withdrawals.GetQueueAsync(auditor, Cancel)).Lines);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Withdrawals.DecideAsync(auditor, [new(given.Id, 0)], WithdrawalStatus.Approved, Today, "BM 1", null, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Settings.SetBudgetAsync(registrar, Today, Today.AddDays(30), 1_00, "BM 1", Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Settings.GetAsync(registrar, Cancel));
    }

    [Fact]
    public async Task A_frozen_holding_cannot_be_given_notice_on_or_paid()
    {
        var (registrar, memberId, member, ordinary) = await MemberWithSharesAsync();
        var given = await Withdrawals.GiveNoticeAsync(member, ordinary, 10, Cancel);
        await ApproveAsync(registrar, given.Id);
        await using (var db = Host.NewContext())
        {
            var entered = await db.Members.Where(m => m.Id == memberId).Select(m => m.DateEntered).SingleAsync(Cancel);
            db.DeathCases.Add(DeathCase.Open(memberId, Today, Today, "Her daughter, by letter", entered, Today, Host.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(Cancel);
        }

        Host.Clock.Advance(TimeSpan.FromDays(91));

        var notice = await Assert.ThrowsAsync<DomainException>(() => Withdrawals.RecordWrittenNoticeAsync(registrar, memberId, ordinary, 5, Today, Cancel));
        Assert.Contains("frozen", notice.Message, StringComparison.Ordinal);
        var pay = await Assert.ThrowsAsync<DomainException>(() => PayAsync(registrar, given.Id, 10_00));
        Assert.Contains("frozen", pay.Message, StringComparison.Ordinal);
        Assert.Contains("frozen", (await Withdrawals.GetMineAsync(member, Cancel))!.CannotGiveNotice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_administrator_records_suspensions_without_overlaps_and_sets_and_removes_budgets_all_audited()
    {
        await RegistrarAsync();
        await Settings.DeclareSuspensionAsync(Admin, Today, null, "Initial three-year suspension under rule 12", "BM 2026/11 item 1", Cancel);

        var overlap = await Assert.ThrowsAsync<DomainException>(() => Settings.DeclareSuspensionAsync(Admin, Today.AddDays(10), Today.AddDays(20), "Again", "BM 2", Cancel));
        Assert.Contains("with no end date", overlap.Message, StringComparison.Ordinal);
        var backwards = await Assert.ThrowsAsync<DomainException>(() => Settings.DeclareSuspensionAsync(Admin, Today.AddDays(400), Today.AddDays(300), "Later", "BM 3", Cancel));
        Assert.Contains(backwards.Violations, v => v.Field == "To");
        var settings = await Settings.GetAsync(Admin, Cancel);
        var open = Assert.Single(settings.Suspensions);
        await Settings.EndSuspensionAsync(Admin, open.Id, open.Version, Today.AddDays(5), Cancel);
        await Assert.ThrowsAsync<ConflictException>(() => Settings.EndSuspensionAsync(Admin, open.Id, open.Version, Today.AddDays(6), Cancel));
        await Settings.DeclareSuspensionAsync(Admin, Today.AddDays(10), Today.AddDays(20), "Annual accounts", "BM 2027/01 item 2", Cancel);

        var budgetId = await Settings.SetBudgetAsync(Admin, Today, Today.AddMonths(6), 25_000_00, "BM 2026/11 item 3", Cancel);
        var negative = await Assert.ThrowsAsync<DomainException>(() => Settings.SetBudgetAsync(Admin, Today.AddYears(1), Today.AddYears(2), -1, "BM 4", Cancel));
        Assert.Contains(negative.Violations, v => v.Field == "Amount");
        Assert.Equal(new Money(25_000_00), Assert.Single((await Settings.GetAsync(Admin, Cancel)).Budgets).Amount);
        await Settings.RemoveBudgetAsync(Admin, budgetId, Cancel);

        settings = await Settings.GetAsync(Admin, Cancel);
        Assert.Empty(settings.Budgets);
        Assert.Equal([Today.AddDays(20), Today.AddDays(5)], settings.Suspensions.Select(s => s.To!.Value));
        await using var db = Host.NewContext();
        Assert.Equal(["withdrawals.suspended", "withdrawals.suspension-ended", "withdrawals.suspended", "withdrawals.budget-set", "withdrawals.budget-removed"],
            await db.AuditEvents.Where(e => e.Action.StartsWith("withdrawals.")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Cancel));
    }

    [Fact]
    public async Task The_registrar_closes_a_notice_with_a_reason_and_its_shares_are_free_for_a_new_notice()
    {
        var (registrar, memberId, member, ordinary) = await MemberWithSharesAsync();
        var given = await Withdrawals.GiveNoticeAsync(member, ordinary, 50, Cancel);
        var w = await OneAsync(registrar, given.Id);

        var noReason = await Assert.ThrowsAsync<DomainException>(() => Withdrawals.CancelAsync(registrar, new(w.Id, w.Version), " ", Cancel));
        Assert.Contains(noReason.Violations, v => v.Field == "Reason");
        await Withdrawals.CancelAsync(registrar, new(w.Id, w.Version), "The member withdrew the notice by letter of 1 December", Cancel);

        var closed = await OneAsync(registrar, given.Id);
        Assert.Equal(WithdrawalStatus.Cancelled, closed.Status);
        Assert.Contains(closed.Steps, s => s.What.Contains("withdrew the notice by letter", StringComparison.Ordinal));
        Assert.Equal(50, (await Withdrawals.GetMineAsync(member, Cancel))!.Holdings.Single().Available);
        await Withdrawals.RecordWrittenNoticeAsync(registrar, memberId, ordinary, 50, Today, Cancel);
        Assert.Equal(2, (await Withdrawals.ListForMemberAsync(registrar, memberId, Cancel)).Count);
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex) when (ex is ConflictException or DomainException)
        {
            return ex;
        }
    }
}

public sealed class WithdrawalServiceTestsOnSqlite() : WithdrawalServiceTests(DatabaseProvider.Sqlite);

public sealed class WithdrawalServiceTestsOnPostgres() : WithdrawalServiceTests(DatabaseProvider.Postgres);
