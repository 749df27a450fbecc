using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Features.Access;
using CoopRegister.Features.Certificates;
using CoopRegister.Features.Registration;
using CoopRegister.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>Certificates as people get them: the registrar's bulk ZIP, the member's own download, the QR page on a phone, the administrator's settings.</summary>
public sealed class CertificateTests : BrowserTest
{
    private const string Registrar = "rhiannon@example.org";
    private const string Admin = "ada@example.org";

    private static readonly string[] FirstNames =
    [
        "Siân", "Łukasz", "Aoife", "Ngozi", "Zoë", "Dafydd", "Eleni", "Jiří", "Bartholomew", "Chiamaka", "Rhiannon", "Seán", "Małgorzata", "Oluwaseun",
        "Niamh", "Gwenllian", "Dimitris", "Kateřina", "Padraig", "Folasade",
    ];

    private static readonly string[] Surnames =
    [
        "Llewellyn", "Żółkiewski", "Ní Bhriain", "Ọkọnkwọ", "Ó Briain", "ap Gruffydd", "Papadopoulou", "Dvořák", "Quist", "Adebayo", "Morgan", "Mac Giolla",
        "Wiśniewska", "Ogunleye", "Ó Súilleabháin", "Prichard", "Georgiou", "Novotná", "Kavanagh", "Adeyemi", "Hughes", "Kowalczyk", "Nwosu", "Evans",
        "Byrne", "Pritchard", "Nikolaou", "Svoboda", "Doherty", "Okafor",
    ];

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_registrar_makes_the_zip_for_an_allotment_batch_watches_it_reach_100_percent_and_downloads_it_then_the_years_statements()
    {
        var registrar = await ArrangeAsync();
        await AllotAsync(registrar, 3);

        var page = await NewPageAsync();
        await SignInAsync(page, Registrar);
        await page.ClickAsync("nav a:text-is('Certificates')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Certificates and statements");
        await Assertions.Expect(page.Locator("#no-jobs")).ToBeVisibleAsync();
        await TickAsync(page, "#scope-batch");
        await page.FillAsync("#batch-date", Today);
        await Assertions.Expect(page.Locator("#certificate-count")).ToContainTextAsync($"3 current certificates — issued on {Today}");
        await ScreenshotAsync(page, "certificates-bulk-choose");

        await page.ClickAsync("#make-certificates-zip");
        var job = page.Locator("#jobs .job").First;
        await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "Completed");
        await Assertions.Expect(job.Locator("[role=progressbar]")).ToHaveAttributeAsync("aria-valuenow", "100");
        await Assertions.Expect(job.Locator(".job-count")).ToHaveTextAsync("3 of 3");
        await Assertions.Expect(job.Locator(".job-download")).ToContainTextAsync($"certificates-issued-{Today}.zip");
        await ScreenshotAsync(page, "certificates-bulk-done");
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        var download = await page.RunAndWaitForDownloadAsync(() => job.Locator(".job-download").ClickAsync());
        Assert.Equal($"certificates-issued-{Today}.zip", download.SuggestedFilename);
        using (var zip = new ZipArchive(File.OpenRead(await download.PathAsync())))
        {
            Assert.Equal(3, zip.Entries.Count);
            Assert.All(zip.Entries, e => Assert.EndsWith(".pdf", e.Name, StringComparison.Ordinal));
        }

