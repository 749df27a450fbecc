using System.IO.Compression;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Certificates;
using CoopRegister.Features.Access;
using CoopRegister.Features.Certificates;
using CoopRegister.Features.Members;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Certificates;

public abstract class CertificateServiceTests(DatabaseProvider provider) : RegisterTest(provider)
{
    private CertificateService Certificates => Host.Get<CertificateService>();

    private ApplicationService Applications => Host.Get<ApplicationService>();

    private DateOnly Today => DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime);

    private async Task<(Actor Admin, Actor Registrar)> SetUpAsync(CertificateMode mode)
    {
        var admin = await Host.SetUpSocietyAsync();
        var settings = Host.Get<CertificateSettingsService>();
        var view = await settings.GetAsync(admin, Cancel);
        await settings.UpdateAsync(admin, true, mode, "Ben Chacko", "Chair", "Rosa Luxemburg", "Secretary", view.Version, Cancel);
        return (admin, await Host.CreateLoginAsync("reg@example.org", Roles.Registrar));
    }

    private async Task<long> AllotAsync(Actor registrar, ApplicationForm form, DateOnly? on = null)
    {
        var s = await Applications.SubmitAsync(form, Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, on ?? Today, PaymentMethod.BankTransfer, null, Cancel);
        return (await Applications.AllotAsync(registrar, [s.Id], on ?? Today, Site, Cancel)).Lines.Single().MemberId;
    }

    private async Task<long> TopUpAsync(Actor registrar, long memberId, long shares)
    {
        var form = Individual(shares: shares);
        var s = await Applications.SubmitAsync(form, Site, Cancel);
        await Applications.DecideMatchAsync(registrar, s.Id, MatchDecision.TopUpExisting, memberId, Cancel);
        await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
        await Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel);
        return s.Id;
    }

    [Fact]
    public async Task Allotment_issues_a_numbered_certificate_and_a_top_up_supersedes_it_with_a_balance_certificate()
    {
        var (_, registrar) = await SetUpAsync(CertificateMode.Consolidated);
        var memberId = await AllotAsync(registrar, Individual(shares: 50));

        var first = Assert.Single(await Certificates.ListForMemberAsync(registrar, memberId, Cancel));
        Assert.Equal(1, first.Number);
        Assert.Equal(50, first.Shares);
        Assert.Equal(CertificateStatus.Issued, first.Status);

        await TopUpAsync(registrar, memberId, 30);

        var all = await Certificates.ListForMemberAsync(registrar, memberId, Cancel);
        var balance = Assert.Single(all, c => c.Status == CertificateStatus.Issued);
        Assert.Equal(2, balance.Number);
        Assert.Equal(80, balance.Shares);
        var old = Assert.Single(all, c => c.Number == 1);
        Assert.Equal(CertificateStatus.Superseded, old.Status);
        Assert.Equal(2, old.ReplacedByNumber);

        var verify = await Certificates.VerifyAsync(old.VerificationCode, Cancel);
        Assert.Equal(CertificateStatus.Superseded, verify!.Status);
        Assert.Equal(2, verify.ReplacedByNumber);
        Assert.Equal("Zoë Ó Briain", verify.HolderName);
    }

    [Fact]
    public async Task Per_allotment_mode_gives_each_allotment_its_own_certificate()
    {
        var (_, registrar) = await SetUpAsync(CertificateMode.PerAllotment);
        var memberId = await AllotAsync(registrar, Individual(shares: 50));
        await TopUpAsync(registrar, memberId, 30);

        var all = await Certificates.ListForMemberAsync(registrar, memberId, Cancel);
        Assert.Equal([30L, 50L], all.Where(c => c.Status == CertificateStatus.Issued).Select(c => c.Shares).Order());
    }

    [Fact]
    public async Task Reversing_an_allotment_cancels_its_certificate_when_nothing_remains()
    {
        var (_, registrar) = await SetUpAsync(CertificateMode.Consolidated);
        var memberId = await AllotAsync(registrar, Individual(shares: 20));
        var entry = (await Host.Get<MemberService>().GetAsync(registrar, memberId, Cancel))!.Ledger.Single();

        await Host.Get<MemberService>().ReverseEntryAsync(registrar, entry.Id, Today, "Cheque bounced", Cancel);

        var cert = Assert.Single(await Certificates.ListForMemberAsync(registrar, memberId, Cancel));
        Assert.Equal(CertificateStatus.Cancelled, cert.Status);
        Assert.Contains("No shares remain", cert.EndReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lost_certificate_is_replaced_by_a_duplicate_with_the_same_number()
    {
        var (_, registrar) = await SetUpAsync(CertificateMode.Consolidated);
        var memberId = await AllotAsync(registrar, Individual(shares: 40));
        var original = Assert.Single(await Certificates.ListForMemberAsync(registrar, memberId, Cancel));

        var duplicateId = await Certificates.IssueDuplicateAsync(registrar, original.Id, "Lost in a house move", Cancel);

        var all = await Certificates.ListForMemberAsync(registrar, memberId, Cancel);
        var duplicate = Assert.Single(all, c => c.Id == duplicateId);
        Assert.True(duplicate.IsDuplicate);
        Assert.Equal(original.Number, duplicate.Number);
        Assert.Equal(CertificateStatus.Issued, duplicate.Status);
        var lost = Assert.Single(all, c => c.Id == original.Id);
        Assert.Equal(CertificateStatus.Cancelled, lost.Status);
        Assert.NotEqual(original.VerificationCode, duplicate.VerificationCode);
        var pdf = (await Certificates.RenderAsync(registrar, duplicateId, Site, Cancel))!.Value.Pdf;
        using var doc = PdfDocument.Open(pdf);
        Assert.Contains("DUPLICATE", doc.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_then_reissuing_gives_the_member_a_new_current_certificate()
    {
        var (_, registrar) = await SetUpAsync(CertificateMode.Consolidated);
        var memberId = await AllotAsync(registrar, Individual(shares: 40));
        var original = Assert.Single(await Certificates.ListForMemberAsync(registrar, memberId, Cancel));

        await Certificates.CancelAsync(registrar, original.Id, "Misprinted", Cancel);
        Assert.DoesNotContain(await Certificates.ListForMemberAsync(registrar, memberId, Cancel), c => c.Status == CertificateStatus.Issued);
        var again = await Assert.ThrowsAsync<DomainException>(() => Certificates.CancelAsync(registrar, original.Id, "twice", Cancel));
        Assert.Contains("no longer possible", again.Message, StringComparison.Ordinal);

        var classId = await (await Task.FromResult(Host.NewContext())).ShareClasses.Select(c => c.Id).FirstAsync(Cancel);
        await Certificates.ReissueAsync(registrar, memberId, classId, Cancel);
        var current = Assert.Single(await Certificates.ListForMemberAsync(registrar, memberId, Cancel), c => c.Status == CertificateStatus.Issued);
        Assert.Equal(2, current.Number);
    }

    [Fact]
    public async Task A_member_downloads_only_their_own_certificates()
    {
        var (_, registrar) = await SetUpAsync(CertificateMode.Consolidated);
        var a = await AllotAsync(registrar, Individual("Aoife Ní Bhriain", "aoife@example.org"));
        var b = await AllotAsync(registrar, Individual("Bryn Williams", "bryn@example.org", postcode: "CF10 1AA"));
        var memberA = await MemberLoginAsync(a);
        var bCert = Assert.Single(await Certificates.ListForMemberAsync(registrar, b, Cancel));

        var mine = Assert.Single(await Certificates.ListMineAsync(memberA, Cancel));
        Assert.Equal(a, mine.MemberId);
        var own = await Certificates.RenderAsync(memberA, mine.Id, Site, Cancel);
        Assert.NotNull(own);
        using (var doc = PdfDocument.Open(own.Value.Pdf))
        {
            Assert.Contains("Aoife Ní Bhriain", doc.GetPage(1).Text, StringComparison.Ordinal);
        }

        Assert.Null(await Certificates.RenderAsync(memberA, bCert.Id, Site, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Certificates.ListForMemberAsync(memberA, b, Cancel));
    }

    [Fact]
    public async Task Bulk_printing_writes_the_selected_current_certificates_into_a_zip()
    {
        var (_, registrar) = await SetUpAsync(CertificateMode.Consolidated);
        var earlier = Today.AddDays(-10);
        await AllotAsync(registrar, Individual("Early One", "e1@example.org"), earlier);
        await AllotAsync(registrar, Individual("Later One", "l1@example.org"));
        await AllotAsync(registrar, Individual("Later Two", "l2@example.org"));

        Assert.Equal(3, await Certificates.CountAsync(registrar, new CertificateSelection(), Cancel));
        var batch = new CertificateSelection(Today, Today);
        Assert.Equal(2, await Certificates.CountAsync(registrar, batch, Cancel));
        using var zipBytes = new MemoryStream();
        var progress = new List<int>();
        var written = await Certificates.WriteZipAsync(registrar, batch, zipBytes, Site, new SyncProgress(progress), Cancel);

        Assert.Equal(2, written);
        zipBytes.Position = 0;
        using var zip = new ZipArchive(zipBytes, ZipArchiveMode.Read);
        Assert.Equal(2, zip.Entries.Count);
        Assert.All(zip.Entries, e => Assert.EndsWith(".pdf", e.Name, StringComparison.Ordinal));
        Assert.Equal(2, progress.Last());
    }

    [Fact]
    public async Task The_annual_statement_shows_the_holding_at_the_start_and_end_of_the_year_and_the_movements()
    {
        var (_, registrar) = await SetUpAsync(CertificateMode.Consolidated);
        var memberId = await AllotAsync(registrar, Individual(shares: 10));
        Host.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 1, 10, 0, 0, TimeSpan.Zero));
        await TopUpAsync(registrar, memberId, 15);

        await using var db = Host.NewContext();
        var statement = await Host.Get<StatementService>().BuildAsync(db, memberId, new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), Cancel);

        Assert.Equal(10, statement.OpeningShares);
        Assert.Equal(25, statement.ClosingShares);
        var movement = Assert.Single(statement.Movements);
        Assert.Equal(15, movement.Shares);
        Assert.StartsWith("Shares allotted", movement.Description, StringComparison.Ordinal);
        var pdf = (await Host.Get<StatementService>().RenderAsync(registrar, memberId, 2027, Cancel))!.Value.Pdf;
        using var doc = PdfDocument.Open(pdf);
        Assert.Contains("Zoë Ó Briain", doc.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificate_settings_refuse_an_image_that_is_not_a_picture_and_only_administrators_change_them()
    {
        var (admin, registrar) = await SetUpAsync(CertificateMode.Consolidated);
        var settings = Host.Get<CertificateSettingsService>();

        var ex = await Assert.ThrowsAsync<DomainException>(() => settings.SetImageAsync(admin, "Logo", "not an image"u8.ToArray(), Cancel));
        Assert.Contains("PNG or JPEG", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => settings.GetAsync(registrar, Cancel));
        var specimen = await settings.PreviewAsync(admin, Site, Cancel);
        using var doc = PdfDocument.Open(specimen);
        Assert.Contains("Rosa Luxemburg", doc.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificate_numbers_have_no_gaps_across_members()
    {
        var (_, registrar) = await SetUpAsync(CertificateMode.Consolidated);
        var ids = new List<long>();
        foreach (var n in new[] { "Ann One", "Bob Two", "Cat Three" })
        {
            ids.Add((await Applications.SubmitAsync(Individual(n, n.Replace(' ', '.') + "@example.org"), Site, Cancel)).Id);
        }

        foreach (var id in ids)
        {
            var d = await Applications.GetAsync(registrar, id, Cancel);
            await Applications.RecordPaymentAsync(registrar, id, d!.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
        }

        await Applications.AllotAsync(registrar, ids, Today, Site, Cancel);
        await using var db = Host.NewContext();
        Assert.Equal([1L, 2L, 3L], await db.Certificates.OrderBy(c => c.Number).Select(c => c.Number).ToListAsync(Cancel));
    }

    private async Task<Actor> MemberLoginAsync(long memberId)
    {
        await using var db = Host.NewContext();
        var user = await db.Users.SingleAsync(u => u.MemberId == memberId, Cancel);
        user.EmailConfirmed = true;
        await db.SaveChangesAsync(Cancel);
        return await Host.ActorForAsync(user.Email!);
    }

    private sealed class SyncProgress(List<int> values) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (values)
            {
                values.Add(value);
            }
        }
    }
}

public sealed class CertificateServiceTestsOnSqlite() : CertificateServiceTests(DatabaseProvider.Sqlite);

public sealed class CertificateServiceTestsOnPostgres() : CertificateServiceTests(DatabaseProvider.Postgres);
