using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Accounts;
using CoopRegister.Features.Members;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Registration;

public abstract class ApplicationServiceTests(DatabaseProvider provider) : RegisterTest(provider)
{
    private ApplicationService Applications => Host.Get<ApplicationService>();

    private DateOnly Today => DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime);

    private async Task<(Actor Registrar, SubmittedApplication Submitted)> SubmitAndPayAsync(ApplicationForm form)
    {
        await Host.SetUpSocietyAsync();
        var registrar = await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
        var submitted = await Applications.SubmitAsync(form, Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, submitted.Id, submitted.Amount.Pence, Today, PaymentMethod.BankTransfer, submitted.Reference, Cancel);
        return (registrar, submitted);
    }

    [Fact]
    public async Task A_reader_applies_the_registrar_records_payment_and_allots_and_a_member_with_the_holding_exists()
    {
        var (registrar, submitted) = await SubmitAndPayAsync(Individual(shares: 50));
        Assert.Equal(new Money(50_00), submitted.Amount);
        Assert.Equal("08-92-99", submitted.Payment.SortCode);
        Assert.True(submitted.ConfirmationMailed);

        var result = await Applications.AllotAsync(registrar, [submitted.Id], Today, Site, Cancel);

        var line = Assert.Single(result.Lines);
        Assert.True(line.NewMember);
        Assert.Equal(1, line.MemberNumber);
        Assert.Equal(50, line.Shares);
        Assert.True(line.Invited);
        Assert.Empty(result.MailProblems);
        var member = await Host.Get<MemberService>().GetAsync(registrar, line.MemberId, Cancel);
        Assert.Equal("Zoë Ó Briain", member!.Details.Name);
        Assert.Equal(50, Assert.Single(member.Holdings).Shares);
        Assert.Equal(Today, member.DateEntered);
        var entry = Assert.Single(member.Ledger);
        Assert.Equal(LedgerEntryKind.Allotment, entry.Kind);
        Assert.Equal(new Money(50_00), entry.AmountPaid);
        Assert.Equal(LoginState.Invited, member.Login);
        Assert.Contains(member.Audit, a => a.Action == "member.admitted");
        Assert.Contains(member.Audit, a => a.Action == "shares.allotted");
        Assert.Equal(2, Host.OutboxFiles().Count);
    }

    [Fact]
    public async Task The_applicant_follows_their_application_through_the_link_and_a_wrong_key_shows_nothing()
    {
        var (registrar, submitted) = await SubmitAndPayAsync(Individual());
        var key = Uri.UnescapeDataString(new Uri(submitted.StatusLink).Query["?key=".Length..]);

        var status = await Applications.GetStatusAsync(submitted.Reference, key, Cancel);
        Assert.Equal(ApplicationStatus.Paid, status!.Status);
        Assert.Equal(2, status.Steps.Count);
        Assert.Contains("Payment of £50.00 received", status.Steps[1].What, StringComparison.Ordinal);
        Assert.Null(await Applications.GetStatusAsync(submitted.Reference, key + "x", Cancel));
        Assert.Null(await Applications.GetStatusAsync("SH-AAAAAA", key, Cancel));

        await Applications.AllotAsync(registrar, [submitted.Id], Today, Site, Cancel);
        Assert.Equal(ApplicationStatus.Allotted, (await Applications.GetStatusAsync(submitted.Reference, key, Cancel))!.Status);
    }

    [Fact]
    public async Task An_application_is_not_allotted_before_it_is_paid_in_full()
    {
        await Host.SetUpSocietyAsync();
        var registrar = await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
        var submitted = await Applications.SubmitAsync(Individual(shares: 50), Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, submitted.Id, 20_00, Today, PaymentMethod.BankTransfer, null, Cancel);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Applications.AllotAsync(registrar, [submitted.Id], Today, Site, Cancel));
        Assert.Contains("nothing to allot", ex.Message, StringComparison.Ordinal);
        Assert.Contains("£20.00 of £50.00", ex.Message, StringComparison.Ordinal);

        var over = await Assert.ThrowsAsync<DomainException>(() => Applications.RecordPaymentAsync(registrar, submitted.Id, 40_00, Today, PaymentMethod.BankTransfer, null, Cancel));
        Assert.Contains("at most £30.00 more", over.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_registrars_allotting_the_same_application_at_once_allot_it_exactly_once()
    {
        var (registrar, submitted) = await SubmitAndPayAsync(Individual());
        var second = await Host.CreateLoginAsync("reg2@example.org", Roles.Registrar);

        var a = Task.Run(() => Host.Services.CreateScope().ServiceProvider.GetRequiredService<ApplicationService>().AllotAsync(registrar, [submitted.Id], Today, Site, Cancel), Cancel);
        var b = Task.Run(() => Host.Services.CreateScope().ServiceProvider.GetRequiredService<ApplicationService>().AllotAsync(second, [submitted.Id], Today, Site, Cancel), Cancel);
        var outcomes = await Task.WhenAll(Outcome(a), Outcome(b));

        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.Contains(outcomes, o => o is ConflictException or DomainException);
        await using var db = Host.NewContext();
        Assert.Equal(1, await db.Members.CountAsync(Cancel));
        Assert.Equal(1, await db.LedgerEntries.CountAsync(Cancel));
        Assert.Equal(50, (await db.Holdings.SingleAsync(Cancel)).Shares);
    }

    [Fact]
    public async Task A_batch_numbers_new_members_without_gaps_and_tops_up_existing_ones_in_one_transaction()
    {
        var (registrar, first) = await SubmitAndPayAsync(Individual("Aoife Ní Bhriain", "aoife@example.org"));
        await Applications.AllotAsync(registrar, [first.Id], Today, Site, Cancel);
        var ids = new List<long>();
        foreach (var form in new[] { Individual("Łukasz Żółkiewski", "lukasz@example.org"), UnionBranch(), Individual("Ngozi Ọkọnkwọ", "ngozi@example.org") })
        {
            var s = await Applications.SubmitAsync(form, Site, Cancel);
            await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, PaymentMethod.Cheque, null, Cancel);
            ids.Add(s.Id);
        }

        var result = await Applications.AllotAsync(registrar, ids, Today, Site, Cancel);

        Assert.Equal([2L, 3L, 4L], result.Lines.Select(l => l.MemberNumber).Order());
        Assert.Contains(result.Lines, l => l.MemberName == "Siân Llewellyn (nominee of Unite Cardiff Branch 1234)");
    }

    [Fact]
    public async Task A_batch_with_one_bad_application_allots_nothing_and_says_which()
    {
        var (registrar, paid) = await SubmitAndPayAsync(Individual());
        var unpaid = await Applications.SubmitAsync(Individual("Siân Jones", "sian@example.org"), Site, Cancel);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Applications.AllotAsync(registrar, [paid.Id, unpaid.Id], Today, Site, Cancel));

        Assert.Contains(unpaid.Reference, ex.Message, StringComparison.Ordinal);
        await using var db = Host.NewContext();
        Assert.False(await db.Members.AnyAsync(Cancel));
        Assert.Equal(ApplicationStatus.Paid, (await db.Applications.SingleAsync(a => a.Id == paid.Id, Cancel)).Status);
        Assert.Equal(1, (await db.NumberCounters.SingleAsync(c => c.Name == NumberCounter.MemberNumbers, Cancel)).Next);
    }

    [Fact]
    public async Task An_individual_cannot_apply_for_more_than_the_statutory_cap_but_a_registered_society_can()
    {
        await Host.SetUpSocietyAsync();
        var ex = await Assert.ThrowsAsync<DomainException>(() => Applications.SubmitAsync(Individual(shares: 120_000), Site, Cancel));
        var v = Assert.Single(ex.Violations);
        Assert.Equal("Shares", v.Field);
        Assert.Contains("Holding would be £120,000.00", v.Message, StringComparison.Ordinal);
        Assert.Contains("£100,000 (Act s.24)", v.Message, StringComparison.Ordinal);

        var society = await Applications.SubmitAsync(Applicants.Society(100_000), Site, Cancel);
        Assert.Equal(new Money(100_000_00), society.Amount);
    }

    [Fact]
    public async Task A_registrar_must_decide_a_likely_duplicate_before_allotting()
    {
        var (registrar, first) = await SubmitAndPayAsync(Individual());
        await Applications.AllotAsync(registrar, [first.Id], Today, Site, Cancel);
        var again = await Applications.SubmitAsync(Individual(email: "ZOE@example.org", shares: 30), Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, again.Id, 30_00, Today, PaymentMethod.BankTransfer, null, Cancel);

        var details = await Applications.GetAsync(registrar, again.Id, Cancel);
        var match = Assert.Single(details!.LikelyMatches);
        Assert.Equal("same e-mail address", match.Reason);
        var blocked = await Assert.ThrowsAsync<DomainException>(() => Applications.AllotAsync(registrar, [again.Id], Today, Site, Cancel));
        Assert.Contains("looks like existing member 1", blocked.Message, StringComparison.Ordinal);

        await Applications.DecideMatchAsync(registrar, again.Id, MatchDecision.TopUpExisting, match.MemberId, Cancel);
        var result = await Applications.AllotAsync(registrar, [again.Id], Today, Site, Cancel);

        var line = Assert.Single(result.Lines);
        Assert.False(line.NewMember);
        Assert.Equal(1, line.MemberNumber);
        var member = await Host.Get<MemberService>().GetAsync(registrar, line.MemberId, Cancel);
        Assert.Equal(80, member!.Holdings.Single().Shares);
        Assert.Equal([50L, 80L], member.Ledger.Select(l => l.Balance));
    }

    [Fact]
    public async Task A_standing_order_allots_once_the_minimum_is_paid_and_continues_with_each_instalment()
    {
        await Host.SetUpSocietyAsync();
        var admin = await Host.ActorForAsync("admin@example.org");
        var settings = Host.Get<CoopRegister.Features.Society.SocietyService>();
        var view = (await settings.GetAsync(Cancel))!;
        await settings.UpdateAsync(admin, view.Details with { MinimumHoldingShares = 10 }, view.Version, Cancel);
        var registrar = await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
        var form = Individual(shares: 30, method: PaymentMethod.StandingOrder);
        form.InstalmentPounds = "5.00";
        var s = await Applications.SubmitAsync(form, Site, Cancel);

        await Applications.RecordPaymentAsync(registrar, s.Id, 5_00, Today, PaymentMethod.StandingOrder, "SO 1", Cancel);
        Assert.Equal(ApplicationStatus.PartPaid, (await Applications.GetAsync(registrar, s.Id, Cancel))!.Status);
        await Assert.ThrowsAsync<DomainException>(() => Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel));

        await Applications.RecordPaymentAsync(registrar, s.Id, 5_00, Today, PaymentMethod.StandingOrder, "SO 2", Cancel);
        Assert.Equal(ApplicationStatus.Paid, (await Applications.GetAsync(registrar, s.Id, Cancel))!.Status);
        var first = await Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel);
        Assert.Equal(10, first.Lines.Single().Shares);
        Assert.Equal(ApplicationStatus.PartAllotted, (await Applications.GetAsync(registrar, s.Id, Cancel))!.Status);

        await Applications.RecordPaymentAsync(registrar, s.Id, 5_00, Today, PaymentMethod.StandingOrder, "SO 3", Cancel);
        var second = await Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel);
        Assert.Equal(5, second.Lines.Single().Shares);
        Assert.False(second.Lines.Single().NewMember);
    }

    [Fact]
    public async Task A_refused_application_says_why_and_cannot_be_allotted()
    {
        var (registrar, submitted) = await SubmitAndPayAsync(Individual());
        await Applications.RefuseAsync(registrar, submitted.Id, "Applicant is not resident in the UK", Cancel);

        var details = await Applications.GetAsync(registrar, submitted.Id, Cancel);
        Assert.Equal(ApplicationStatus.Refused, details!.Status);
        Assert.Contains("£50.00 received is to be returned", details.Steps.Last().What, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DomainException>(() => Applications.AllotAsync(registrar, [submitted.Id], Today, Site, Cancel));
    }

    [Fact]
    public async Task An_auditor_sees_the_queue_but_cannot_record_payments_or_allot()
    {
        await Host.SetUpSocietyAsync();
        var auditor = await Host.CreateLoginAsync("aud@example.org", Roles.Auditor);
        var submitted = await Applications.SubmitAsync(Individual(), Site, Cancel);

        Assert.Single((await Applications.ListAsync(auditor, new ApplicationFilter(), Cancel)).Rows);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Applications.RecordPaymentAsync(auditor, submitted.Id, 100, Today, PaymentMethod.Cash, null, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Applications.AllotAsync(auditor, [submitted.Id], Today, Site, Cancel));
    }

    [Fact]
    public async Task Bad_applications_are_refused_naming_each_field()
    {
        await Host.SetUpSocietyAsync();
        var form = Individual(name: "", email: "not-an-address", postcode: "XYZ");
        form.DateOfBirth = new DateOnly(2015, 1, 1);
        form.DeclarationsAccepted = false;

        var ex = await Assert.ThrowsAsync<DomainException>(() => Applications.SubmitAsync(form, Site, Cancel));

        var fields = ex.Violations.Select(v => v.Field).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Name", "Email", "Postcode", "DateOfBirth", "Declarations" }, fields);
        Assert.Contains(ex.Violations, v => v.Message.Contains("at least 16", StringComparison.Ordinal));
        await using var db = Host.NewContext();
        Assert.False(await db.Applications.AnyAsync(Cancel));
    }

    [Fact]
    public async Task A_new_member_whose_address_is_already_a_login_is_still_admitted_and_the_registrar_is_told()
    {
        var (registrar, first) = await SubmitAndPayAsync(Individual("Zoë Ó Briain", "zoë@example.org"));
        var admitted = await Applications.AllotAsync(registrar, [first.Id], Today, Site, Cancel);
        Assert.True(admitted.Lines.Single().Invited);

        // A second person gives the same address (a shared family e-mail) and is confirmed as a different member.
        var second = await Applications.SubmitAsync(Individual("Seán Ó Briain", "zoë@example.org"), Site, Cancel);
        await Applications.DecideMatchAsync(registrar, second.Id, MatchDecision.NewMember, null, Cancel);
        await Applications.RecordPaymentAsync(registrar, second.Id, second.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
        var result = await Applications.AllotAsync(registrar, [second.Id], Today, Site, Cancel);

        var line = Assert.Single(result.Lines);
        Assert.Equal(2, line.MemberNumber);
        Assert.False(line.Invited);
        Assert.Contains(result.MailProblems, p => p.Contains("Member 2: no login was made", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Script_in_a_name_is_kept_as_text()
    {
        await Host.SetUpSocietyAsync();
        var s = await Applications.SubmitAsync(Individual(name: "<script>alert('x')</script> Smith"), Site, Cancel);
        await using var db = Host.NewContext();
        Assert.Equal("<script>alert('x')</script> Smith", (await db.Applications.SingleAsync(a => a.Id == s.Id, Cancel)).Applicant.Name);
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}

public sealed class ApplicationServiceTestsOnSqlite() : ApplicationServiceTests(DatabaseProvider.Sqlite);

public sealed class ApplicationServiceTestsOnPostgres() : ApplicationServiceTests(DatabaseProvider.Postgres);
