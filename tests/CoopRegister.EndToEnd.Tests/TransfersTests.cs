using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Society;
using CoopRegister.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>The registrar records share transfers from a member's record: to an existing member, then to a new member admitted by the transfer.</summary>
public sealed class TransfersTests : BrowserTest
{
    private const string Admin = "ada@example.org";
    private const string Registrar = "rhiannon@example.org";

    [Fact]
    public async Task The_registrar_records_a_transfer_to_an_existing_member_and_one_that_admits_a_new_member()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, Admin, Password);
        var admin = await MemberArrangements.ActorForAsync(Factory.Services, Admin);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // The society's rules make ordinary shares transferable (domain rule 18).
            var societies = scope.ServiceProvider.GetRequiredService<SocietyService>();
            var view = await societies.GetAsync(TestContext.Current.CancellationToken);
            await societies.UpdateAsync(admin, view!.Details with { SharesTransferable = true }, view.Version, TestContext.Current.CancellationToken);
        }

        var registrar = await MemberArrangements.CreateLoginAsync(Factory.Services, Registrar, Password, Roles.Registrar);
        var from = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Siân Llewellyn", "sian@example.org", shares: 25), BaseAddress), BaseAddress);
        var to = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Dafydd ap Gruffydd", "dafydd@example.org", shares: 5, postcode: "CF10 1AA"), BaseAddress), BaseAddress);

        var page = await NewPageAsync();
        await SignInAsync(page, Registrar);
        await page.GotoAsync($"register/members/{from.MemberId}");
        await page.ClickAsync("#member-transfers");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Transfers of shares");
        await Assertions.Expect(page.Locator("#transfer-from")).ToHaveValueAsync(from.MemberNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#record-transfer")).ToBeEnabledAsync();

        await page.FillAsync("#transfer-shares", "10");
        await page.FillAsync("#transfer-to", to.MemberNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#transfer-minutes", "Committee 2026/11 item 4");
        await ScreenshotAsync(page, "transfer-form");
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await page.ClickAsync("#record-transfer");

        await Assertions.Expect(page.Locator("#transfer-message")).ToContainTextAsync($"10 shares transferred from member {from.MemberNumber} to member {to.MemberNumber}.");
        await Assertions.Expect(page.Locator("#transfers tbody tr")).ToHaveCountAsync(1);

        // The second transferee is not yet a member: the transfer admits them, with the next member number.
        await page.FillAsync("#transfer-from", from.MemberNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#transfer-shares", "5");
        await TickAsync(page, "#transfer-to-new");
        await page.FillAsync("#new-member-name", "Ngozi Adebayo");
        await page.FillAsync("#new-member-birth", "1991-04-12");
        await page.FillAsync("#new-member-address", "7 Canal Street\nManchester");
        await page.FillAsync("#new-member-postcode", "M1 3HE");
        await page.FillAsync("#new-member-email", "ngozi@example.org");
        await page.FillAsync("#transfer-minutes", "Committee 2026/11 item 5");
        await page.ClickAsync("#record-transfer");

        await Assertions.Expect(page.Locator("#transfer-message")).ToContainTextAsync($"5 shares transferred from member {from.MemberNumber} to new member {to.MemberNumber + 1}.");
        await Assertions.Expect(page.Locator("#transfers tbody tr")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "transfer-recorded");

        await page.GotoAsync($"register/members/{from.MemberId}");
        await Assertions.Expect(page.Locator("#entry-shares")).ToHaveTextAsync("10 shares");
        await page.GotoAsync($"register/members/{to.MemberId}");
        await Assertions.Expect(page.Locator("#entry-shares")).ToHaveTextAsync("15 shares");
    }
}
