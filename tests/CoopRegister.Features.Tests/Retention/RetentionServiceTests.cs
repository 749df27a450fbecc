using CoopRegister.Data;
using CoopRegister.Data.Identity;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;
using CoopRegister.Features.Access;
using CoopRegister.Features.Cessation;
using CoopRegister.Features.Retention;
using CoopRegister.Features.Shares;
using CoopRegister.Features.Society;
using CoopRegister.Features.Tests.Estates;
using Microsoft.EntityFrameworkCore;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Retention;

public abstract class RetentionServiceTests(DatabaseProvider provider) : EstateTest(provider)
{
    private RetentionService Retention => Host.Get<RetentionService>();

    /// <summary>A member admitted with a phone number and marketing consent, whose shares are then withdrawn in full, and who resigns five days later (or on <paramref name="ceasedOn"/>).</summary>
    private async Task<long> FormerMemberAsync(Actor registrar, string name, string email, DateOnly? ceasedOn = null, bool withdraw = true)
    {
        var form = Individual(name, email, 10);
        form.Phone = "07700 900123";
        form.MarketingConsent = true;
        var s = await Applications.SubmitAsync(form, Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, Domain.Applications.PaymentMethod.BankTransfer, null, Cancel);
        var member = (await Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel)).Lines.Single().MemberId;
        if (withdraw)
        {
            await using var db = Host.NewContext();
            var classId = await db.ShareClasses.Select(c => c.Id).FirstAsync(Cancel);
            await HoldingMovements.ApplyAsync(db, registrar, member, classId, LedgerEntryKind.Withdrawal, -10, -1000, Today, "W-" + name, null, DateTime.UtcNow, Cancel);
            await db.SaveChangesAsync(Cancel);
        }

