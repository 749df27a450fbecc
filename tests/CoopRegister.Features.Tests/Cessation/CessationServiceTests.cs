using System.Text;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Cessation;
using CoopRegister.Features.Tests.Estates;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Cessation;

public abstract class CessationServiceTests(DatabaseProvider provider) : EstateTest(provider)
{
    private CessationService Cessations => Host.Get<CessationService>();

    private async Task SetTreatmentAsync(LostContactTreatment treatment)
    {
        var admin = await Host.ActorForAsync("admin@example.org");
        foreach (var rule in await Cessations.LostContactRulesAsync(admin, Cancel))
        {
            await Cessations.SetLostContactRuleAsync(admin, rule.ShareClassId, treatment, Cancel);
        }
    }

    [Fact]
    public async Task A_resignation_end_dates_the_member_who_stays_on_the_register_with_an_audited_reason()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 10);
        AdvanceDays(30);

        await Cessations.CeaseAsync(registrar, member, new CessationForm { Kind = CessationKind.Resignation, On = Today.AddDays(-2), Reason = "Letter of resignation" }, Cancel);

        await using var db = Host.NewContext();
        var m = await db.Members.SingleAsync(x => x.Id == member, Cancel);
        Assert.Equal(Today.AddDays(-2), m.DateCeased);
        Assert.Equal(CessationKind.Resignation, m.CeasedKind);
        Assert.Equal("Letter of resignation", m.CeasedReason);
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == "member.ceased" && a.MemberId == member, Cancel);
        Assert.Contains("resigned", audit.Summary, StringComparison.Ordinal);
        Assert.Equal("reg@example.org", audit.ActorName);
        var rows = await RegisterAsAtAsync(registrar, Today);
        Assert.Contains(rows, r => r[1] == "Zoë Ó Briain");
    }

    [Fact]
    public async Task An_expulsion_needs_the_board_minute_and_records_it()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 10);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Cessations.CeaseAsync(registrar, member, new CessationForm { Kind = CessationKind.Expulsion, On = Today, Reason = "Conduct" }, Cancel));
        Assert.Equal("MinutesReference", Assert.Single(ex.Violations).Field);

        await Cessations.CeaseAsync(registrar, member, new CessationForm { Kind = CessationKind.Expulsion, On = Today, Reason = "Conduct", MinutesReference = "BM 2026/14" }, Cancel);
        await using var db = Host.NewContext();
        var m = await db.Members.SingleAsync(x => x.Id == member, Cancel);
        Assert.Equal(CessationKind.Expulsion, m.CeasedKind);
        Assert.Equal("Conduct (board minute BM 2026/14)", m.CeasedReason);
    }

    [Fact]
    public async Task Falling_below_the_minimum_is_a_ground_only_when_the_holding_is_below_it()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 10);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Cessations.CeaseAsync(registrar, member, new CessationForm { Kind = CessationKind.BelowMinimum, On = Today, Reason = "Withdrew" }, Cancel));
        Assert.Contains("holds 10 shares; the minimum under the rules is 1", ex.Message, StringComparison.Ordinal);

        await using (var db = Host.NewContext())
        {
            await Assert.ThrowsAsync<DomainException>(() => Cessations.CeaseAsync(registrar, member, new CessationForm { Kind = CessationKind.Death, On = Today, Reason = "x" }, Cancel));
            var classId = await db.ShareClasses.Select(c => c.Id).FirstAsync(Cancel);
            await CoopRegister.Features.Shares.HoldingMovements.ApplyAsync(db, registrar, member, classId, LedgerEntryKind.Withdrawal, -10, -1000, Today, "W1", null, DateTime.UtcNow, Cancel);
            await db.SaveChangesAsync(Cancel);
        }

        await Cessations.CeaseAsync(registrar, member, new CessationForm { Kind = CessationKind.BelowMinimum, On = Today, Reason = "Withdrew every share" }, Cancel);
        await using var check = Host.NewContext();
        Assert.Equal(CessationKind.BelowMinimum, (await check.Members.SingleAsync(x => x.Id == member, Cancel)).CeasedKind);
    }

    [Fact]
    public async Task Returned_mail_and_bounces_are_logged_with_dates_and_change_nothing_else()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 10);
        AdvanceDays(10);

        await Cessations.RecordContactFailureAsync(registrar, member, Today.AddDays(-3), ContactFailureKind.ReturnedMail, "Gone away, not known", Cancel);
        await Cessations.RecordContactFailureAsync(registrar, member, Today, ContactFailureKind.BouncedEmail, null, Cancel);
        var future = await Assert.ThrowsAsync<DomainException>(() => Cessations.RecordContactFailureAsync(registrar, member, Today.AddDays(1), ContactFailureKind.BouncedEmail, null, Cancel));
        Assert.Equal("On", Assert.Single(future.Violations).Field);

        var view = (await Cessations.GetContactAsync(registrar, member, Cancel))!;
        Assert.Equal([ContactFailureKind.BouncedEmail, ContactFailureKind.ReturnedMail], view.Failures.Select(f => f.Kind));
        Assert.Equal("Gone away, not known", view.Failures[1].Note);
        Assert.Null(view.DateCeased);
    }

    [Fact]
    public async Task The_gone_away_list_holds_members_without_contact_for_the_years_set()
    {
        var registrar = await RegistrarAsync();
        var silent = await AdmitAsync(registrar, "Silent Member", "silent@example.org", 10);
        var heard = await AdmitAsync(registrar, "Heard From", "heard@example.org", 10);
        AdvanceDays(365 * 2 + 10);
        var recent = await AdmitAsync(registrar, "Recent Joiner", "recent@example.org", 10);
        await Cessations.RecordContactAsync(registrar, heard, Today.AddDays(-100), Cancel);
        await Cessations.RecordContactFailureAsync(registrar, silent, Today.AddDays(-5), ContactFailureKind.ReturnedMail, null, Cancel);

        var list = await Cessations.GoneAwayAsync(registrar, null, Cancel);
        Assert.Equal(2, list.Years);
        var row = Assert.Single(list.Rows);
        Assert.Equal(silent, row.MemberId);
        Assert.Equal(1, row.ReturnedMail);
        Assert.Equal(Money.FromPounds(10), row.ToDebt);

        var oneYear = await Cessations.GoneAwayAsync(registrar, 1, Cancel);
        Assert.Equal([silent], oneYear.Rows.Select(r => r.MemberId));
        Assert.DoesNotContain(recent, (await Cessations.GoneAwayAsync(registrar, 1, Cancel)).Rows.Select(r => r.MemberId));
        var three = await Cessations.GoneAwayAsync(registrar, 3, Cancel);
        Assert.Empty(three.Rows);

        using var csv = new MemoryStream();
        Assert.Equal(1, await Cessations.WriteGoneAwayCsvAsync(registrar, null, csv, Cancel));
        var text = Encoding.UTF8.GetString(csv.ToArray());
        Assert.Contains("Member number,Name,Postcode,Last contact", text, StringComparison.Ordinal);
        Assert.Contains("Silent Member", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_cessation_forfeits_or_converts_to_a_debt_as_each_class_chooses()
    {
        var registrar = await RegistrarAsync();
        var first = await AdmitAsync(registrar, "First Silent", "first@example.org", 25);
        var second = await AdmitAsync(registrar, "Second Silent", "second@example.org", 40);
        AdvanceDays(365 * 2 + 10);

        var debt = await Cessations.BulkCeaseAsync(registrar, new BulkCessationRequest([first], Today, "BM 2028/3"), Cancel);
        await SetTreatmentAsync(LostContactTreatment.Forfeit);
        var forfeit = await Cessations.BulkCeaseAsync(registrar, new BulkCessationRequest([second], Today, "BM 2028/4"), Cancel);

        Assert.Equal(new BulkCessationResult(1, Money.Zero, Money.FromPounds(25)), debt);
        Assert.Equal(new BulkCessationResult(1, Money.FromPounds(40), Money.Zero), forfeit);
        await using var db = Host.NewContext();
        var owed = await db.MemberDebts.SingleAsync(Cancel);
        Assert.Equal(first, owed.MemberId);
        Assert.Equal(2_500, owed.AmountPence);
        Assert.Equal(LedgerEntryKind.Withdrawal, (await db.LedgerEntries.SingleAsync(e => e.MemberId == first && e.Kind != LedgerEntryKind.Allotment, Cancel)).Kind);
        var forfeiture = await db.LedgerEntries.SingleAsync(e => e.MemberId == second && e.Kind != LedgerEntryKind.Allotment, Cancel);
        Assert.Equal(LedgerEntryKind.Forfeiture, forfeiture.Kind);
        Assert.Equal(-40, forfeiture.Shares);
        Assert.Equal("Board minute BM 2028/4", forfeiture.Reference);
        foreach (var m in await db.Members.ToListAsync(Cancel))
        {
            Assert.Equal(CessationKind.LostContact, m.CeasedKind);
            Assert.Equal(Today, m.DateCeased);
        }

        Assert.All(await db.Holdings.ToListAsync(Cancel), h => Assert.Equal(0, h.Shares));
    }

    [Fact]
    public async Task Bulk_cessation_is_all_or_nothing()
    {
        var registrar = await RegistrarAsync();
        var silent = await AdmitAsync(registrar, "Silent Member", "silent@example.org", 25);
        var heard = await AdmitAsync(registrar, "Heard From", "heard@example.org", 25);
        AdvanceDays(365 * 2 + 10);
        await Cessations.RecordContactAsync(registrar, heard, Today.AddDays(-30), Cancel);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Cessations.BulkCeaseAsync(registrar, new BulkCessationRequest([silent, heard], Today, "BM 2028/3"), Cancel));

        Assert.Contains("was last in contact on", ex.Message, StringComparison.Ordinal);
        await using var db = Host.NewContext();
        Assert.False(await db.Members.AnyAsync(m => m.DateCeased != null, Cancel));
        Assert.False(await db.MemberDebts.AnyAsync(Cancel));
        Assert.False(await db.LedgerEntries.AnyAsync(e => e.Kind != LedgerEntryKind.Allotment, Cancel));
        var minutes = await Assert.ThrowsAsync<DomainException>(() => Cessations.BulkCeaseAsync(registrar, new BulkCessationRequest([silent], Today, " "), Cancel));
        Assert.Equal("MinutesReference", Assert.Single(minutes.Violations).Field);
    }

    [Fact]
    public async Task A_read_only_login_can_see_the_gone_away_list_but_cannot_cease_or_log()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 10);
        var auditor = await Host.CreateLoginAsync("auditor@example.org", Roles.Auditor);
        AdvanceDays(365 * 2 + 10);

        Assert.Single((await Cessations.GoneAwayAsync(auditor, null, Cancel)).Rows);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Cessations.BulkCeaseAsync(auditor, new BulkCessationRequest([member], Today, "BM 1"), Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Cessations.CeaseAsync(auditor, member, new CessationForm { Kind = CessationKind.Resignation, On = Today, Reason = "x" }, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Cessations.RecordContactFailureAsync(auditor, member, Today, ContactFailureKind.ReturnedMail, null, Cancel));
        await using var db = Host.NewContext();
        Assert.False(await db.Members.AnyAsync(m => m.DateCeased != null, Cancel));
    }

    [Fact]
    public async Task Only_an_administrator_sets_a_classs_rule_for_lost_contact_and_the_change_is_audited()
    {
        var registrar = await RegistrarAsync();
        var rule = Assert.Single(await Cessations.LostContactRulesAsync(registrar, Cancel));
        Assert.Equal(LostContactTreatment.ConvertToDebt, rule.Choice);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Cessations.SetLostContactRuleAsync(registrar, rule.ShareClassId, LostContactTreatment.Forfeit, Cancel));
        await SetTreatmentAsync(LostContactTreatment.Forfeit);

        Assert.Equal(LostContactTreatment.Forfeit, Assert.Single(await Cessations.LostContactRulesAsync(registrar, Cancel)).Effective);
        await using var db = Host.NewContext();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "share-class.lost-contact", Cancel));
    }
}

public sealed class CessationServiceTestsOnSqlite() : CessationServiceTests(DatabaseProvider.Sqlite);

public sealed class CessationServiceTestsOnPostgres() : CessationServiceTests(DatabaseProvider.Postgres);
