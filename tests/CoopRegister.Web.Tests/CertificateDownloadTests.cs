using System.Net;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Features.Access;
using CoopRegister.Features.Certificates;
using CoopRegister.Features.Jobs;
using CoopRegister.Features.Registration;
using CoopRegister.Testing;
using CoopRegister.Web.Components.Pages.Register;

namespace CoopRegister.Web.Tests;

/// <summary>
/// Certificates and statements as the endpoints and pages hand them out: each member only their own, registrars any, the
/// public verification page only what the certificate itself says, and a bulk file only to the person who made it.
/// </summary>
public sealed class CertificateDownloadTests : WebTestBase
{
    private const string Registrar = "registrar@example.org";
    private const string Aoife = "aoife@example.org";
    private const string Bart = "bart@example.org";

    private Uri Site => Factory.Server.BaseAddress;

    private sealed record Arranged(Actor Registrar, AllottedLine Aoife, AllottedLine Bart, CertificateRow AoifeCertificate);

    [Fact]
    public async Task A_certificate_goes_to_its_member_and_to_a_registrar_but_not_to_another_member_nor_to_anyone_signed_out()
    {
        var arranged = await ArrangeAsync();
        var path = $"/certificates/{arranged.AoifeCertificate.Id}.pdf";

        var own = await (await SignedInAsync(Aoife)).GetAsync(path);
        var registrar = await (await SignedInAsync(Registrar)).GetAsync(path);
        var other = await (await SignedInAsync(Bart)).GetAsync(path);
        var anonymous = await NewSession().GetAsync(path);

        await AssertPdfAsync(own);
        await AssertPdfAsync(registrar);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_gets_their_own_statement_and_is_refused_the_registrars_statement_endpoint()
    {
        var arranged = await ArrangeAsync();
        var member = await SignedInAsync(Aoife);
        var year = DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var mine = await member.GetAsync($"/my/statement.pdf?year={year}");
        var registrars = await member.GetAsync($"/members/{arranged.Aoife.MemberId}/statement.pdf?year={year}");
        var others = await member.GetAsync($"/members/{arranged.Bart.MemberId}/statement.pdf?year={year}");
        var byRegistrar = await (await SignedInAsync(Registrar)).GetAsync($"/members/{arranged.Bart.MemberId}/statement.pdf?year={year}");

        await AssertPdfAsync(mine);
        Assert.Contains($"-member-{arranged.Aoife.MemberNumber}.pdf", mine.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
        foreach (var refused in new[] { registrars, others })
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        await AssertPdfAsync(byRegistrar);
        Assert.Contains($"-member-{arranged.Bart.MemberNumber}.pdf", byRegistrar.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_member_portal_lists_the_members_own_certificates_and_statements()
    {
        var arranged = await ArrangeAsync();

        var page = await ReadDecodedAsync(await SignedInAsync(Aoife), "/my");

        Assert.Contains("id=\"my-certificates\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"certificates/{arranged.AoifeCertificate.Id}.pdf\"", page, StringComparison.Ordinal);
        Assert.Contains("No. " + arranged.AoifeCertificate.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
        Assert.Contains(">Current<", page, StringComparison.Ordinal);
        var bartsCertificate = (await CertificatesAsync(arranged.Registrar, arranged.Bart.MemberId)).Single();
        Assert.DoesNotContain($"certificates/{bartsCertificate.Id}.pdf", page, StringComparison.Ordinal);
        Assert.Contains("id=\"statement-links\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"my/statement.pdf?year={DateTime.UtcNow.Year}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verification_page_says_valid_then_superseded_after_a_top_up_and_never_shows_the_address_or_the_holding()
    {
        var arranged = await ArrangeAsync();
        var code = arranged.AoifeCertificate.VerificationCode;
        var visitor = NewSession();

        var valid = await ReadDecodedAsync(visitor, $"/v/{code}");

        Assert.Contains("Certificate No. " + arranged.AoifeCertificate.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), valid, StringComparison.Ordinal);
        Assert.Contains("id=\"verify-status\">Valid<", valid, StringComparison.Ordinal);
        Assert.Contains("People's Press Printing Society Limited (registration number 12750R)", valid, StringComparison.Ordinal);
        Assert.Contains("Aoife Ní Bhriain", valid, StringComparison.Ordinal);
        Assert.Contains("40 Ordinary shares", valid, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\"", valid, StringComparison.Ordinal);

        // She buys 15 more; in consolidated mode (the default) a new certificate for all 55 supersedes the first.
        var member = await MemberArrangements.ActorForAsync(Factory.Services, Aoife);
        SubmittedApplication topUp;
        using (var scope = Factory.Services.CreateScope())
        {
            topUp = await scope.ServiceProvider.GetRequiredService<ApplicationService>().SubmitTopUpAsync(member, 15, PaymentMethod.BankTransfer, "", null, Site, Cancel);
        }

        await MemberArrangements.PayAndAllotAsync(Factory.Services, arranged.Registrar, topUp, Site);
        var replacement = (await CertificatesAsync(arranged.Registrar, arranged.Aoife.MemberId)).Single(c => c.Status == Domain.Certificates.CertificateStatus.Issued);

        var superseded = await ReadDecodedAsync(visitor, $"/v/{code}");

        Assert.Contains($"id=\"verify-status\">Superseded by No. {replacement.Number}<", superseded, StringComparison.Ordinal);
        Assert.Contains("40 Ordinary shares", superseded, StringComparison.Ordinal);
        foreach (var page in new[] { valid, superseded })
        {
            var main = MainOf(page);
            Assert.DoesNotContain("Beachy Road", main, StringComparison.Ordinal);
            Assert.DoesNotContain("E3 2NS", main, StringComparison.Ordinal);
            Assert.DoesNotContain(Aoife, main, StringComparison.Ordinal);
            Assert.DoesNotContain("55", main, StringComparison.Ordinal);
            Assert.DoesNotContain("£", main, StringComparison.Ordinal);
            Assert.DoesNotContain("Member number", main, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task An_unknown_code_is_answered_with_one_message_and_nothing_else()
    {
        await ArrangeAsync();
        var visitor = NewSession();

        foreach (var code in new[] { "abcdefghjkmnpqrs", "x", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
        {
            var page = MainOf(await ReadDecodedAsync(visitor, $"/v/{code}"));
            Assert.Contains("No certificate has this code.", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Valid", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Aoife", page, StringComparison.Ordinal);
            Assert.DoesNotContain("No. 1", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_bulk_file_is_downloaded_only_by_the_person_who_made_it()
    {
        var arranged = await ArrangeAsync();
        await CreateLoginAsync("second-registrar@example.org", Roles.Registrar);
        var jobs = Factory.Services.GetRequiredService<JobRunner>();
        var selection = new CertificateSelection();
        var id = BulkDocumentJobs.StartCertificates(jobs, Factory.Services.GetRequiredService<IServiceScopeFactory>(), arranged.Registrar, selection, 2, Site);
        var status = await WaitForAsync(jobs, id, arranged.Registrar);
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(2, status.Done);

        var own = await (await SignedInAsync(Registrar)).GetAsync($"/jobs/{id}/download");
        var otherStaff = await (await SignedInAsync("second-registrar@example.org")).GetAsync($"/jobs/{id}/download");
        var member = await (await SignedInAsync(Aoife)).GetAsync($"/jobs/{id}/download");
        var anonymous = await NewSession().GetAsync($"/jobs/{id}/download");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/zip", own.Content.Headers.ContentType!.MediaType);
        Assert.Equal("certificates-all-current.zip", own.Content.Headers.ContentDisposition!.FileName);
        using (var zip = new System.IO.Compression.ZipArchive(await own.Content.ReadAsStreamAsync(Cancel)))
        {
            Assert.Equal(2, zip.Entries.Count);
        }

        Assert.Equal(HttpStatusCode.NotFound, otherStaff.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, member.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", member.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bulk_page_counts_the_certificates_a_selection_prints_and_lists_the_users_files()
    {
        var arranged = await ArrangeAsync();
        var jobs = Factory.Services.GetRequiredService<JobRunner>();
        var id = BulkDocumentJobs.StartCertificates(jobs, Factory.Services.GetRequiredService<IServiceScopeFactory>(), arranged.Registrar,
            new CertificateSelection(MemberNumber: arranged.Aoife.MemberNumber), 1, Site);
        await WaitForAsync(jobs, id, arranged.Registrar);
        await CreateLoginAsync("auditor@example.org", Roles.Auditor);

        var registrars = await ReadDecodedAsync(await SignedInAsync(Registrar), "/register/certificates");
        var auditors = await ReadDecodedAsync(await SignedInAsync("auditor@example.org"), "/register/certificates");

        // The default choice is today's allotment batch, which printed both members' certificates.
        Assert.Contains("2 current certificates", registrars, StringComparison.Ordinal);
        Assert.Contains($"href=\"jobs/{id:D}/download\"", registrars, StringComparison.Ordinal);
        Assert.Contains($"certificates-member-{arranged.Aoife.MemberNumber}.zip", registrars, StringComparison.Ordinal);
        Assert.Contains("aria-valuenow=\"100\"", registrars, StringComparison.Ordinal);
        Assert.Contains("2 current certificates", auditors, StringComparison.Ordinal);
        Assert.Contains("id=\"no-jobs\"", auditors, StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString("D"), auditors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificate_settings_and_the_specimen_are_for_administrators_only()
    {
        await ArrangeAsync();
        var admin = await SignedInAsync("admin@example.org");
        var registrar = await SignedInAsync(Registrar);

        var page = await ReadDecodedAsync(admin, "/admin/certificates");
        var specimen = await admin.GetAsync("/admin/certificates/specimen.pdf");
        var refusedPage = await registrar.GetAsync("/admin/certificates");
        var refusedSpecimen = await registrar.GetAsync("/admin/certificates/specimen.pdf");

        Assert.Contains("id=\"mode-consolidated\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"upload-FirstSignature\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"admin/certificates/specimen.pdf\"", page, StringComparison.Ordinal);
        await AssertPdfAsync(specimen);
        foreach (var refused in new[] { refusedPage, refusedSpecimen })
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    /// <summary>A society, a registrar, and two members each allotted shares today (so each holds one certificate) with logins.</summary>
    private async Task<Arranged> ArrangeAsync()
    {
        await SetUpSocietyAsync();
        var registrar = await MemberArrangements.CreateLoginAsync(Factory.Services, Registrar, Password, Roles.Registrar);
        var aoife = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Aoife Ní Bhriain", Aoife, shares: 40), Site), Site);
        var bart = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Bartholomew Quist", Bart, 77, "CF11 9SD"), Site), Site);
        await MemberArrangements.SetPasswordAsync(Factory.Services, Aoife, Password);
        await MemberArrangements.SetPasswordAsync(Factory.Services, Bart, Password);
        var certificate = (await CertificatesAsync(registrar, aoife.MemberId)).Single();
        return new Arranged(registrar, aoife, bart, certificate);
    }

    private async Task<IReadOnlyList<CertificateRow>> CertificatesAsync(Actor registrar, long memberId)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CertificateService>().ListForMemberAsync(registrar, memberId, Cancel);
    }

    private static async Task<JobStatus> WaitForAsync(JobRunner jobs, Guid id, Actor owner)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (jobs.Get(id, owner) is { State: not JobState.Running } done)
            {
                return done;
            }

            await Task.Delay(50, Cancel);
        }

        throw new TimeoutException("The job did not finish.");
    }

    private static async Task AssertPdfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.True(bytes.Length > 1000 && bytes.AsSpan(0, 5).SequenceEqual("%PDF-"u8), "Not a PDF.");
    }

    /// <summary>The page's own content, without the menu and the footer that every page has.</summary>
    private static string MainOf(string page)
    {
        var start = page.IndexOf("<main", StringComparison.Ordinal);
        var end = page.IndexOf("</main>", StringComparison.Ordinal);
        return start >= 0 && end > start ? page[start..end] : page;
    }
}