        AdvanceDays(5);
        await Host.Get<CessationService>().CeaseAsync(registrar, member, new CessationForm { Kind = CessationKind.Resignation, On = ceasedOn ?? Today, Reason = "Letter of resignation" }, Cancel);
        return member;
    }

    /// <summary>A portal login linked to the member, as an accepted invitation leaves it.</summary>
    private async Task GiveLoginAsync(long memberId, string email)
    {
        await using var db = Host.NewContext();
        if (!await db.Users.AnyAsync(u => u.Email == email, Cancel))
        {
            await Host.CreateLoginAsync(email, Roles.Member);
        }

        var user = await db.Users.SingleAsync(u => u.Email == email, Cancel);
        user.MemberId = memberId;
        await db.SaveChangesAsync(Cancel);
    }

    private void AdvanceTo(DateOnly day) => Host.Clock.Advance(TimeSpan.FromDays(day.DayNumber - Today.DayNumber));

    [Fact]
    public async Task A_former_member_is_due_only_once_the_retention_period_after_ceasing_has_run()
    {
        var registrar = await RegistrarAsync();
        AdvanceDays(20);
        var earlier = await FormerMemberAsync(registrar, "Ann Earlier", "ann@example.org");
        var ceasedAnn = Today;
        AdvanceDays(1);
        var later = await FormerMemberAsync(registrar, "Bob Later", "bob@example.org");
        var ceasedBob = Today;
        var current = await AdmitAsync(registrar, "Cath Current", "cath@example.org", 10);

        // The day on which Ann's 24 months (the default) have run but Bob's have not: Ann ceased before today minus the period.
        AdvanceTo(ceasedAnn.AddMonths(24).AddDays(1));
        var preview = await Retention.PreviewAsync(registrar, Cancel);

        Assert.Equal(24, preview.RetentionMonths);
        Assert.Equal(ceasedAnn, preview.LastDueCessation);
        Assert.Equal([earlier], preview.FirstToMinimise.Select(r => r.MemberId));
        Assert.Equal(1, preview.Due);
        Assert.True(RetentionPolicy.IsDue(ceasedAnn, null, Today, 24));
        Assert.False(RetentionPolicy.IsDue(ceasedAnn.AddDays(1), null, Today, 24));

        AdvanceTo(ceasedBob.AddMonths(24).AddDays(1));
        preview = await Retention.PreviewAsync(registrar, Cancel);
        Assert.Equal([earlier, later], preview.FirstToMinimise.Select(r => r.MemberId));
        Assert.DoesNotContain(current, preview.FirstToMinimise.Select(r => r.MemberId));
        Assert.Equal(0, preview.AlreadyMinimised);

        await using var db = Host.NewContext();
        Assert.False(await db.Members.AnyAsync(m => m.MinimisedOn != null, Cancel));
    }

    [Fact]
    public async Task Minimising_erases_contact_details_marketing_and_the_login_and_keeps_the_statutory_register_entry()
    {
        var registrar = await RegistrarAsync();
        AdvanceDays(10);
        var member = await FormerMemberAsync(registrar, "Zoë Ó Briain", "zoe@example.org");
        await GiveLoginAsync(member, "zoe@example.org");
        await Host.Get<CessationService>().RecordContactFailureAsync(registrar, member, Today, ContactFailureKind.ReturnedMail, "Moved to 4 Elm Row", Cancel);
        var ceased = Today;
        Member before;
        int ledgerBefore, certificatesBefore;
        await using (var db = Host.NewContext())
        {
            before = await db.Members.AsNoTracking().SingleAsync(m => m.Id == member, Cancel);
            ledgerBefore = await db.LedgerEntries.CountAsync(e => e.MemberId == member, Cancel);
            certificatesBefore = await db.Certificates.CountAsync(c => c.MemberId == member, Cancel);
        }

        Assert.Equal("07700 900123", before.Details.Phone);
        AdvanceDays(800);

        var result = await Retention.MinimiseAsync(registrar, null, Cancel);

        Assert.Equal(1, result.Minimised);
        Assert.Equal(1, result.LoginsRemoved);
        Assert.Empty(result.Skips);
        await using var check = Host.NewContext();
        var after = await check.Members.SingleAsync(m => m.Id == member, Cancel);
        Assert.Null(after.Details.Email);
        Assert.False(after.Details.NoticesByEmail);
        Assert.Null(after.Details.Phone);
        Assert.Null(after.Details.DateOfBirth);
        Assert.False(after.MarketingConsent);
        Assert.Null(after.MarketingConsentChangedAt);
        Assert.Equal("", after.EmailKey);
        Assert.Equal(Today, after.MinimisedOn);

        // Act s.30(2): name, address, date entered, date ceased, and the ledger and certificates behind shares and amounts paid.
        Assert.Equal(before.MemberNumber, after.MemberNumber);
        Assert.Equal(before.Details.Name, after.Details.Name);
        Assert.Equal(before.Details.Address, after.Details.Address);
        Assert.Equal(before.Details.Postcode, after.Details.Postcode);
        Assert.Equal(before.DateEntered, after.DateEntered);
        Assert.Equal(ceased, after.DateCeased);
        Assert.Equal(before.CeasedReason, after.CeasedReason);
        Assert.Equal(ledgerBefore, await check.LedgerEntries.CountAsync(e => e.MemberId == member, Cancel));
        Assert.Equal(certificatesBefore, await check.Certificates.CountAsync(c => c.MemberId == member, Cancel));

        Assert.False(await check.Users.AnyAsync(u => u.MemberId == member, Cancel));
        var application = await check.Applications.SingleAsync(a => a.MemberId == member, Cancel);
        Assert.Null(application.Applicant.Email);
        Assert.Null(application.Applicant.Phone);
        Assert.Null(application.Applicant.DateOfBirth);
        Assert.Equal(before.Details.Name, application.Applicant.Name);
        var failure = await check.ContactFailures.SingleAsync(f => f.MemberId == member, Cancel);
        Assert.Null(failure.Note);
        Assert.Equal(ContactFailureKind.ReturnedMail, failure.Kind);

        // The register as at a date while a member still names them, with the e-mail blank.
        var row = Assert.Single(await RegisterAsAtAsync(registrar, ceased.AddDays(-1)), r => r[1] == "Zoë Ó Briain");
        Assert.DoesNotContain("zoe@example.org", row);
    }

    [Fact]
    public async Task The_audit_event_names_the_erased_fields_and_keeps_none_of_their_values()
    {
        var registrar = await RegistrarAsync();
        AdvanceDays(10);
        var member = await FormerMemberAsync(registrar, "Zoë Ó Briain", "zoe@example.org");
        await GiveLoginAsync(member, "zoe@example.org");
        AdvanceDays(800);

        await Retention.MinimiseAsync(registrar, null, Cancel);

        await using var db = Host.NewContext();
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == "member.minimised", Cancel);
        Assert.Equal(member, audit.MemberId);
        Assert.Equal("reg@example.org", audit.ActorName);
        Assert.Contains("minimised under the retention policy", audit.Summary, StringComparison.Ordinal);
        foreach (var field in new[] { "Email", "Phone", "DateOfBirth", "MarketingConsent", "PortalLogin" })
        {
            Assert.Contains($"\"{field}\"", audit.Before, StringComparison.Ordinal);
        }

        foreach (var value in new[] { "zoe@example.org", "07700", "1980-05-17", "900123" })
        {
            Assert.DoesNotContain(value, audit.Before + audit.After + audit.Summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Former_members_with_something_outstanding_are_skipped_with_the_reason()
    {
        var registrar = await RegistrarAsync();
        AdvanceDays(10);
        var holding = await FormerMemberAsync(registrar, "Still Holding", "hold@example.org", withdraw: false);
        var owed = await FormerMemberAsync(registrar, "Owed Money", "owed@example.org");
        var clear = await FormerMemberAsync(registrar, "All Clear", "clear@example.org");
        await using (var db = Host.NewContext())
        {
            db.MemberDebts.Add(MemberDebt.Arise(owed, 2500, Today, "Shares converted to a loan on cessation"));
            await db.SaveChangesAsync(Cancel);
        }

        AdvanceDays(800);
        var preview = await Retention.PreviewAsync(registrar, Cancel);

        Assert.Equal(3, preview.Due);
        Assert.Equal(1, preview.ToMinimise);
        Assert.Equal([holding, owed], preview.Skips.Select(s => s.MemberId));
        Assert.Contains("still holds 10 shares", preview.Skips[0].Reason, StringComparison.Ordinal);
        Assert.Contains("£25.00 owed to the former member", preview.Skips[1].Reason, StringComparison.Ordinal);

        var result = await Retention.MinimiseAsync(registrar, null, Cancel);
        Assert.Equal(1, result.Minimised);
        Assert.Equal([holding, owed], result.Skips.Select(s => s.MemberId).Order());
        await using var check = Host.NewContext();
        Assert.Equal([clear], await check.Members.Where(m => m.MinimisedOn != null).Select(m => m.Id).ToListAsync(Cancel));
        Assert.Equal("hold@example.org", (await check.Members.SingleAsync(m => m.Id == holding, Cancel)).Details.Email);
    }

    [Fact]
    public async Task Running_again_changes_nothing_and_writes_no_second_audit_event()
    {
        var registrar = await RegistrarAsync();
        AdvanceDays(10);
        await FormerMemberAsync(registrar, "Ann Former", "ann@example.org");
        await FormerMemberAsync(registrar, "Bob Former", "bob@example.org");
        AdvanceDays(800);

        Assert.Equal(2, (await Retention.MinimiseAsync(registrar, null, Cancel)).Minimised);
        AdvanceDays(1);
        var again = await Retention.MinimiseAsync(registrar, null, Cancel);

        Assert.Equal(0, again.Minimised);
        var preview = await Retention.PreviewAsync(registrar, Cancel);
        Assert.Equal(0, preview.Due);
        Assert.Equal(2, preview.AlreadyMinimised);
        await using var db = Host.NewContext();
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Action == "member.minimised", Cancel));
        Assert.Equal(2, await db.Members.CountAsync(m => m.MinimisedOn == Today.AddDays(-1), Cancel));
    }

    [Fact]
    public async Task A_failure_part_way_through_a_batch_leaves_every_member_of_it_untouched()
    {
        var registrar = await RegistrarAsync();
        AdvanceDays(10);
        var first = await FormerMemberAsync(registrar, "Ann Former", "ann@example.org");
        var second = await FormerMemberAsync(registrar, "Bob Former", "bob@example.org");
        await GiveLoginAsync(first, "ann@example.org");
        AdvanceDays(800);

        // The audit event of the second member cannot be written: the members' updates and the login's deletion, already
        // made in the same transaction, must go back with it.
        await using (var db = Host.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync(Host.Database.Provider == DatabaseProvider.Postgres
                ? $"CREATE FUNCTION refuse_minimised() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.\"Action\" = 'member.minimised' AND NEW.\"MemberId\" = {second} THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$; "
                  + "CREATE TRIGGER refuse_minimised BEFORE INSERT ON \"AuditEvents\" FOR EACH ROW EXECUTE FUNCTION refuse_minimised();"
                : $"CREATE TRIGGER refuse_minimised BEFORE INSERT ON AuditEvents WHEN NEW.Action = 'member.minimised' AND NEW.MemberId = {second} BEGIN SELECT RAISE(ABORT, 'refused'); END;",
                Cancel);
        }

        await Assert.ThrowsAnyAsync<Exception>(() => Retention.MinimiseAsync(registrar, null, Cancel));

        await using (var db = Host.NewContext())
        {
            Assert.False(await db.Members.AnyAsync(m => m.MinimisedOn != null, Cancel));
            Assert.Equal("ann@example.org", (await db.Members.SingleAsync(m => m.Id == first, Cancel)).Details.Email);
            Assert.True(await db.Users.AnyAsync(u => u.MemberId == first, Cancel));
            Assert.False(await db.AuditEvents.AnyAsync(a => a.Action == "member.minimised", Cancel));
            await db.Database.ExecuteSqlRawAsync(Host.Database.Provider == DatabaseProvider.Postgres
                ? "DROP TRIGGER refuse_minimised ON \"AuditEvents\"; DROP FUNCTION refuse_minimised();"
                : "DROP TRIGGER refuse_minimised;", Cancel);
        }

        Assert.Equal(2, (await Retention.MinimiseAsync(registrar, null, Cancel)).Minimised);
    }

    [Fact]
    public async Task Cancelling_keeps_the_batches_already_committed_and_a_later_run_completes_the_rest()
    {
        var registrar = await RegistrarAsync();
        AdvanceDays(10);
        await FormerMemberAsync(registrar, "Ann Former", "ann@example.org");
        AdvanceDays(800);
        using (var before = new CancellationTokenSource())
        {
            await before.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Retention.MinimiseAsync(registrar, null, before.Token));
        }

        await using (var db = Host.NewContext())
        {
            Assert.False(await db.Members.AnyAsync(m => m.MinimisedOn != null, Cancel));
        }

        using var during = new CancellationTokenSource();
        var result = await Retention.MinimiseAsync(registrar, new CancelAfterFirstBatch(during), during.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(1, result.Batches);
        Assert.Equal(1, result.Minimised);
        Assert.Equal(0, (await Retention.PreviewAsync(registrar, Cancel)).Due);
    }

    /// <summary>Cancels the run as soon as the first batch reports that it committed, as the page's Cancel button would.</summary>
    private sealed class CancelAfterFirstBatch(CancellationTokenSource source) : IProgress<RetentionProgress>
    {
        public void Report(RetentionProgress value)
        {
            if (value.Examined > 0)
            {
                source.Cancel();
            }
        }
    }

    [Fact]
    public async Task Only_a_registrar_may_preview_or_minimise()
    {
        var registrar = await RegistrarAsync();
        AdvanceDays(10);
        var member = await FormerMemberAsync(registrar, "Ann Former", "ann@example.org");
        var auditor = await Host.CreateLoginAsync("auditor@example.org", Roles.Auditor);
        await Host.CreateLoginAsync("other@example.org", Roles.Member);
        var portal = await Host.ActorForAsync("other@example.org", twoFactor: false);
        var registrarWithoutTwoFactors = await Host.ActorForAsync("reg@example.org", twoFactor: false);
        AdvanceDays(800);

        foreach (var refused in new[] { auditor, portal, registrarWithoutTwoFactors, Actor.Anonymous })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Retention.PreviewAsync(refused, Cancel));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Retention.MinimiseAsync(refused, null, Cancel));
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => Retention.MinimisedOnAsync(portal, member, Cancel));
        await using (var db = Host.NewContext())
        {
            Assert.False(await db.Members.AnyAsync(m => m.MinimisedOn != null, Cancel));
        }

        Assert.Equal(1, (await Retention.PreviewAsync(registrar, Cancel)).ToMinimise);
        Assert.Equal(1, (await Retention.MinimiseAsync(registrar, null, Cancel)).Minimised);
        Assert.Equal(Today, await Retention.MinimisedOnAsync(auditor, member, Cancel));
    }

    [Fact]
    public async Task The_retention_period_is_a_society_setting_checked_against_its_limits()
    {
        var registrar = await RegistrarAsync();
        var admin = await Host.ActorForAsync("admin@example.org");
        var society = (await Host.Get<SocietyService>().GetAsync(Cancel))!;
        Assert.Equal(SocietyDetails.DefaultRetentionMonths, society.Details.RetentionMonths);

        var form = SocietyForm.From(society.Details);
        form.RetentionMonths = "121";
        var ex = Assert.Throws<DomainException>(form.ToDetails);
        var violation = Assert.Single(ex.Violations);
        Assert.Equal(nameof(SocietyDetails.RetentionMonths), violation.Field);
        Assert.Contains("between 1 and 120 months", violation.Message, StringComparison.Ordinal);
        Assert.Contains("domain rule 59", violation.Message, StringComparison.Ordinal);
        form.RetentionMonths = "0";
        Assert.Throws<DomainException>(form.ToDetails);

        form.RetentionMonths = "6";
        await Host.Get<SocietyService>().UpdateAsync(admin, form.ToDetails(), society.Version, Cancel);
        AdvanceDays(10);
        await FormerMemberAsync(registrar, "Ann Former", "ann@example.org");
        AdvanceDays(200);
        var preview = await Retention.PreviewAsync(registrar, Cancel);
        Assert.Equal(6, preview.RetentionMonths);
        Assert.Equal(1, preview.ToMinimise);
    }
}

public sealed class RetentionServiceTestsOnSqlite() : RetentionServiceTests(DatabaseProvider.Sqlite);

public sealed class RetentionServiceTestsOnPostgres() : RetentionServiceTests(DatabaseProvider.Postgres);
