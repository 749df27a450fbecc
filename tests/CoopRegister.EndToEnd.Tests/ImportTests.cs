using System.Globalization;
using System.Text;
using CoopRegister.Domain.Accounts;
using CoopRegister.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>Importing a register as a registrar does it: upload, check, import as a job, download the register as imported.</summary>
public sealed class ImportTests : BrowserTest
{
    private const string Registrar = "rhiannon@example.org";

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_registrar_uploads_a_register_checks_it_imports_it_as_a_job_and_downloads_the_same_file_back()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "ada@example.org", Password);
        await MemberArrangements.CreateLoginAsync(Factory.Services, Registrar, Password, Roles.Registrar);

        // A register in the export's own format: what we download after importing must be these very bytes.
        var text = string.Join("\r\n",
            "Member number,Name,Kind,Acting for,Representative,Joint holders,Address,Postcode,Country,E-mail for notices,Notices by e-mail,Share class,Shares held,Amount paid (£),Date entered,Date ceased",
            "3,Zoë Ó Briain,Individual,,,,\"12 Beachy Road\nLondon\",E3 2NS,United Kingdom,zoe@example.org,Yes,Ordinary shares,250,250.00,2019-04-03,",
            "7,\"O'Neill, \"\"Ned\"\"\",Individual,,,,\"Flat 2, \"\"The Old Mill\"\"\nCork Street\",M4 5BZ,United Kingdom,,No,Ordinary shares,10,10.00,2020-10-14,",
            $"12,\"'=HYPERLINK(\"\"http://x\"\")\",Individual,,,,1 Quote Street,LS1 1AA,United Kingdom,,No,Ordinary shares,0,0.00,2015-03-11,{Today}",
            "15,Unite Cardiff Branch 1234,Nominee of an unincorporated body,Unite Cardiff Branch 1234,,,\"Transport House\nCardiff\",CF11 9SD,United Kingdom,branch@example.org,Yes,Ordinary shares,2000,2000.00,2021-06-09,") + "\r\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var folder = Path.Combine(AppContext.BaseDirectory, "testdb", $"upload-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "old-register.csv");
        await File.WriteAllBytesAsync(file, bytes, TestContext.Current.CancellationToken);

        var page = await NewPageAsync();
        await SignInAsync(page, Registrar);
        await page.ClickAsync("nav a:text-is('Import')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Import a register");
        await Assertions.Expect(page.Locator("#import-file")).ToBeEnabledAsync();
        await page.SetInputFilesAsync("#import-file", file);

        await Assertions.Expect(page.Locator("#import-file-info")).ToContainTextAsync("old-register.csv");
        await Assertions.Expect(page.Locator("#import-file-info")).ToContainTextAsync("UTF-8, separated by commas, 16 columns");
        await Assertions.Expect(page.Locator("#map-member-number")).ToHaveValueAsync("Member number");
        await Assertions.Expect(page.Locator("#map-amount-paid")).ToHaveValueAsync("Amount paid (£)");
        await Assertions.Expect(page.Locator("#date-format")).ToHaveValueAsync("Iso");
        await Assertions.Expect(page.Locator("#preview tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#preview tbody tr").First).ToContainTextAsync("Zoë Ó Briain");
        await Assertions.Expect(page.Locator("#start-import")).ToBeDisabledAsync();

        // A total that does not agree blocks the import; the right one lets it through.
        await page.FillAsync("#expect-members", "4");
        await page.ClickAsync("#check-import");
        await Assertions.Expect(page.Locator("#import-summary")).ToContainTextAsync("The totals do not agree");
        await Assertions.Expect(page.Locator("#start-import")).ToBeDisabledAsync();
        await page.FillAsync("#expect-members", "3");
        await page.FillAsync("#expect-capital", "2260.00");
        await page.ClickAsync("#check-import");
        await Assertions.Expect(page.Locator("#import-summary")).ToContainTextAsync("Ready to import: 4 members (3 current, 1 ceased), 2,260 shares, £2,260.00 paid");
        await Assertions.Expect(page.Locator("#reconciliation tbody tr")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "import-checked");
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        await page.ClickAsync("#start-import");
        var job = page.Locator("#import-jobs .job").First;
        await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "Completed");
        await Assertions.Expect(page.Locator("#import-summary")).ToContainTextAsync("Imported 4 new members");
        await Assertions.Expect(page.Locator("#import-report")).ToHaveAttributeAsync("data-committed", "true");
        await ScreenshotAsync(page, "import-done");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-register"));
        Assert.Equal($"register-as-at-{Today}.csv", download.SuggestedFilename);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken));

        // The job's report is there too.
        var report = await page.RunAndWaitForDownloadAsync(() => job.Locator(".job-download").ClickAsync());
        Assert.Contains("Imported 4 new members", await File.ReadAllTextAsync(await report.PathAsync(), TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // The same file again changes nothing, and says so.
        await page.SetInputFilesAsync("#import-file", file);
        await Assertions.Expect(page.Locator("#import-file-info")).ToContainTextAsync("old-register.csv");
        await page.ClickAsync("#check-import");
        await Assertions.Expect(page.Locator("#import-summary")).ToContainTextAsync("4 members are already in the register, unchanged");
        await Assertions.Expect(page.Locator("#start-import")).ToBeDisabledAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_file_with_problems_lists_each_with_its_line_and_column_and_a_binary_file_is_refused()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "ada@example.org", Password);
        await MemberArrangements.CreateLoginAsync(Factory.Services, Registrar, Password, Roles.Registrar);
        var folder = Path.Combine(AppContext.BaseDirectory, "testdb", $"upload-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var bad = Path.Combine(folder, "members.csv");
        await File.WriteAllTextAsync(bad, string.Join("\r\n",
            "Membership No.,Forenames,Surname,Address 1,Town,Post code,Email,Shares,Joined",
            "1,Zoë,Ó Briain,12 Beachy Road,London,E3 2NS,zoe@example.org,25,03/04/2019",
            "2,Łukasz,Żółkiewski,1 High Street,Leeds,NOT A POSTCODE,lukasz@example,10,11/12/2020") + "\r\n", TestContext.Current.CancellationToken);
        var binary = Path.Combine(folder, "register.csv");
        await File.WriteAllBytesAsync(binary, [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00], TestContext.Current.CancellationToken);

        var page = await NewPageAsync();
        await SignInAsync(page, Registrar);
        await page.GotoAsync("register/import");
        await Assertions.Expect(page.Locator("#import-file")).ToBeEnabledAsync();
        await page.SetInputFilesAsync("#import-file", binary);
        await Assertions.Expect(page.Locator(".field-error, .alert-danger").First).ToContainTextAsync("is not a text file (it looks like an Excel workbook (.xlsx)");

        await page.SetInputFilesAsync("#import-file", bad);
        await Assertions.Expect(page.Locator("#map-given-names")).ToHaveValueAsync("Forenames");
        await Assertions.Expect(page.Locator("#map-member-number")).ToHaveValueAsync("Membership No.");

        // Day and month could swap in every date: the format must be chosen.
        await Assertions.Expect(page.Locator("#date-format")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#date-format-note")).ToContainTextAsync("choose which the file uses");
        await page.SelectOptionAsync("#date-format", "DayMonthYear");
        await page.ClickAsync("#check-import");
        await Assertions.Expect(page.Locator("#import-problems tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#import-problems")).ToContainTextAsync("'NOT A POSTCODE' is not a UK postcode");
        await Assertions.Expect(page.Locator("#import-problems tbody tr").First.Locator("td").Nth(1)).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#import-problems tbody tr").First.Locator("td").Nth(2)).ToHaveTextAsync("Post code");
        await Assertions.Expect(page.Locator("#start-import")).ToBeDisabledAsync();
        await ScreenshotAsync(page, "import-problems");
        Directory.Delete(folder, recursive: true);
    }
}
