using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Certificates;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Certificates;
using CoopRegister.Features.Exports;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Society;
using CoopRegister.Features.Tests.Infrastructure;
using CoopRegister.Features.Transfers;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Transfers;

public abstract class TransferServiceTests(DatabaseProvider provider) : RegisterTest(provider)
{
    private ApplicationService Applications => Host.Get<ApplicationService>();

    private TransferService Transfers => Host.Get<TransferService>();

    private DateOnly Today => DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime);

    /// <summary>A society whose rules make ordinary shares transferable, with the given minimum and maximum holding.</summary>
    private async Task<Actor> SetUpAsync(bool transferable = true, int minimumShares = 1, long maximumPence = 100_000_00)
    {
        var admin = await Host.SetUpSocietyAsync();
        var societies = Host.Get<SocietyService>();
        var view = await societies.GetAsync(Cancel);
        await societies.UpdateAsync(admin, view!.Details with { SharesTransferable = transferable, MinimumHoldingShares = minimumShares, MaximumHoldingPence = maximumPence },
            view.Version, Cancel);
        var certificates = Host.Get<CertificateSettingsService>();
        var settings = await certificates.GetAsync(admin, Cancel);
        await certificates.UpdateAsync(admin, true, CertificateMode.Consolidated, "Ben Chacko", "Chair", "Rosa Luxemburg", "Secretary", settings.Version, Cancel);
        return await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
    }

    private async Task<(long Id, long Number)> AdmitAsync(Actor registrar, ApplicationForm form)
    {
        var s = await Applications.SubmitAsync(form, Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
        var line = (await Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel)).Lines.Single();
        return (line.MemberId, line.MemberNumber);
    }

    private TransferForm Form(long from, long? to, long shares, DateOnly? on = null)
    {
        var date = on ?? Today;
        return new TransferForm
        {
            FromMemberNumber = from,
            ToMemberNumber = to,
            Shares = shares,
            FormSignedOn = date,
            ConsentedOn = date,
            ConsentMinutes = "Committee minutes 2026/11 item 4",
            EffectiveDate = date,
        };
    }

    private async Task<long> HoldingAsync(long memberId)
    {
        await using var db = Host.NewContext();
        return await db.Holdings.Where(h => h.MemberId == memberId).SumAsync(h => h.Shares, Cancel);
    }

    private async Task<(int Transfers, int Entries, int Members, int Certificates)> CountsAsync()
    {
        await using var db = Host.NewContext();
        return (await db.Transfers.CountAsync(Cancel), await db.LedgerEntries.CountAsync(Cancel), await db.Members.CountAsync(Cancel), await db.Certificates.CountAsync(Cancel));
    }

    [Fact]
    public async Task A_transfer_to_an_existing_member_writes_a_transfer_out_and_a_transfer_in_and_supersedes_both_sides_certificates()
    {
        var registrar = await SetUpAsync();
        var (fromId, fromNumber) = await AdmitAsync(registrar, Individual("Ann Sender", "ann@example.org", shares: 50));
        var (toId, toNumber) = await AdmitAsync(registrar, Individual("Bob Taker", "bob@example.org", shares: 20, postcode: "N1 9GU"));

        var result = await Transfers.RecordAsync(registrar, Form(fromNumber, toNumber, 30), Site, Cancel);

        Assert.False(result.ToMemberAdmitted);
        Assert.False(result.FromMemberCeased);
        Assert.Equal(20, await HoldingAsync(fromId));
        Assert.Equal(50, await HoldingAsync(toId));
        await using var db = Host.NewContext();
        var transfer = await db.Transfers.SingleAsync(Cancel);
        Assert.Equal(3000, transfer.AmountPaidPence);
        var entries = await db.LedgerEntries.Where(e => e.Id == transfer.OutEntryId || e.Id == transfer.InEntryId).ToListAsync(Cancel);
        Assert.Contains(entries, e => e.Kind == LedgerEntryKind.TransferOut && e.MemberId == fromId && e.Shares == -30 && e.AmountPaidPence == -3000);
        Assert.Contains(entries, e => e.Kind == LedgerEntryKind.TransferIn && e.MemberId == toId && e.Shares == 30 && e.AmountPaidPence == 3000);

        // Each side's allotment certificate is superseded by one balance certificate for what it now holds.
        var certificates = await db.Certificates.AsNoTracking().ToListAsync(Cancel);
        Assert.Equal(2, certificates.Count(c => c.Status == CertificateStatus.Superseded));
        Assert.Equal(20, certificates.Single(c => c.MemberId == fromId && c.Status == CertificateStatus.Issued).Shares);
        Assert.Equal(50, certificates.Single(c => c.MemberId == toId && c.Status == CertificateStatus.Issued).Shares);
        Assert.All(certificates.Where(c => c.Status == CertificateStatus.Superseded), c => Assert.NotNull(c.ReplacedById));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "transfer.registered", Cancel));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "shares.transferout" && e.MemberId == fromId, Cancel));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "shares.transferin" && e.MemberId == toId, Cancel));

        var listed = Assert.Single((await Transfers.ListAsync(registrar, toId, cancellationToken: Cancel)).Rows);
        Assert.Equal((fromNumber, toNumber, 30L), (listed.FromMemberNumber, listed.ToMemberNumber, listed.Shares));
    }

    [Fact]
    public async Task A_transfer_to_a_new_person_admits_them_with_the_next_member_number_a_certificate_and_a_login_invitation()
    {
        var registrar = await SetUpAsync();
        var (fromId, fromNumber) = await AdmitAsync(registrar, Individual("Ann Sender", "ann@example.org", shares: 50));
        var form = Form(fromNumber, null, 10);
        form.ToNewMember = true;
        form.NewMember.Name = "Chidi Okafor";
        form.NewMember.Address = "3 Mill Lane\nLeeds";
        form.NewMember.Postcode = "LS1 4AP";
        form.NewMember.Email = "chidi@example.org";
        form.NewMember.DateOfBirth = new DateOnly(1990, 3, 2);

        var result = await Transfers.RecordAsync(registrar, form, Site, Cancel);

        Assert.True(result.ToMemberAdmitted);
        Assert.Null(result.InvitationProblem);
        Assert.Equal(fromNumber + 1, result.ToMemberNumber);
        Assert.Equal(10, await HoldingAsync(result.ToMemberId));
        Assert.Equal(40, await HoldingAsync(fromId));
        await using var db = Host.NewContext();
        var member = await db.Members.SingleAsync(m => m.Id == result.ToMemberId, Cancel);
        Assert.Equal(Today, member.DateEntered);
        Assert.Equal("Chidi Okafor", member.Details.Name);
        Assert.Equal(10, (await db.Certificates.SingleAsync(c => c.MemberId == member.Id, Cancel)).Shares);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "member.admitted" && e.MemberId == member.Id, Cancel));
        Assert.Equal(member.Id, await db.Users.Where(u => u.Email == "chidi@example.org").Select(u => u.MemberId).SingleAsync(Cancel));
        Assert.Contains(Host.OutboxFiles(), f => File.ReadAllText(f).Contains("chidi@example.org", StringComparison.Ordinal));

        // The next new member, however admitted, takes the following number: no gap, no reuse.
        var (_, next) = await AdmitAsync(registrar, Individual("Dee Next", "dee@example.org", postcode: "M1 1AE"));
        Assert.Equal(result.ToMemberNumber + 1, next);
    }

    [Fact]
    public async Task A_new_transferee_who_looks_like_an_existing_member_is_refused_until_the_registrar_confirms_it()
    {
        var registrar = await SetUpAsync();
        var (_, fromNumber) = await AdmitAsync(registrar, Individual("Ann Sender", "ann@example.org", shares: 50));
        await AdmitAsync(registrar, Individual("Bob Taker", "bob@example.org", shares: 5, postcode: "N1 9GU"));
        var form = Form(fromNumber, null, 10);
        form.ToNewMember = true;
        form.NewMember.Name = "Bob Taker";
        form.NewMember.Address = "1 Other Street\nLondon";
        form.NewMember.Postcode = "N1 9GU";
        form.NewMember.DateOfBirth = new DateOnly(1970, 1, 1);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Transfers.RecordAsync(registrar, form, Site, Cancel));
        Assert.Contains(refused.Violations, v => v.Field == "ToMember" && v.Message.Contains("looks like existing member 2", StringComparison.Ordinal));

        form.NotAnExistingMember = true;
        var result = await Transfers.RecordAsync(registrar, form, Site, Cancel);
        Assert.Equal(3, result.ToMemberNumber);
    }

    [Fact]
    public async Task A_class_that_is_not_transferable_under_the_rules_is_refused_and_nothing_is_written()
    {
        var registrar = await SetUpAsync(transferable: false);
        var (_, fromNumber) = await AdmitAsync(registrar, Individual("Ann Sender", "ann@example.org", shares: 50));
        var (_, toNumber) = await AdmitAsync(registrar, Individual("Bob Taker", "bob@example.org", shares: 20, postcode: "N1 9GU"));
        var before = await CountsAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => Transfers.RecordAsync(registrar, Form(fromNumber, toNumber, 10), Site, Cancel));

        var violation = Assert.Single(refused.Violations);
        Assert.Equal("ShareClass", violation.Field);
        Assert.Contains("not transferable under the society's rules", violation.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
        Assert.Empty((await Transfers.GetTermsAsync(registrar, Cancel)).Classes);
    }

    [Fact]
    public async Task A_transfer_that_takes_the_transferee_over_the_maximum_holding_is_refused_and_nothing_is_written()
    {
        var registrar = await SetUpAsync(maximumPence: 500_00);
        var (fromId, fromNumber) = await AdmitAsync(registrar, Individual("Ann Sender", "ann@example.org", shares: 400));
        var (toId, toNumber) = await AdmitAsync(registrar, Individual("Bob Taker", "bob@example.org", shares: 300, postcode: "N1 9GU"));
        var before = await CountsAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => Transfers.RecordAsync(registrar, Form(fromNumber, toNumber, 250), Site, Cancel));

        var cap = Assert.Single(refused.Violations, v => v.Field == "Shares");
        Assert.Contains("Holding would be £550.00", cap.Message, StringComparison.Ordinal);
        Assert.Contains("At most 200 more shares", cap.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(400, await HoldingAsync(fromId));
        Assert.Equal(300, await HoldingAsync(toId));
    }

    [Fact]
    public async Task The_transferor_cannot_give_more_than_they_hold_nor_transfer_to_themselves()
    {
        var registrar = await SetUpAsync();
        var (_, fromNumber) = await AdmitAsync(registrar, Individual("Ann Sender", "ann@example.org", shares: 50));
        var (_, toNumber) = await AdmitAsync(registrar, Individual("Bob Taker", "bob@example.org", shares: 20, postcode: "N1 9GU"));

        var tooMany = await Assert.ThrowsAsync<DomainException>(() => Transfers.RecordAsync(registrar, Form(fromNumber, toNumber, 51), Site, Cancel));
        Assert.Contains(tooMany.Violations, v => v.Field == "Shares" && v.Message.Contains("holds 50 shares", StringComparison.Ordinal));
        var self = await Assert.ThrowsAsync<DomainException>(() => Transfers.RecordAsync(registrar, Form(fromNumber, fromNumber, 5), Site, Cancel));
        Assert.Contains(self.Violations, v => v.Field == "ToMember");
        var noConsent = Form(fromNumber, toNumber, 5);
        noConsent.ConsentMinutes = "";
        noConsent.ConsentedOn = Today.AddDays(-3);
        noConsent.FormSignedOn = Today.AddDays(-1);
        var consent = await Assert.ThrowsAsync<DomainException>(() => Transfers.RecordAsync(registrar, noConsent, Site, Cancel));
        Assert.Contains(consent.Violations, v => v.Field == "ConsentMinutes");
        Assert.Contains(consent.Violations, v => v.Field == "ConsentedOn");
        Assert.Equal(0, (await CountsAsync()).Transfers);
    }

    [Fact]
    public async Task A_transferor_left_below_the_minimum_holding_ceases_to_be_a_member_on_the_transfer_date()
    {
        var registrar = await SetUpAsync(minimumShares: 10);
        var (fromId, fromNumber) = await AdmitAsync(registrar, Individual("Ann Sender", "ann@example.org", shares: 50));
        var (_, toNumber) = await AdmitAsync(registrar, Individual("Bob Taker", "bob@example.org", shares: 20, postcode: "N1 9GU"));

        var result = await Transfers.RecordAsync(registrar, Form(fromNumber, toNumber, 45), Site, Cancel);

        Assert.True(result.FromMemberCeased);
        await using var db = Host.NewContext();
        var from = await db.Members.SingleAsync(m => m.Id == fromId, Cancel);
        Assert.Equal(Today, from.DateCeased);
        Assert.Equal(CessationKind.BelowMinimum, from.CeasedKind);
        Assert.Contains("minimum holding is 10", from.CeasedReason, StringComparison.Ordinal);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "member.ceased" && e.MemberId == fromId, Cancel));

        // A former member's shares cannot be transferred again.
        var again = await Assert.ThrowsAsync<DomainException>(() => Transfers.RecordAsync(registrar, Form(fromNumber, toNumber, 5), Site, Cancel));
        Assert.Contains(again.Violations, v => v.Field == "FromMember" && v.Message.Contains("ceased", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_register_as_at_dates_around_a_transfer_shows_the_holdings_before_and_after_it()
    {
        var registrar = await SetUpAsync();
        var joined = Today;
        var (_, fromNumber) = await AdmitAsync(registrar, Individual("Ann Sender", "ann@example.org", shares: 50));
        var (_, toNumber) = await AdmitAsync(registrar, Individual("Bob Taker", "bob@example.org", shares: 20, postcode: "N1 9GU"));
        Host.Clock.Advance(TimeSpan.FromDays(10));
        var effective = joined.AddDays(5);
        var form = Form(fromNumber, toNumber, 30, effective);
        form.FormSignedOn = joined.AddDays(3);

        await Transfers.RecordAsync(registrar, form, Site, Cancel);

        async Task<(string From, string To)> HeldAsync(DateOnly asAt)
        {
            using var stream = new MemoryStream();
            await Host.Get<ExportService>().WriteAsync(registrar, new ExportRequest(ExportKind.Register, asAt), stream, Cancel);
            using var reader = CsvReader.Create(new MemoryStream(stream.ToArray()), CsvReaderOptions.Default with { HasHeader = false });
            var rows = new List<string[]>();
            while (await reader.ReadAsync(Cancel))
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
            }

            return (rows.Single(r => r[0] == fromNumber.ToString(System.Globalization.CultureInfo.InvariantCulture))[12],
                rows.Single(r => r[0] == toNumber.ToString(System.Globalization.CultureInfo.InvariantCulture))[12]);
        }

        Assert.Equal(("50", "20"), await HeldAsync(effective.AddDays(-1)));
        Assert.Equal(("20", "50"), await HeldAsync(effective));
        Assert.Equal(("20", "50"), await HeldAsync(Today));
    }

    [Fact]
    public async Task A_holding_frozen_by_a_notified_death_can_neither_give_nor_receive_a_transfer()
    {
        var registrar = await SetUpAsync();
        var (fromId, fromNumber) = await AdmitAsync(registrar, Individual("Ann Sender", "ann@example.org", shares: 50));
        var (_, toNumber) = await AdmitAsync(registrar, Individual("Bob Taker", "bob@example.org", shares: 20, postcode: "N1 9GU"));
        await using (var db = Host.NewContext())
        {
            db.DeathCases.Add(Domain.Estates.DeathCase.Open(fromId, Today, Today, "Her daughter, by letter", Today, Today, Host.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(Cancel);
        }

        var giving = await Assert.ThrowsAsync<DomainException>(() => Transfers.RecordAsync(registrar, Form(fromNumber, toNumber, 10), Site, Cancel));
        Assert.Contains(giving.Violations, v => v.Field == "FromMember" && v.Message.Contains("frozen", StringComparison.Ordinal));
        var receiving = await Assert.ThrowsAsync<DomainException>(() => Transfers.RecordAsync(registrar, Form(toNumber, fromNumber, 10), Site, Cancel));
        Assert.Contains(receiving.Violations, v => v.Field == "ToMember" && v.Message.Contains("frozen", StringComparison.Ordinal));
        Assert.Equal(0, (await CountsAsync()).Transfers);
    }

    [Fact]
    public async Task Two_registrars_transferring_the_same_shares_at_once_cannot_both_succeed()
    {
        var registrar = await SetUpAsync();
        var (fromId, fromNumber) = await AdmitAsync(registrar, Individual("Ann Sender", "ann@example.org", shares: 50));
        var (_, toNumber) = await AdmitAsync(registrar, Individual("Bob Taker", "bob@example.org", shares: 20, postcode: "N1 9GU"));
        var (_, otherNumber) = await AdmitAsync(registrar, Individual("Cy Other", "cy@example.org", shares: 20, postcode: "M1 1AE"));

        var results = await Task.WhenAll(
            Attempt(() => Transfers.RecordAsync(registrar, Form(fromNumber, toNumber, 30), Site, Cancel)),
            Attempt(() => Host.Get<TransferService>().RecordAsync(registrar, Form(fromNumber, otherNumber, 30), Site, Cancel)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is DomainException or ConflictException);
        Assert.Equal(20, await HoldingAsync(fromId));
        Assert.Equal(1, (await CountsAsync()).Transfers);

        static async Task<Exception?> Attempt(Func<Task> action)
        {
            try
            {
                await action();
                return null;
            }
            catch (Exception ex) when (ex is DomainException or ConflictException)
            {
                return ex;
            }
        }
    }

    [Fact]
    public async Task Only_a_class_that_confers_membership_can_admit_a_new_member_by_transfer()
    {
        var registrar = await SetUpAsync();
        var admin = await Host.ActorForAsync("admin@example.org");
        var bonds = await Host.Get<CoopRegister.Features.Shares.ShareClassService>().CreateAsync(admin,
            new CoopRegister.Features.Shares.ShareClassForm { Code = "B", Name = "B shares", Transferable = true }, Cancel);
        var (_, fromNumber) = await AdmitAsync(registrar, Individual("Ann Sender", "ann@example.org", shares: 50));
        var form = Form(fromNumber, null, 1);
        form.ShareClassId = bonds;
        form.ToNewMember = true;
        form.NewMember.Name = "Chidi Okafor";
        form.NewMember.Address = "3 Mill Lane\nLeeds";
        form.NewMember.Postcode = "LS1 4AP";
        form.NewMember.DateOfBirth = new DateOnly(1990, 3, 2);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Transfers.RecordAsync(registrar, form, Site, Cancel));

        Assert.Contains(refused.Violations, v => v.Field == "ToMember" && v.Message.Contains("cannot admit a new member", StringComparison.Ordinal));
        Assert.Equal(2, (await Transfers.GetTermsAsync(registrar, Cancel)).Classes.Count);
    }

    [Fact]
    public async Task The_list_of_transfers_comes_newest_first_a_page_at_a_time()
    {
        var registrar = await SetUpAsync();
        var (_, fromNumber) = await AdmitAsync(registrar, Individual("Ann Sender", "ann@example.org", shares: 50));
        var (_, toNumber) = await AdmitAsync(registrar, Individual("Bob Taker", "bob@example.org", shares: 20, postcode: "N1 9GU"));
        foreach (var shares in new long[] { 1, 2, 3 })
        {
            await Transfers.RecordAsync(registrar, Form(fromNumber, toNumber, shares), Site, Cancel);
        }

        var first = await Transfers.ListAsync(registrar, pageSize: 2, cancellationToken: Cancel);
        var second = await Transfers.ListAsync(registrar, page: 1, pageSize: 2, cancellationToken: Cancel);

        Assert.Equal(3, first.Total);
        Assert.Equal([3L, 2L], first.Rows.Select(r => r.Shares));
        Assert.Equal([1L], second.Rows.Select(r => r.Shares));
    }

    [Fact]
    public async Task A_member_or_an_auditor_cannot_record_a_transfer_and_a_member_cannot_list_them()
    {
        var registrar = await SetUpAsync();
        var (_, fromNumber) = await AdmitAsync(registrar, Individual("Ann Sender", "ann@example.org", shares: 50));
        var (_, toNumber) = await AdmitAsync(registrar, Individual("Bob Taker", "bob@example.org", shares: 20, postcode: "N1 9GU"));
        var member = await Host.CreateLoginAsync("m@example.org", Roles.Member);
        var auditor = await Host.CreateLoginAsync("a@example.org", Roles.Auditor);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Transfers.RecordAsync(member, Form(fromNumber, toNumber, 5), Site, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Transfers.RecordAsync(auditor, Form(fromNumber, toNumber, 5), Site, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Transfers.ListAsync(member, cancellationToken: Cancel));
        Assert.Equal(0, (await Transfers.ListAsync(auditor, cancellationToken: Cancel)).Total);
        Assert.Equal(0, (await CountsAsync()).Transfers);
    }
}

public sealed class TransferServiceTestsOnSqlite() : TransferServiceTests(DatabaseProvider.Sqlite);

public sealed class TransferServiceTestsOnPostgres() : TransferServiceTests(DatabaseProvider.Postgres);
