using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Estates;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Estates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace CoopRegister.Features.Tests.Estates;

public abstract class EstateServiceTests(DatabaseProvider provider) : EstateTest(provider)
{
    private EstateService Estates => Host.Get<EstateService>();

    private NominationForm Nominee(string name = "Pat Ó Briain", string percent = "100", string? relationship = "child", bool officer = false) => new()
    {
        NomineeName = name,
        NomineeAddress = "3 Roman Road\nLondon E3",
        Relationship = relationship,
        SharePercent = percent,
        NomineeIsOfficerOrEmployee = officer,
        SignedOn = Today.AddDays(-3),
        ReceivedOn = Today.AddDays(-1),
    };

    [Fact]
    public async Task A_nomination_is_entered_with_its_dates_and_the_five_thousand_pound_limit_is_shown()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 6_000);

        await Estates.RecordNominationAsync(registrar, member, Nominee(), Cancel);

        var book = (await Estates.GetNominationsAsync(registrar, member, Cancel))!;
        var entry = Assert.Single(book.Entries);
        Assert.Equal("Pat Ó Briain", entry.NomineeName);
        Assert.Equal(10_000, entry.ShareBasisPoints);
        Assert.Equal(Today.AddDays(-3), entry.SignedOn);
        Assert.Equal(Today.AddDays(-1), entry.ReceivedOn);
        Assert.Equal(Money.FromPounds(5_000), book.Limit);
        Assert.True(book.AboveLimit);
        Assert.Equal("reg@example.org", entry.RecordedBy);
    }

    [Fact]
    public async Task Nominees_together_cannot_take_more_than_the_whole_property()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 100);
        await Estates.RecordNominationAsync(registrar, member, Nominee("Pat", "60"), Cancel);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Estates.RecordNominationAsync(registrar, member, Nominee("Sam", "50"), Cancel));

        var v = Assert.Single(ex.Violations);
        Assert.Equal("Share", v.Field);
        Assert.Contains("110 %", v.Message, StringComparison.Ordinal);
        Assert.Contains("at most 100 %", v.Message, StringComparison.Ordinal);
        await Estates.RecordNominationAsync(registrar, member, Nominee("Sam", "40"), Cancel);
        Assert.Equal(10_000, (await Estates.GetNominationsAsync(registrar, member, Cancel))!.CurrentBasisPoints);
    }

    [Fact]
    public async Task An_officer_who_is_not_a_close_relative_is_warned_about_and_a_spouse_is_not()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 100);
        await Estates.RecordNominationAsync(registrar, member, Nominee("The Secretary", "50", relationship: "friend", officer: true), Cancel);
        await Estates.RecordNominationAsync(registrar, member, Nominee("Chris Ó Briain", "50", relationship: "Spouse", officer: true), Cancel);

        var book = (await Estates.GetNominationsAsync(registrar, member, Cancel))!;

        Assert.True(Assert.Single(book.Entries, e => e.NomineeName == "The Secretary").NeedsRelationshipWarning);
        Assert.False(Assert.Single(book.Entries, e => e.NomineeName == "Chris Ó Briain").NeedsRelationshipWarning);
        await using var db = Host.NewContext();
        Assert.Contains(await db.AuditEvents.Where(a => a.Action == "nomination.recorded").Select(a => a.Summary).ToListAsync(Cancel),
            s => s.Contains("not recorded as a close relative (Act s.37)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Variation_and_revocation_keep_every_entry_in_the_book()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 100);
        var first = await Estates.RecordNominationAsync(registrar, member, Nominee("Pat"), Cancel);

        var second = await Estates.VaryNominationAsync(registrar, first, Nominee("Sam"), Cancel);
        await Estates.RevokeNominationAsync(registrar, second, Today, "Signed revocation received", Cancel);

        var book = (await Estates.GetNominationsAsync(registrar, member, Cancel))!;
        Assert.Equal(2, book.Entries.Count);
        var pat = Assert.Single(book.Entries, e => e.Id == first);
        Assert.Equal(second, pat.ReplacedById);
        Assert.NotNull(pat.RevokedOn);
        var sam = Assert.Single(book.Entries, e => e.Id == second);
        Assert.Equal(Today, sam.RevokedOn);
        Assert.Equal("Signed revocation received", sam.RevokedReason);
        Assert.Empty(book.Current);
        var again = await Assert.ThrowsAsync<DomainException>(() => Estates.RevokeNominationAsync(registrar, second, Today, "twice", Cancel));
        Assert.Contains("already revoked", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_of_death_freezes_the_holding_and_ends_the_membership_on_the_date_of_death()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 100);
        var entered = Today;
        AdvanceDays(40);

        await Estates.RecordDeathAsync(registrar, member, entered.AddDays(20), entered.AddDays(30), "Pat Ó Briain (daughter)", Cancel);

        await using (var db = Host.NewContext())
        {
            var m = await db.Members.SingleAsync(x => x.Id == member, Cancel);
            Assert.Equal(entered.AddDays(20), m.DateCeased);
            Assert.Equal(CessationKind.Death, m.CeasedKind);
            Assert.Equal(100, (await db.Holdings.SingleAsync(h => h.MemberId == member, Cancel)).Shares);
            var frozen = await Assert.ThrowsAsync<DomainException>(() => CoopRegister.Features.Shares.HoldingMovements.RequireNotFrozenAsync(db, member, Cancel));
            Assert.Contains("frozen", frozen.Message, StringComparison.Ordinal);
        }

        var twice = await Assert.ThrowsAsync<DomainException>(() => Estates.RecordDeathAsync(registrar, member, entered.AddDays(20), entered.AddDays(30), "again", Cancel));
        Assert.Contains("already recorded", twice.Message, StringComparison.Ordinal);
        var view = (await Estates.GetDeathCaseAsync(registrar, member, Cancel))!;
        Assert.True(view.IsOpen);
        Assert.Equal(100, view.HoldingShares);
    }

    [Fact]
    public async Task A_nominee_is_paid_up_to_five_thousand_pounds_and_the_case_closes_with_a_final_statement()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 5_000);
        await Estates.RecordNominationAsync(registrar, member, Nominee("Pat Ó Briain", "60"), Cancel);
        await Estates.RecordNominationAsync(registrar, member, Nominee("Sam Ó Briain", "40"), Cancel);
        var entered = Today;
        AdvanceDays(40);
        await Estates.RecordDeathAsync(registrar, member, entered.AddDays(20), entered.AddDays(30), "Pat Ó Briain", Cancel);
        await Estates.RecordEvidenceAsync(registrar, member, "Death certificate seen, entry 123", nominationFound: true, Cancel);

        await Estates.SettleAsync(registrar, member, new SettlementForm { Route = EstateRoute.PaidToNominees, On = Today, Reference = "BACS 991" }, Cancel);

        var view = (await Estates.GetDeathCaseAsync(registrar, member, Cancel))!;
        Assert.False(view.IsOpen);
        Assert.Equal(Money.FromPounds(5_000), view.Settled);
        Assert.Contains("Pat Ó Briain 60 % £3,000.00", view.SettledTo, StringComparison.Ordinal);
        Assert.Contains("Sam Ó Briain 40 % £2,000.00", view.SettledTo, StringComparison.Ordinal);
        await using (var db = Host.NewContext())
        {
            var entry = await db.LedgerEntries.SingleAsync(e => e.MemberId == member && e.Kind == LedgerEntryKind.Transmission, Cancel);
            Assert.Equal(-5_000, entry.Shares);
            Assert.Equal(-500_000, entry.AmountPaidPence);
            Assert.Equal("BACS 991", entry.Reference);
            Assert.Equal(0, (await db.Holdings.SingleAsync(h => h.MemberId == member, Cancel)).Shares);
            await CoopRegister.Features.Shares.HoldingMovements.RequireNotFrozenAsync(db, member, Cancel);
        }

        var statement = (await Estates.RenderFinalStatementAsync(registrar, member, Cancel))!.Value;
        using var pdf = PdfDocument.Open(statement.Pdf);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Shares transmitted on death", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paying_more_than_five_thousand_pounds_to_a_nominee_or_without_probate_is_refused_and_the_estate_route_is_open()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 6_000);
        await Estates.RecordNominationAsync(registrar, member, Nominee(), Cancel);
        AdvanceDays(10);
        await Estates.RecordDeathAsync(registrar, member, Today.AddDays(-5), Today, "Pat Ó Briain", Cancel);
        await Estates.RecordEvidenceAsync(registrar, member, "Death certificate seen", nominationFound: true, Cancel);

        foreach (var route in new[] { EstateRoute.PaidToNominees, EstateRoute.PaidWithoutProbate })
        {
            var ex = await Assert.ThrowsAsync<DomainException>(() => Estates.SettleAsync(registrar, member, new SettlementForm { Route = route, On = Today, PaidTo = "Pat" }, Cancel));
            var v = Assert.Single(ex.Violations);
            Assert.Equal("Route", v.Field);
            Assert.Contains("£6,000.00", v.Message, StringComparison.Ordinal);
            Assert.Contains("at most £5,000 may be paid to nominees or without probate (Act s.37, s.40)", v.Message, StringComparison.Ordinal);
        }

        await using (var db = Host.NewContext())
        {
            Assert.Equal(6_000, (await db.Holdings.SingleAsync(h => h.MemberId == member, Cancel)).Shares);
        }

        await Estates.SettleAsync(registrar, member, new SettlementForm { Route = EstateRoute.PaidToEstate, On = Today, PaidTo = "Executors of Zoë Ó Briain (probate 2026/77)" }, Cancel);
        Assert.Equal(EstateRoute.PaidToEstate, (await Estates.GetDeathCaseAsync(registrar, member, Cancel))!.Route);
    }

    [Fact]
    public async Task Settling_needs_the_evidence_first_and_a_nomination_in_force_to_pay_nominees()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 100);
        AdvanceDays(10);
        await Estates.RecordDeathAsync(registrar, member, Today.AddDays(-5), Today, "Pat Ó Briain", Cancel);

        var noEvidence = await Assert.ThrowsAsync<DomainException>(() => Estates.SettleAsync(registrar, member, new SettlementForm { Route = EstateRoute.PaidWithoutProbate, On = Today, PaidTo = "Pat" }, Cancel));
        Assert.Contains(noEvidence.Violations, v => v.Field == "Evidence");
        await Estates.RecordEvidenceAsync(registrar, member, "Death certificate seen", nominationFound: false, Cancel);
        var noNominee = await Assert.ThrowsAsync<DomainException>(() => Estates.SettleAsync(registrar, member, new SettlementForm { Route = EstateRoute.PaidToNominees, On = Today }, Cancel));
        Assert.Contains("no nomination in force", noNominee.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shares_pass_to_a_beneficiary_member_only_within_their_cap()
    {
        var registrar = await RegistrarAsync();
        var deceased = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 2_000);
        var rich = await AdmitAsync(registrar, "Rich Relative", "rich@example.org", 99_000);
        var heir = await AdmitAsync(registrar, "Pat Ó Briain", "pat@example.org", 10);
        AdvanceDays(10);
        await Estates.RecordDeathAsync(registrar, deceased, Today.AddDays(-5), Today, "Pat Ó Briain", Cancel);
        await Estates.RecordEvidenceAsync(registrar, deceased, "Probate seen", nominationFound: false, Cancel);

        var richNumber = await MemberNumberAsync(rich);
        var over = await Assert.ThrowsAsync<DomainException>(() => Estates.SettleAsync(registrar, deceased,
            new SettlementForm { Route = EstateRoute.TransmittedToMember, On = Today, BeneficiaryMemberNumber = richNumber }, Cancel));
        var v = Assert.Single(over.Violations);
        Assert.Equal("ToMember", v.Field);
        Assert.Contains("Holding would be £101,000.00", v.Message, StringComparison.Ordinal);
        Assert.Contains("£100,000", v.Message, StringComparison.Ordinal);

        await Estates.SettleAsync(registrar, deceased, new SettlementForm { Route = EstateRoute.TransmittedToMember, On = Today, BeneficiaryMemberNumber = await MemberNumberAsync(heir) }, Cancel);

        await using var db = Host.NewContext();
        Assert.Equal(0, (await db.Holdings.SingleAsync(h => h.MemberId == deceased, Cancel)).Shares);
        Assert.Equal(2_010, (await db.Holdings.SingleAsync(h => h.MemberId == heir, Cancel)).Shares);
        Assert.Equal(99_000, (await db.Holdings.SingleAsync(h => h.MemberId == rich, Cancel)).Shares);
        var incoming = await db.LedgerEntries.SingleAsync(e => e.MemberId == heir && e.Kind == LedgerEntryKind.Transmission, Cancel);
        Assert.Equal(2_000, incoming.Shares);
        Assert.Equal(heir, (await db.DeathCases.SingleAsync(d => d.MemberId == deceased, Cancel)).TransmittedToMemberId);
    }

    [Fact]
    public async Task The_register_as_at_dates_around_the_death_shows_the_member_then_the_end_date_then_the_holding_gone()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 300);
        var entered = Today;
        AdvanceDays(60);
        var died = entered.AddDays(20);
        var settled = entered.AddDays(50);
        await Estates.RecordDeathAsync(registrar, member, died, entered.AddDays(25), "Pat Ó Briain", Cancel);
        await Estates.RecordEvidenceAsync(registrar, member, "Death certificate seen", nominationFound: false, Cancel);
        await Estates.SettleAsync(registrar, member, new SettlementForm { Route = EstateRoute.PaidWithoutProbate, On = settled, PaidTo = "Pat Ó Briain, next of kin" }, Cancel);

        static string[] Row(List<string[]> rows) => Assert.Single(rows, r => r[1] == "Zoë Ó Briain");
        var before = Row(await RegisterAsAtAsync(registrar, died.AddDays(-1)));
        Assert.Equal(["300", ""], new[] { before[12], before[15] });
        var onDeath = Row(await RegisterAsAtAsync(registrar, died));
        Assert.Equal(["300", died.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)], new[] { onDeath[12], onDeath[15] });
        var afterSettlement = Row(await RegisterAsAtAsync(registrar, settled));
        Assert.Equal("0", afterSettlement[12]);
        Assert.Equal(died.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), afterSettlement[15]);
    }

    [Fact]
    public async Task A_member_sees_their_own_nominations_and_never_another_members()
    {
        var registrar = await RegistrarAsync();
        var zoe = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 100);
        var other = await AdmitAsync(registrar, "Other Member", "other@example.org", 100);
        await Estates.RecordNominationAsync(registrar, zoe, Nominee("Pat Ó Briain"), Cancel);
        await Estates.RecordNominationAsync(registrar, other, Nominee("Secret Nominee"), Cancel);
        await using (var db = Host.NewContext())
        {
            var user = await db.Users.SingleAsync(u => u.MemberId == zoe, Cancel);
            user.EmailConfirmed = true;
            await db.SaveChangesAsync(Cancel);
        }

        var member = await Host.ActorForAsync("zoe@example.org");
        var mine = (await Estates.GetMyNominationsAsync(member, Cancel))!;

        Assert.Equal(zoe, mine.MemberId);
        Assert.Equal("Pat Ó Briain", Assert.Single(mine.Entries).NomineeName);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Estates.GetNominationsAsync(member, other, Cancel));
    }

    [Fact]
    public async Task A_read_only_login_cannot_write_nominations_or_record_a_death()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 100);
        var auditor = await Host.CreateLoginAsync("auditor@example.org", Roles.Auditor);

        Assert.NotNull(await Estates.GetNominationsAsync(auditor, member, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Estates.RecordNominationAsync(auditor, member, Nominee(), Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Estates.RecordDeathAsync(auditor, member, Today, Today, "someone", Cancel));
        await using var db = Host.NewContext();
        Assert.False(await db.Nominations.AnyAsync(Cancel));
        Assert.False(await db.DeathCases.AnyAsync(Cancel));
    }

    [Fact]
    public async Task The_part_no_nomination_covers_is_paid_to_the_persons_entitled_without_probate()
    {
        var registrar = await RegistrarAsync();
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 1_000);
        await Estates.RecordNominationAsync(registrar, member, Nominee("Pat Ó Briain", "75"), Cancel);
        AdvanceDays(10);
        await Estates.RecordDeathAsync(registrar, member, Today.AddDays(-5), Today, "Pat Ó Briain", Cancel);
        await Estates.RecordEvidenceAsync(registrar, member, "Death certificate seen", nominationFound: true, Cancel);

        await Estates.SettleAsync(registrar, member, new SettlementForm { Route = EstateRoute.PaidToNominees, On = Today, PaidTo = "Chris Ó Briain, widower" }, Cancel);

        var view = (await Estates.GetDeathCaseAsync(registrar, member, Cancel))!;
        Assert.Equal("Pat Ó Briain 75 % £750.00; the rest, £250.00, to Chris Ó Briain, widower without probate (Act s.40)", view.SettledTo);
        Assert.Equal(Money.FromPounds(1_000), view.Settled);
    }

    [Fact]
    public async Task Two_registrars_settling_the_same_estate_at_once_settle_it_exactly_once()
    {
        var registrar = await RegistrarAsync();
        var second = await Host.CreateLoginAsync("reg2@example.org", Roles.Registrar);
        var member = await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org", 100);
        AdvanceDays(10);
        await Estates.RecordDeathAsync(registrar, member, Today.AddDays(-5), Today, "Pat Ó Briain", Cancel);
        await Estates.RecordEvidenceAsync(registrar, member, "Death certificate seen", nominationFound: false, Cancel);
        var form = new SettlementForm { Route = EstateRoute.PaidWithoutProbate, On = Today, PaidTo = "Pat Ó Briain" };

        var a = Task.Run(() => Host.Services.CreateScope().ServiceProvider.GetRequiredService<EstateService>().SettleAsync(registrar, member, form, Cancel), Cancel);
        var b = Task.Run(() => Host.Services.CreateScope().ServiceProvider.GetRequiredService<EstateService>().SettleAsync(second, member, form, Cancel), Cancel);
        var outcomes = await Task.WhenAll(Outcome(a), Outcome(b));

        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.Contains(outcomes, o => o is ConflictException or DomainException);
        await using var db = Host.NewContext();
        Assert.Equal(1, await db.LedgerEntries.CountAsync(e => e.Kind == LedgerEntryKind.Transmission, Cancel));
        Assert.Equal(0, (await db.Holdings.SingleAsync(h => h.MemberId == member, Cancel)).Shares);
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

public sealed class EstateServiceTestsOnSqlite() : EstateServiceTests(DatabaseProvider.Sqlite);

public sealed class EstateServiceTestsOnPostgres() : EstateServiceTests(DatabaseProvider.Postgres);
