using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Members;
using CoopRegister.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>The registrar minimises former members' data: dry run, confirm, and the member's page afterwards (domain rule 59).</summary>
public sealed class RetentionTests : BrowserTest
{
    private const string Registrar = "rhiannon@example.org";

    [Fact]
    public async Task The_registrar_runs_a_dry_run_then_confirms_and_the_former_members_page_says_their_details_were_minimised()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "ada@example.org", Password);
        var registrar = await MemberArrangements.CreateLoginAsync(Factory.Services, Registrar, Password, Roles.Registrar);
        var ids = new List<long>();
        foreach (var (name, email) in new[] { ("Seán Doherty", "sean@example.org"), ("Zoë Ó Briain", "zoe@example.org"), ("Bart Quist", "bart@example.org") })
        {
            ids.Add((await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
                await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual(name, email), BaseAddress), BaseAddress)).MemberId);
        }

        // Seán and Zoë left in 2020 (as an imported register would record it); Zoë still holds her shares, so she is skipped.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<RegisterDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
            await db.Members.Where(m => m.Id == ids[0] || m.Id == ids[1]).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.DateEntered, new DateOnly(2015, 3, 1))
                .SetProperty(m => m.DateCeased, new DateOnly(2020, 6, 30))
                .SetProperty(m => m.CeasedKind, CessationKind.Resignation)
                .SetProperty(m => m.CeasedReason, "Letter of resignation"), TestContext.Current.CancellationToken);
            await db.Holdings.Where(h => h.MemberId == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(h => h.Shares, 0L).SetProperty(h => h.AmountPaidPence, 0L), TestContext.Current.CancellationToken);
        }

        var page = await NewPageAsync();
        await SignInAsync(page, Registrar);
        await page.GotoAsync("register/retention");
        await Assertions.Expect(page.Locator("#retention-confirm")).ToHaveCountAsync(0);
        await page.ClickAsync("#retention-dry-run");

        await Assertions.Expect(page.Locator("#retention-due")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#retention-to-minimise")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#retention-skipped")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#retention-skips")).ToContainTextAsync("Zoë Ó Briain");
        await Assertions.Expect(page.Locator("#retention-skips")).ToContainTextAsync("still holds 25 shares");
        await Assertions.Expect(page.Locator("#retention-due-list")).ToContainTextAsync("Seán Doherty");
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await ScreenshotAsync(page, "registrar-retention-dry-run");

        await page.ClickAsync("#retention-confirm");
        await Assertions.Expect(page.Locator("#retention-message")).ToContainTextAsync("Minimised 1 former member");
        await Assertions.Expect(page.Locator("#retention-result-skips")).ToContainTextAsync("Zoë Ó Briain");

        await page.GotoAsync($"register/members/{ids[0]}");
        await Assertions.Expect(page.Locator("#member-minimised")).ToContainTextAsync("Personal details minimised on");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Seán Doherty");
        await page.GotoAsync($"register/members/{ids[1]}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Zoë Ó Briain");
        await Assertions.Expect(page.Locator("#member-minimised")).ToHaveCountAsync(0);
    }
}
