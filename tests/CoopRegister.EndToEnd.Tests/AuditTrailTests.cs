using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>
/// An auditor checks the audit trail's hash chain in the browser: intact with the count and the last hash, then, after an
/// edit made directly in the database, broken at that event.
/// </summary>
public sealed class AuditTrailTests : BrowserTest
{
    private const string Auditor = "audrey@example.org";

    [Fact]
    public async Task An_auditor_checks_the_trail_and_sees_where_a_direct_edit_broke_it()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "ada@example.org", Password);
        var registrar = await MemberArrangements.CreateLoginAsync(Factory.Services, "rhiannon@example.org", Password, Roles.Registrar);
        var application = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Siân Llewellyn", "sian@example.org"), BaseAddress);
        await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar, application, BaseAddress);
        await MemberArrangements.CreateLoginAsync(Factory.Services, Auditor, Password, Roles.Auditor);
        long count, victim;
        string lastHash;
        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<RegisterDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            count = await db.AuditEvents.CountAsync(TestContext.Current.CancellationToken);
            lastHash = (await db.AuditChainHeads.SingleAsync(TestContext.Current.CancellationToken)).Hash;
            victim = await db.AuditEvents.Where(e => e.Action == "shares.allotted").Select(e => e.Id).SingleAsync(TestContext.Current.CancellationToken);
        }

        var page = await NewPageAsync();
        await SignInAsync(page, Auditor);
        await page.ClickAsync("nav a:text-is('Audit trail')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Audit trail");
        await Assertions.Expect(page.Locator("#audit-latest li[data-action='shares.allotted']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#check-chain")).ToBeEnabledAsync();
        await page.ClickAsync("#check-chain");
        await Assertions.Expect(page.Locator("#chain-result")).ToHaveAttributeAsync("data-intact", "true");
        await Assertions.Expect(page.Locator("#chain-result")).ToContainTextAsync($"Intact: {count} events");
        await Assertions.Expect(page.Locator("#chain-last-hash")).ToHaveTextAsync(lastHash);
        await ScreenshotAsync(page, "audit-trail-intact");

        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<RegisterDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "Summary" = 'Allotted 5 shares.' WHERE "Id" = {victim}""", TestContext.Current.CancellationToken);
        }

        await page.ClickAsync("#check-chain");
        await Assertions.Expect(page.Locator("#chain-result")).ToHaveAttributeAsync("data-intact", "false");
        await Assertions.Expect(page.Locator("#chain-result")).ToContainTextAsync($"The audit trail is broken at event {victim}: a record was changed.");
        await Assertions.Expect(page.Locator("#chain-break-event")).ToContainTextAsync("shares.allotted");
        await Assertions.Expect(page.Locator("#chain-break-explanation")).ToContainTextAsync("it was changed after it was written");
        await ScreenshotAsync(page, "audit-trail-broken");
    }

    [Fact]
    public async Task A_member_is_refused_the_audit_trail()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "ada@example.org", Password);
        await MemberArrangements.CreateLoginAsync(Factory.Services, "member@example.org", Password, Roles.Member);
        var page = await NewPageAsync(phone: true);
        await SignInAsync(page, "member@example.org");
        await page.GotoAsync(new Uri(BaseAddress, "register/audit").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("Account/AccessDenied"));
        await Assertions.Expect(page.Locator("#check-chain")).ToHaveCountAsync(0);
    }
}
