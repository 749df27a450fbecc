using CoopRegister.Domain.Accounts;
using CoopRegister.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>A teller counts a BLT file in the browser: a bad file is refused with its line and column, a good one shows
/// the count stage by stage with bars for any stage, and the PDF report downloads.</summary>
public sealed class CountTests : BrowserTest
{
    private const string Teller = "tess@example.org";

    private static FilePayload Blt(string name, string text) =>
        new() { Name = name, MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task A_teller_uploads_a_ballot_file_sees_the_elected_and_every_stage_steps_the_bars_and_downloads_the_pdf()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "ada@example.org", Password);
        await MemberArrangements.CreateLoginAsync(Factory.Services, Teller, Password, Roles.Teller);
        var page = await NewPageAsync();
        await SignInAsync(page, Teller);
        await page.ClickAsync("nav a:text-is('Count ballots')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Count a ballot file");
        await Assertions.Expect(page.Locator("#count-file")).ToBeEnabledAsync();

        // A candidate number beyond the candidates: refused where it is.
        await page.SetInputFilesAsync("#count-file", Blt("bad.blt", "2 1\n1 3 0\n0\nA\nB\n"));
        await Assertions.Expect(page.Locator("#File-error")).ToHaveTextAsync("bad.blt, line 2, column 3: 3 is out of range for a candidate number (1 to 2).");
        await Assertions.Expect(page.Locator("#count-run")).ToBeDisabledAsync();

        await page.SetInputFilesAsync("#count-file", Blt("board.blt", "3 2\n7 1 2 0\n3 3 0\n0\n\"Ann Jones\"\n\"Bob Smith\"\n\"Cath Ó Briain\"\n\"Board 2026\"\n"));
        await Assertions.Expect(page.Locator("#count-file-read")).ToContainTextAsync("board.blt: 3 candidates, 2 seats, 10 ballot papers");
        await Assertions.Expect(page.Locator("#File-error")).ToHaveCountAsync(0);
        await page.ClickAsync("#count-run");

        await Assertions.Expect(page.Locator("#count-elected li")).ToHaveTextAsync(["Ann Jones", "Cath Ó Briain"]);
        await Assertions.Expect(page.Locator("#count-quota")).ToHaveTextAsync("4.00000");
        await Assertions.Expect(page.Locator("#count-valid")).ToHaveTextAsync("10");
        await Assertions.Expect(page.Locator("#count-table thead th")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#count-stage-2")).ToContainTextAsync("Surplus of Ann Jones transferred (3.00000)");
        await Assertions.Expect(page.Locator("#count-stage-3")).ToContainTextAsync("Bob Smith excluded (2.99999 votes)");
        var bob = page.Locator("#count-table tbody tr").Nth(1);
        await Assertions.Expect(bob.Locator("td").Nth(1)).ToContainTextAsync("2.99999");
        await Assertions.Expect(bob.Locator("td").Nth(2)).ToContainTextAsync("excluded");
        await Assertions.Expect(page.Locator("#count-table tfoot tr").Last).ToContainTextAsync("10.00000");

        // The bars show the final stage first; stage 1 is a click (or arrow key) away.
        await Assertions.Expect(page.Locator("#count-bars-3-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#count-bars-1-panel")).ToBeHiddenAsync();
        await page.ClickAsync("label[for=count-bars-1]");
        await Assertions.Expect(page.Locator("#count-bars-1-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#count-bars-3-panel")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#count-bars-1-panel .bar-row").First).ToContainTextAsync("7.00000 elected");
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.Locator("#count-bars-2-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#count-bars-2-panel .bar-row").Nth(1)).ToContainTextAsync("2.99999 hopeful");
        await ScreenshotAsync(page, "count-stages");

        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#count-pdf"));
        Assert.Equal("draft-stage-report.pdf", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.True(pdf.Length > 1000 && pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8), "Not a PDF.");
    }

    [Fact]
    public async Task On_a_phone_a_tie_is_broken_by_the_lot_the_returning_officer_enters_and_the_table_scrolls_sideways()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "ada@example.org", Password);
        await MemberArrangements.CreateLoginAsync(Factory.Services, "ro@example.org", Password, Roles.ReturningOfficer);
        var page = await NewPageAsync(phone: true);
        await SignInAsync(page, "ro@example.org");
        await page.GotoAsync("count");
        await Assertions.Expect(page.Locator("#count-file")).ToBeEnabledAsync();

        await page.SetInputFilesAsync("#count-file", Blt("tie.blt", "3 1\n3 1 0\n2 2 0\n2 3 0\n0\nAnn\nBob\nCath\nTied committee\n"));
        await Assertions.Expect(page.Locator("#count-file-read")).ToContainTextAsync("tie.blt");
        await page.ClickAsync("#count-run");
        await Assertions.Expect(page.Locator("#count-lot-request")).ToContainTextAsync("The count stopped at stage 2: Bob and Cath are tied for exclusion");
        await Assertions.Expect(page.Locator("#count-elected")).ToHaveTextAsync("Nobody.");

        await page.SelectOptionAsync("#count-lot", new SelectOptionValue { Label = "Cath" });
        await page.ClickAsync("#count-lot-enter");
        await Assertions.Expect(page.Locator("#count-elected li")).ToHaveTextAsync(["Ann"]);
        await Assertions.Expect(page.Locator("#count-lots")).ToContainTextAsync("Stage 2, between Bob, Cath: the lot fell on Cath.");
        await Assertions.Expect(page.Locator("#count-ties")).ToContainTextAsync("decided by lot");
        await Assertions.Expect(page.Locator("#count-lot-request")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#count-pdf")).ToBeVisibleAsync();

        // The page itself does not scroll sideways; the table does, inside its own region.
        var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 390, $"The page is {pageWidth}px wide on a 390px screen.");
        var region = page.Locator(".stage-table-scroll");
        var (scrollWidth, clientWidth) = (await region.EvaluateAsync<int>("e => e.scrollWidth"), await region.EvaluateAsync<int>("e => e.clientWidth"));
        Assert.True(scrollWidth > clientWidth, $"The table ({scrollWidth}px) should scroll inside its {clientWidth}px region.");
        await ScreenshotAsync(page, "count-stages-phone");
    }

    [Fact]
    public async Task A_registrar_without_the_teller_role_is_refused_the_count_page()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "ada@example.org", Password);
        await MemberArrangements.CreateLoginAsync(Factory.Services, "reg@example.org", Password, Roles.Registrar);
        var page = await NewPageAsync();
        await SignInAsync(page, "reg@example.org");

        await Assertions.Expect(page.Locator("nav a:text-is('Count ballots')")).ToHaveCountAsync(0);
        await page.GotoAsync("count");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Access denied");
    }
}
