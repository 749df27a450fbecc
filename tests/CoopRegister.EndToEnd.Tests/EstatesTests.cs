using System.Text;
using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Access;
using CoopRegister.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>The registrar at work on a death (nomination, notice, checklist, payment to the nominee) and on the gone-away list.</summary>
public sealed class EstatesTests : BrowserTest
{
    private const string Registrar = "rhiannon@example.org";

    [Fact]
    public async Task The_registrar_enters_a_nomination_records_a_death_and_pays_the_nominee_then_downloads_the_final_statement()
    {
        var registrar = await ArrangeAsync();
        var member = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Seán Doherty", "sean@example.org", shares: 120), BaseAddress), BaseAddress);

        var page = await NewPageAsync();
        await SignInAsync(page, Registrar);
        await page.GotoAsync($"register/members/{member.MemberId}");
        await Assertions.Expect(page.Locator("#nomination-limit")).ToContainTextAsync("£5,000");

        await page.ClickAsync("#add-nomination");
        await page.FillAsync("#nominee-name", "Niamh Doherty");
        await page.FillAsync("#nominee-address", "4 Quay Street\nGalway");
        await page.FillAsync("#nominee-relationship", "friend");
        await TickAsync(page, "#nominee-officer");
        await Assertions.Expect(page.Locator("#nominee-officer-warning")).ToContainTextAsync("Act s.37");
        await page.FillAsync("#nominee-relationship", "daughter");
        await page.ClickAsync("#nominee-name");
        await Assertions.Expect(page.Locator("#nominee-officer-warning")).ToHaveCountAsync(0);
        await page.ClickAsync("#save-nomination");
        await Assertions.Expect(page.Locator("#nomination-message")).ToContainTextAsync("of Niamh Doherty entered in the book");
        await Assertions.Expect(page.Locator("#nomination-book tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#nomination-book")).ToContainTextAsync("In force");
        await Assertions.Expect(page.Locator("#nomination-book")).ToContainTextAsync("Officer or employee (close relative)");

        await page.ClickAsync("#record-death");
        await page.ClickAsync("#confirm-death");
        await Assertions.Expect(page.Locator("#NotifiedBy-error")).ToContainTextAsync("Say who gave notice");
        await page.FillAsync("#notified-by", "Niamh Doherty (daughter)");
        await page.ClickAsync("#confirm-death");
        await Assertions.Expect(page.Locator("#death-message")).ToContainTextAsync("holding is frozen");
        await Assertions.Expect(page.Locator("#holding-frozen")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Ceased");

        await page.FillAsync("#evidence", "Death certificate seen, entry 44");
        await Assertions.Expect(page.Locator("#nomination-found")).ToBeCheckedAsync();
        await page.ClickAsync("#save-evidence");
        await Assertions.Expect(page.Locator("#evidence-recorded")).ToContainTextAsync("nomination found");
        await Assertions.Expect(page.Locator("#settle-route")).ToHaveValueAsync("PaidToNominees");
        await page.FillAsync("#settle-reference", "BACS 7781");
        await ScreenshotAsync(page, "registrar-death-checklist");
        await page.ClickAsync("#settle-estate");

        await Assertions.Expect(page.Locator("#settlement-recorded")).ToContainTextAsync("£120.00 to Niamh Doherty 100 %");
        await Assertions.Expect(page.Locator("#holding-frozen")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#entry-shares")).ToHaveTextAsync("0 shares");
        await Assertions.Expect(page.Locator("#ledger")).ToContainTextAsync("Transmission");
        await Assertions.Expect(page.Locator("#ledger")).ToContainTextAsync("BACS 7781");
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await ScreenshotAsync(page, "registrar-death-settled");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#final-statement"));
        Assert.Equal($"final-statement-member-{member.MemberNumber}.pdf", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.True(pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8));
    }

    [Fact]
    public async Task The_board_ceases_the_selected_gone_away_members_in_one_resolution()
    {
        var registrar = await ArrangeAsync();
        var ids = new List<long>();
        foreach (var (name, email) in new[] { ("Gwenllian Prichard", "gwen@example.org"), ("Dimitris Georgiou", "dimitris@example.org"), ("Folasade Adeyemi", "fola@example.org") })
        {
            ids.Add((await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
                await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual(name, email, shares: 30), BaseAddress), BaseAddress)).MemberId);
        }

        // Two of them were last heard from three years ago (the register's history, as an import would carry it).
        var longAgo = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-3);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<RegisterDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
            await db.Members.Where(m => m.Id == ids[0] || m.Id == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(m => m.LastContactOn, longAgo), TestContext.Current.CancellationToken);
        }

        var page = await NewPageAsync();
        await SignInAsync(page, Registrar);
        await page.GotoAsync($"register/members/{ids[0]}");
        await page.SelectOptionAsync("#failure-kind", "ReturnedMail");
        await page.FillAsync("#failure-note", "Gone away, not known at this address");
        await page.ClickAsync("#log-failure");
        await Assertions.Expect(page.Locator("#cessation-message")).ToContainTextAsync("Returned mail");
        await Assertions.Expect(page.Locator("#contact-failures")).ToContainTextAsync("Gone away, not known");

        await page.ClickAsync("nav a:text-is('Gone away')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Gone away");
        await Assertions.Expect(page.Locator("#gone-away-list tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#gone-away-list")).ToContainTextAsync("Gwenllian Prichard");
        await Assertions.Expect(page.Locator("#gone-away-list")).Not.ToContainTextAsync("Folasade Adeyemi");
        var csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#gone-away-csv"));
        Assert.Equal("gone-away.csv", csv.SuggestedFilename);
        var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(await csv.PathAsync(), TestContext.Current.CancellationToken));
        Assert.Contains("Dimitris Georgiou", text, StringComparison.Ordinal);

        await TickAsync(page, "#select-all");
        await Assertions.Expect(page.Locator("#bulk-summary")).ToContainTextAsync("2 selected: £0.00 forfeited and £60.00 converted into debts");
        await page.ClickAsync("#bulk-cease");
        await Assertions.Expect(page.Locator("#MinutesReference-error")).ToContainTextAsync("board minute");
        await page.FillAsync("#bulk-minutes", "BM 2026/31");
        await ScreenshotAsync(page, "registrar-gone-away");
        await page.ClickAsync("#bulk-cease");
        await Assertions.Expect(page.Locator("#gone-away-message")).ToContainTextAsync("2 members ceased");
        await Assertions.Expect(page.Locator("#gone-away-count")).ToContainTextAsync("0 members");

        await page.GotoAsync($"register/members/{ids[1]}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Ceased");
        await Assertions.Expect(page.Locator("#member-debts")).ToContainTextAsync("£30.00");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<RegisterDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
            var kinds = await db.Members.OrderBy(m => m.Id).Select(m => m.CeasedKind).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal([CessationKind.LostContact, CessationKind.LostContact, null], kinds);
        }
    }

    private async Task<Actor> ArrangeAsync()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "ada@example.org", Password);
        return await MemberArrangements.CreateLoginAsync(Factory.Services, Registrar, Password, Roles.Registrar);
    }
}