        // The year's statements: one for each of the three members, in a ZIP of their own.
        var year = DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture);
        await page.SelectOptionAsync("#statement-year", year);
        await page.ClickAsync("#make-statements-zip");
        var statements = page.Locator("#jobs .job").First;
        await Assertions.Expect(statements).ToHaveAttributeAsync("data-state", "Completed");
        await Assertions.Expect(statements.Locator(".job-count")).ToHaveTextAsync("3 written");
        var statementsZip = await page.RunAndWaitForDownloadAsync(() => statements.Locator(".job-download").ClickAsync());
        Assert.Equal($"statements-year-ending-{year}-12-31.zip", statementsZip.SuggestedFilename);
        using (var zip = new ZipArchive(File.OpenRead(await statementsZip.PathAsync())))
        {
            Assert.Equal(3, zip.Entries.Count);
        }

        // A reload finds both files again, newest first.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#jobs .job")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#jobs .job").Nth(1).Locator(".job-download")).ToContainTextAsync($"certificates-issued-{Today}.zip");
    }

    [Fact]
    public async Task Cancelling_a_large_run_stops_it_and_says_cancelled()
    {
        var registrar = await ArrangeAsync();
        var arranging = Stopwatch.StartNew();
        await AllotAsync(registrar, LargeBatch, withEmail: false);
        TestContext.Current.TestOutputHelper?.WriteLine($"Arranged {LargeBatch} members in {arranging.Elapsed.TotalSeconds:0.0} s");

        var page = await NewPageAsync();
        await SignInAsync(page, Registrar);
        await page.GotoAsync("register/certificates");
        await TickAsync(page, "#scope-all");
        await Assertions.Expect(page.Locator("#certificate-count")).ToContainTextAsync($"{LargeBatch} current certificates — every current certificate");
        await page.ClickAsync("#make-certificates-zip");
        var job = page.Locator("#jobs .job").First;
        await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "Running");
        await Assertions.Expect(job.Locator(".job-count")).ToContainTextAsync($" of {LargeBatch}");
        await job.Locator(".job-cancel").ClickAsync();

        await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "Cancelled");
        await Assertions.Expect(job.Locator(".job-state")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(job.Locator(".job-message")).ToContainTextAsync("nothing was kept");
        await Assertions.Expect(job.Locator(".job-download")).ToHaveCountAsync(0);
        var done = int.Parse((await job.Locator(".job-count").TextContentAsync())!.Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.InRange(done, 0, LargeBatch - 1);
        TestContext.Current.TestOutputHelper?.WriteLine($"Cancelled after {done} of {LargeBatch}");
        await ScreenshotAsync(page, "certificates-bulk-cancelled");
    }

    [Fact]
    public async Task A_member_downloads_their_certificate_and_its_qr_address_says_valid_on_a_phone()
    {
        var registrar = await ArrangeAsync();
        var member = (await AllotAsync(registrar, 1, loginFor: 0)).Single();
        var certificate = await SingleCertificateAsync(registrar, member.MemberId);

        var page = await NewPageAsync(phone: true);
        await SignInAsync(page, member.Email);
        await page.GotoAsync("my");
        var row = page.Locator($"#my-certificates #certificate-{certificate.Id}");
        await Assertions.Expect(row).ToContainTextAsync($"No. {certificate.Number}");
        await Assertions.Expect(row).ToContainTextAsync("Current");
        await Assertions.Expect(page.Locator("#statement-links a").First).ToContainTextAsync("(so far)");
        await ScreenshotAsync(page, "member-certificates-phone");

        var download = await page.RunAndWaitForDownloadAsync(() => row.Locator("a.certificate-download").ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.True(pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8));

        // Anyone who scans the code, signed in or not, is told the certificate stands.
        var phone = await NewPageAsync(phone: true);
        await phone.GotoAsync(CertificateService.VerificationUrl(BaseAddress, certificate.VerificationCode));
        await Assertions.Expect(phone.Locator("h1")).ToContainTextAsync($"Certificate No. {certificate.Number}");
        await Assertions.Expect(phone.Locator("#verify-status")).ToHaveTextAsync("Valid");
        await Assertions.Expect(phone.Locator("#verify-holder")).ToHaveTextAsync(member.Name);
        await Assertions.Expect(phone.Locator("#verify-status")).ToBeInViewportAsync();
        Assert.False(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth"),
            "The verification page is wider than a phone's screen.");
        await ScreenshotAsync(phone, "verify-valid-phone");
    }

    [Fact]
    public async Task The_registrar_issues_a_duplicate_for_a_lost_certificate_reissues_and_cancels_and_the_lost_one_reads_cancelled()
    {
        var registrar = await ArrangeAsync();
        var member = (await AllotAsync(registrar, 1)).Single();
        var original = await SingleCertificateAsync(registrar, member.MemberId);

        var page = await NewPageAsync();
        await SignInAsync(page, Registrar);
        await page.GotoAsync($"register/members/{member.MemberId}");
        await page.ClickAsync($"#duplicate-certificate-{original.Id}");
        await page.ClickAsync("#confirm-certificate-action");
        await Assertions.Expect(page.Locator("#Reason-error")).ToContainTextAsync("Say how the certificate was lost");
        await page.FillAsync("#certificate-reason", "lost in a house move");
        await ScreenshotAsync(page, "registrar-duplicate-certificate");
        await page.ClickAsync("#confirm-certificate-action");
        await Assertions.Expect(page.Locator("#member-message")).ToContainTextAsync("duplicate");
        var rows = page.Locator("#member-certificates tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("DUPLICATE");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Current");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Cancelled: replaced by a duplicate");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("lost in a house move");
        await ScreenshotAsync(page, "registrar-member-certificates");

        // Reissued, the duplicate is superseded by a certificate with the next number; that one, cancelled, stays listed with its reason.
        await page.ClickAsync("button[id^='reissue-']");
        await Assertions.Expect(page.Locator("#reissue-panel")).ToContainTextAsync("10 shares");
        await page.ClickAsync("#confirm-reissue");
        await Assertions.Expect(page.Locator("#member-message")).ToContainTextAsync("A new certificate for the whole holding");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("No. 2");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Current");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Superseded by No. 2");
        await rows.Nth(0).Locator("button:has-text('Cancel…')").ClickAsync();
        await page.FillAsync("#certificate-reason", "Issued in error");
        await page.ClickAsync("#confirm-certificate-action");
        await Assertions.Expect(page.Locator("#member-message")).ToContainTextAsync("Certificate No. 2 cancelled");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Cancelled");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Issued in error");
        await Assertions.Expect(page.Locator("#member-certificates button:has-text('Cancel…')")).ToHaveCountAsync(0);

        var visitor = await NewPageAsync(phone: true);
        await visitor.GotoAsync($"v/{original.VerificationCode}");
        await Assertions.Expect(visitor.Locator("#verify-status")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(visitor.Locator("#verify-verdict")).ToContainTextAsync("reported lost");
        await ScreenshotAsync(visitor, "verify-cancelled-phone");
    }

    [Fact]
    public async Task The_administrator_uploads_a_signature_refuses_a_file_that_is_not_an_image_and_downloads_the_specimen()
    {
        await ArrangeAsync();
        var page = await NewPageAsync();
        await SignInAsync(page, Admin);
        // Administration pages sit in a dropdown: the test opens it as a user would.
        await page.ClickAsync("#admin-menu");
        await page.ClickAsync("nav a:text-is('Certificate settings')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Certificate settings");
        await Assertions.Expect(page.Locator("#mode-consolidated")).ToBeCheckedAsync();

        // The choice first: clicking it after typing would blur the text box, and the server's render of that change
        // can reach the page between the click and the radio's own change event, unticking it for a moment.
        await page.ClickAsync("#mode-per-allotment");
        await Assertions.Expect(page.Locator("#mode-per-allotment")).ToBeCheckedAsync();
        await page.FillAsync("#first-name", "Mary Quinn");
        await page.FillAsync("#second-name", "Dafydd ap Gruffydd");
        await page.ClickAsync("#save-certificate-settings");
        await Assertions.Expect(page.Locator("#settings-message")).ToHaveTextAsync("Certificate settings saved.");

        await Assertions.Expect(page.Locator("#upload-FirstSignature")).ToBeEnabledAsync();
        await page.SetInputFilesAsync("#upload-FirstSignature", new FilePayload { Name = "signature.png", MimeType = "image/png", Buffer = "not a picture"u8.ToArray() });
        await Assertions.Expect(page.Locator("#FirstSignature-error")).ToContainTextAsync("must be a PNG or JPEG");
        await Assertions.Expect(page.Locator("#FirstSignature-state")).ToContainTextAsync("None");

        await page.SetInputFilesAsync("#upload-FirstSignature", new FilePayload { Name = "signature.png", MimeType = "image/png", Buffer = SampleDocuments.SignaturePng() });
        await Assertions.Expect(page.Locator("#FirstSignature-state")).ToContainTextAsync("Uploaded");
        await Assertions.Expect(page.Locator("#settings-message")).ToContainTextAsync("First signatory's signature uploaded");
        await Assertions.Expect(page.Locator("#remove-FirstSignature")).ToBeVisibleAsync();

        // The upload did not undo the saved settings, and saving again after it is not taken for someone else's change.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#mode-per-allotment")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#first-name")).ToHaveValueAsync("Mary Quinn");
        // A file chosen before the live connection attaches would be lost: wait until the input is enabled.
        await Assertions.Expect(page.Locator("#upload-Logo")).ToBeEnabledAsync();
        await page.SetInputFilesAsync("#upload-Logo", new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = SampleDocuments.LogoPng() });
        await Assertions.Expect(page.Locator("#Logo-state")).ToContainTextAsync("Uploaded");
        await page.FillAsync("#second-office", "Company Secretary");
        await page.ClickAsync("#save-certificate-settings");
        await Assertions.Expect(page.Locator("#settings-message")).ToHaveTextAsync("Certificate settings saved.");
        await ScreenshotAsync(page, "admin-certificate-settings");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#specimen"));
        Assert.Equal("specimen-certificate.pdf", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.True(pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8));
        Assert.Contains("/Image", System.Text.Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
    }

    /// <summary>Enough certificates that making their ZIP takes a few seconds, so there is time to cancel it.</summary>
    private const int LargeBatch = 300;

    private sealed record Allotted(long MemberId, string Name, string Email);

    private async Task<Actor> ArrangeAsync()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, Admin, Password);
        return await MemberArrangements.CreateLoginAsync(Factory.Services, Registrar, Password, Roles.Registrar);
    }

    /// <summary>
    /// Applies for <paramref name="count"/> new members, records their payments and allots them all today in one batch;
    /// the member at <paramref name="loginFor"/> is given a password. Without e-mail addresses the members get no logins.
    /// </summary>
    private async Task<IReadOnlyList<Allotted>> AllotAsync(Actor registrar, int count, int? loginFor = null, bool withEmail = true)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var people = new List<(long ApplicationId, string Name, string Email)>();
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<ApplicationService>();
            var cancel = TestContext.Current.CancellationToken;
            for (var i = 0; i < count; i++)
            {
                var name = $"{FirstNames[i % FirstNames.Length]} {Surnames[i / FirstNames.Length % Surnames.Length]}";
                var email = $"member{i.ToString(CultureInfo.InvariantCulture)}@example.org";
                var form = MemberArrangements.Individual(name, email, shares: 10 + (i % 90));
                if (!withEmail)
                {
                    // A postal application: no confirmation e-mail and no login to make, so a large register is quick to arrange.
                    form.Email = "";
                    form.NoticesByEmail = false;
                }

                var submitted = await applications.SubmitAsync(form, BaseAddress, cancel);
                await applications.RecordPaymentAsync(registrar, submitted.Id, submitted.Amount.Pence, today, PaymentMethod.BankTransfer, submitted.Reference, cancel);
                people.Add((submitted.Id, name, email));
            }

            var allotted = await applications.AllotAsync(registrar, people.Select(p => p.ApplicationId).ToList(), today, BaseAddress, cancel);
            if (loginFor is { } n)
            {
                await MemberArrangements.SetPasswordAsync(Factory.Services, people[n].Email, Password);
            }

            return people.Select(p => new Allotted(allotted.Lines.Single(l => l.ApplicationId == p.ApplicationId).MemberId, p.Name, p.Email)).ToList();
        }
    }

    private async Task<CertificateRow> SingleCertificateAsync(Actor registrar, long memberId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<CertificateService>().ListForMemberAsync(registrar, memberId, TestContext.Current.CancellationToken)).Single();
    }
}
