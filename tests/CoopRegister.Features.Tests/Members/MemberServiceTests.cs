using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Members;
using CoopRegister.Features.Portal;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Members;

public abstract class MemberServiceTests(DatabaseProvider provider) : RegisterTest(provider)
{
    private MemberService Members => Host.Get<MemberService>();

    private ApplicationService Applications => Host.Get<ApplicationService>();

    private DateOnly Today => DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime);

    private async Task<Actor> RegistrarAsync()
    {
        await Host.SetUpSocietyAsync();
        return await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
    }

    private async Task<long> AdmitAsync(Actor registrar, ApplicationForm form, DateOnly? on = null)
    {
        var s = await Applications.SubmitAsync(form, Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, on ?? Today, PaymentMethod.BankTransfer, null, Cancel);
        return (await Applications.AllotAsync(registrar, [s.Id], on ?? Today, Site, Cancel)).Lines.Single().MemberId;
    }

    [Fact]
    public async Task Search_finds_members_by_name_prefix_ignoring_accents_by_number_postcode_and_email()
    {
        var registrar = await RegistrarAsync();
        await AdmitAsync(registrar, Individual("Zoë Ó Briain", "zoe@example.org", postcode: "E3 2NS"));
        await AdmitAsync(registrar, Individual("Łukasz Żółkiewski", "lukasz@example.org", postcode: "M1 1AE"));
        await AdmitAsync(registrar, Individual("Ngozi Ọkọnkwọ", "ngozi@example.org", postcode: "SW1A 1AA"));

        async Task<List<string>> Find(string q) => (await Members.SearchAsync(registrar, new MemberQuery(q), Cancel)).Rows.Select(r => r.Name).ToList();

        Assert.Equal(["Zoë Ó Briain"], await Find("zoe"));
        Assert.Equal(["Zoë Ó Briain"], await Find("o bri"));
        Assert.Equal(["Łukasz Żółkiewski"], await Find("ZOLK"));
        Assert.Equal(["Ngozi Ọkọnkwọ"], await Find("okonkwo"));
        Assert.Equal(["Łukasz Żółkiewski"], await Find("2"));
        Assert.Equal(["Ngozi Ọkọnkwọ"], await Find("sw1a"));
        Assert.Equal(["Zoë Ó Briain"], await Find("E3 2NS"));
        Assert.Equal(["Łukasz Żółkiewski"], await Find("LUKASZ@"));
        Assert.Empty(await Find("nobody"));
        Assert.Equal("postcode", (await Members.SearchAsync(registrar, new MemberQuery("sw1a"), Cancel)).SearchedBy);
    }

    [Fact]
    public async Task The_list_pages_and_sorts_on_the_server()
    {
        var registrar = await RegistrarAsync();
        foreach (var n in new[] { "Carys Evans", "Aled Jones", "Bethan Rees" })
        {
            await AdmitAsync(registrar, Individual(n, n.Replace(' ', '.') + "@example.org"));
        }

        var byName = await Members.SearchAsync(registrar, new MemberQuery(Sort: MemberSort.Name, Take: 2), Cancel);
        Assert.Equal(3, byName.Total);
        Assert.Equal(["Aled Jones", "Bethan Rees"], byName.Rows.Select(r => r.Name));
        var next = await Members.SearchAsync(registrar, new MemberQuery(Sort: MemberSort.Name, Skip: 2, Take: 2), Cancel);
        Assert.Equal(["Carys Evans"], next.Rows.Select(r => r.Name));
        var byNumberDesc = await Members.SearchAsync(registrar, new MemberQuery(Descending: true), Cancel);
        Assert.Equal([3L, 2L, 1L], byNumberDesc.Rows.Select(r => r.MemberNumber));
    }

    [Fact]
    public async Task The_register_as_at_a_date_shows_who_was_a_member_and_what_they_held_then()
    {
        var registrar = await RegistrarAsync();
        var jan = new DateOnly(2026, 1, 15);
        var early = await AdmitAsync(registrar, Individual("Early Bird", "early@example.org", shares: 10), jan);
        var topUp = await Applications.SubmitTopUpAsync(await MemberLoginAsync(early), 15, PaymentMethod.BankTransfer, "", null, Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, topUp.Id, topUp.Amount.Pence, new DateOnly(2026, 6, 1), PaymentMethod.BankTransfer, null, Cancel);
        await Applications.AllotAsync(registrar, [topUp.Id], new DateOnly(2026, 6, 1), Site, Cancel);
        await AdmitAsync(registrar, Individual("Late Comer", "late@example.org"), Today);

        var march = await Members.SearchAsync(registrar, new MemberQuery(AsAt: new DateOnly(2026, 3, 1)), Cancel);
        var row = Assert.Single(march.Rows);
        Assert.Equal(10, row.Shares);
        Assert.Equal(new Money(10_00), row.AmountPaid);

        var july = await Members.SearchAsync(registrar, new MemberQuery(AsAt: new DateOnly(2026, 7, 1)), Cancel);
        Assert.Equal(25, Assert.Single(july.Rows).Shares);
        Assert.Equal(2, (await Members.SearchAsync(registrar, new MemberQuery(AsAt: Today), Cancel)).Total);
        Assert.Empty((await Members.SearchAsync(registrar, new MemberQuery(AsAt: new DateOnly(2025, 12, 31)), Cancel)).Rows);
    }

    [Fact]
    public async Task A_mistaken_allotment_is_corrected_by_a_reversal_that_names_it_and_nothing_is_deleted()
    {
        var registrar = await RegistrarAsync();
        var id = await AdmitAsync(registrar, Individual(shares: 40));
        var entry = (await Members.GetAsync(registrar, id, Cancel))!.Ledger.Single();

        await Members.ReverseEntryAsync(registrar, entry.Id, Today, "Cheque returned unpaid", Cancel);

        var after = (await Members.GetAsync(registrar, id, Cancel))!;
        Assert.Equal(2, after.Ledger.Count);
        Assert.True(after.Ledger[0].Reversed);
        Assert.Equal(LedgerEntryKind.Reversal, after.Ledger[1].Kind);
        Assert.Equal(entry.Id, after.Ledger[1].ReversesEntryId);
        Assert.Equal(-40, after.Ledger[1].Shares);
        Assert.Equal(0, after.Holdings.Single().Shares);
        Assert.Contains(after.Audit, a => a.Action == "ledger.reversed" && a.Summary.Contains("Cheque returned unpaid", StringComparison.Ordinal));
        var twice = await Assert.ThrowsAsync<DomainException>(() => Members.ReverseEntryAsync(registrar, entry.Id, Today, "again", Cancel));
        Assert.Contains("already been reversed", twice.Message, StringComparison.Ordinal);
        Assert.Empty(await Members.VerifyHoldingsAsync(registrar, Cancel));
    }

    [Fact]
    public async Task Editing_contact_details_is_audited_with_before_and_after_and_a_stale_form_is_refused()
    {
        var registrar = await RegistrarAsync();
        var id = await AdmitAsync(registrar, Individual());
        var view = (await Members.GetAsync(registrar, id, Cancel))!;

        await Members.UpdateDetailsAsync(registrar, id, view.Details with { Address = "1 New Street\nLeeds", Postcode = "ls1 1aa" }, false, view.Version, Cancel);

        var after = (await Members.GetAsync(registrar, id, Cancel))!;
        Assert.Equal("LS1 1AA", after.Details.Postcode);
        var audit = after.Audit.First();
        Assert.Equal("member.details-changed", audit.Action);
        Assert.Contains("address", audit.Summary, StringComparison.Ordinal);
        Assert.Contains("E3 2NS", audit.Before, StringComparison.Ordinal);
        Assert.Contains("LS1 1AA", audit.After, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConflictException>(() =>
            Members.UpdateDetailsAsync(registrar, id, view.Details with { Phone = "01234 567890" }, false, view.Version, Cancel));
    }

    [Fact]
    public async Task A_cached_holding_that_disagrees_with_the_ledger_is_reported()
    {
        var registrar = await RegistrarAsync();
        var id = await AdmitAsync(registrar, Individual(shares: 12));
        await using (var db = Host.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Holdings\" SET \"Shares\" = 13", Cancel);
        }

        var wrong = Assert.Single(await Members.VerifyHoldingsAsync(registrar, Cancel));
        Assert.Equal(id, wrong.MemberId);
        Assert.Equal(13, wrong.CachedShares);
        Assert.Equal(12, wrong.LedgerShares);
    }

    [Fact]
    public async Task A_member_sees_only_their_own_record_in_the_portal_and_changes_their_own_address()
    {
        var registrar = await RegistrarAsync();
        var aId = await AdmitAsync(registrar, Individual("Aoife Ní Bhriain", "aoife@example.org"));
        var bId = await AdmitAsync(registrar, Individual("Bryn Williams", "bryn@example.org", postcode: "CF10 1AA"));
        var a = await MemberLoginAsync(aId);
        var portal = Host.Get<PortalService>();

        var mine = (await portal.GetMineAsync(a, Cancel))!;
        Assert.Equal(aId, mine.Id);
        Assert.Empty(mine.Audit);
        var form = ContactForm.From(mine);
        form.Address = "3 Harbour View\nGalway";
        form.Country = "Ireland";
        form.Postcode = "H91 X2Y3";
        await portal.UpdateMyContactAsync(a, form, mine.Version, Cancel);

        Assert.Equal("Ireland", (await portal.GetMineAsync(a, Cancel))!.Details.Country);
        Assert.Equal("CF10 1AA", (await Members.GetAsync(registrar, bId, Cancel))!.Details.Postcode);

        // The member's login carries no register permission, whatever identifiers it sends.
        await Assert.ThrowsAsync<AccessDeniedException>(() => Members.GetAsync(a, bId, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Members.SearchAsync(a, new MemberQuery("bryn"), Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Applications.GetAsync(a, 1, Cancel));
    }

    [Fact]
    public async Task A_member_tops_up_from_the_portal_within_the_cap()
    {
        var registrar = await RegistrarAsync();
        var id = await AdmitAsync(registrar, Individual(shares: 99_000));
        var member = await MemberLoginAsync(id);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Applications.SubmitTopUpAsync(member, 1_001, PaymentMethod.BankTransfer, "", null, Site, Cancel));
        Assert.Contains("At most 1,000 more shares", ex.Message, StringComparison.Ordinal);

        var ok = await Applications.SubmitTopUpAsync(member, 1_000, PaymentMethod.BankTransfer, "", null, Site, Cancel);
        Assert.Equal(new Money(1_000_00), ok.Amount);
        Assert.Contains((await Host.Get<PortalService>().GetMineAsync(member, Cancel))!.Applications, a => a.Reference == ok.Reference);
    }

    private async Task<Actor> MemberLoginAsync(long memberId)
    {
        await using var db = Host.NewContext();
        var user = await db.Users.SingleAsync(u => u.MemberId == memberId, Cancel);
        user.EmailConfirmed = true;
        await db.SaveChangesAsync(Cancel);
        return await Host.ActorForAsync(user.Email!);
    }
}

public sealed class MemberServiceTestsOnSqlite() : MemberServiceTests(DatabaseProvider.Sqlite);

public sealed class MemberServiceTestsOnPostgres() : MemberServiceTests(DatabaseProvider.Postgres);
