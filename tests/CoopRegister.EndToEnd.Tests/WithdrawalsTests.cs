using System.Globalization;
using CoopRegister.Domain.Accounts;
using CoopRegister.Testing;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>
/// A withdrawal from notice to payment as people do it: the administrator sets the notice period and the board's budget,
/// a member gives notice on a phone, the registrar records the board's approval and the payment, and the member sees it paid.
/// </summary>
public sealed class WithdrawalsTests : BrowserTest
{
    private const string Admin = "ada@example.org";
    private const string Registrar = "rhiannon@example.org";
    private const string MemberEmail = "sian@example.org";

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_member_gives_notice_on_a_phone_the_registrar_approves_and_pays_it_and_the_member_sees_it_paid()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, Admin, Password);
        var registrarActor = await MemberArrangements.CreateLoginAsync(Factory.Services, Registrar, Password, Roles.Registrar);
        var application = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Siân Llewellyn", MemberEmail, shares: 50), BaseAddress);
        await MemberArrangements.PayAndAllotAsync(Factory.Services, registrarActor, application, BaseAddress);
        await MemberArrangements.SetPasswordAsync(Factory.Services, MemberEmail, Password);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // The administrator: no notice period for this society (so the payment can follow today), and a budget for the period.
        var admin = await NewPageAsync();
        await SignInAsync(admin, Admin);
        await admin.ClickAsync("#admin-menu");
        await admin.ClickAsync("nav a:text-is('Withdrawal settings')");
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("Withdrawal settings");
        await admin.FillAsync("#WithdrawalNoticeDays", "0");
        await admin.ClickAsync("#save-notice-days");
        await Assertions.Expect(admin.Locator("#settings-message")).ToHaveTextAsync("Notice period saved.");
        await admin.FillAsync("#PeriodStart", Iso(today.AddDays(-1)));
        await admin.FillAsync("#PeriodEnd", Iso(today.AddDays(60)));
        await admin.FillAsync("#Amount", "1000");
        await admin.FillAsync("#budget-minutes", "BM 2026/11 item 5");
        await admin.ClickAsync("#set-budget");
        await Assertions.Expect(admin.Locator("#budgets tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator("#budgets")).ToContainTextAsync("£1,000.00");
        await ScreenshotAsync(admin, "withdrawal-settings");

        // The member, on a phone: from My shares to the withdrawal page, gives notice on 20 of 50 shares.
        var phone = await NewPageAsync(phone: true);
        await SignInAsync(phone, MemberEmail);
        await phone.GotoAsync("my");
        await phone.ClickAsync("#withdraw-shares");
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Withdraw shares");
        await Assertions.Expect(phone.Locator("#no-notices")).ToBeVisibleAsync();
        await phone.FillAsync("#Shares", "20");
        await Assertions.Expect(phone.Locator("#withdraw-value")).ToContainTextAsync("£20.00");
        await phone.ClickAsync("#give-notice");
        await Assertions.Expect(phone.Locator("#notice-given")).ToContainTextAsync("Your notice to withdraw 20 shares has been received.");
        var notice = phone.Locator("#my-notices tbody tr").First;
        await Assertions.Expect(notice.Locator(".notice-status")).ToHaveTextAsync("Waiting for the board's decision");
        Assert.False(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth"),
            "The withdrawal page is wider than a phone's screen.");
        await ScreenshotAsync(phone, "withdrawal-notice-phone");

        // The registrar: the queue shows the notice against the budget; the board's approval, then the payment.
        var page = await NewPageAsync();
        await SignInAsync(page, Registrar);
        await page.ClickAsync("nav a:text-is('Withdrawals')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Withdrawals");
        var row = page.Locator("#withdrawal-queue tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync("Siân Llewellyn");
        await Assertions.Expect(row).ToContainTextAsync("£20.00");
        await Assertions.Expect(page.Locator("#budget-amount")).ToHaveTextAsync("£1,000.00");
        await row.Locator("input[type=checkbox]").CheckAsync();
        await page.SelectOptionAsync("#decision", "Approved");
        await page.FillAsync("#Minutes", "BM 2026/11 item 6");
        await page.ClickAsync("#record-decision");
        await Assertions.Expect(page.Locator("#withdrawal-message")).ToContainTextAsync("1 request approved");
        await Assertions.Expect(row).ToContainTextAsync("Approved");
        await Assertions.Expect(page.Locator("#budget-approved")).ToHaveTextAsync("£20.00");

        await row.Locator("button:has-text('Pay')").ClickAsync();
        await Assertions.Expect(page.Locator("#Amount")).ToHaveValueAsync("20.00");
        await page.FillAsync("#payment-reference", "FP-20-SL");
        await ScreenshotAsync(page, "withdrawal-payment");
        await page.ClickAsync("#record-payment");
        await Assertions.Expect(page.Locator("#withdrawal-message")).ToContainTextAsync("30 shares remain; balance certificate");
        await Assertions.Expect(page.Locator("#empty-queue")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#closed-withdrawals tbody tr").First).ToContainTextAsync("FP-20-SL");
        await Assertions.Expect(page.Locator("#budget-paid")).ToHaveTextAsync("£20.00");

        // The member sees it paid, and the holding that remains.
        await phone.ReloadAsync();
        await Assertions.Expect(phone.Locator("#my-notices tbody tr").First.Locator(".notice-status")).ToContainTextAsync("Paid £20.00");
        await ScreenshotAsync(phone, "withdrawal-paid-phone");
        await phone.GotoAsync("my");
        await Assertions.Expect(phone.Locator("#holdings tbody tr").First).ToContainTextAsync("30");
        await Assertions.Expect(phone.Locator("#ledger")).ToContainTextAsync("Shares withdrawn");
    }
}
