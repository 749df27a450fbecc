using System.Text.RegularExpressions;
using CoopRegister.Domain.Accounts;
using CoopRegister.Testing;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

public sealed class JoinOnPhoneTests : BrowserTest
{
    private const string ReaderEmail = "zoe.reader@example.org";
    private const string ReaderPassword = "a reader's long passphrase";

    [Fact]
    public async Task A_reader_applies_on_a_phone_the_registrar_records_payment_and_allots_and_the_new_member_signs_in_and_sees_the_holding()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "admin@example.org", Password);
        await MemberArrangements.CreateLoginAsync(Factory.Services, "registrar@example.org", Password, Roles.Registrar);

        // The reader fills in the join page on a phone.
        var reader = await NewPageAsync(phone: true);
        await reader.GotoAsync("join");
        await Assertions.Expect(reader.Locator("#Kind-Individual")).ToBeCheckedAsync();
        await reader.FillAsync("#Name", "Zoë Ó Briain");
        await reader.FillAsync("#DateOfBirth-day", "17");
        await reader.FillAsync("#DateOfBirth-month", "5");
        await reader.FillAsync("#DateOfBirth-year", "1980");
        await reader.FillAsync("#Address", "12 Beachy Road\nLondon");
        await reader.FillAsync("#Postcode", "e3 2ns");
        await reader.FillAsync("#Email", ReaderEmail);

        // Pounds and shares follow each other.
        await reader.FillAsync("#SharesPounds", "25");
        await Assertions.Expect(reader.Locator("#Shares")).ToHaveValueAsync("25");
        await reader.FillAsync("#Shares", "30");
        await Assertions.Expect(reader.Locator("#SharesPounds")).ToHaveValueAsync("30");
        await reader.FillAsync("#SharesPounds", "25.50");
        await Assertions.Expect(reader.Locator("#Shares-problem")).ToContainTextAsync("whole multiple");
        await reader.FillAsync("#SharesPounds", "25");
        await Assertions.Expect(reader.Locator("#Shares")).ToHaveValueAsync("25");
        await Assertions.Expect(reader.Locator("#MarketingConsent")).Not.ToBeCheckedAsync();
        await Assertions.Expect(reader.Locator("#NoticesByEmail")).ToBeCheckedAsync();
        await ScreenshotAsync(reader, "join-form-phone");

        // Submitting without the declarations is refused, and the reason is shown at the top.
        await reader.ClickAsync("#submit-application");
        await Assertions.Expect(reader.Locator("#error-summary")).ToContainTextAsync("declarations");
        await Assertions.Expect(reader.Locator("#error-summary")).ToBeFocusedAsync();
        await ScreenshotAsync(reader, "join-refused-phone");

        await TickAsync(reader, "#declare-rules");
        await TickAsync(reader, "#declare-true");
        await reader.ClickAsync("#submit-application");

        // The confirmation: the reference, the amount and the society's bank details with the reference to quote.
        var referenceBox = reader.Locator("#application-reference");
        await Assertions.Expect(referenceBox).ToHaveTextAsync(new Regex("^SH-[A-Z0-9]{6}$"));
        var reference = (await referenceBox.TextContentAsync())!.Trim();
        await Assertions.Expect(reader.Locator("#application-amount")).ToContainTextAsync("25 shares for £25.00");
        await Assertions.Expect(reader.Locator("#bank-sort-code")).ToHaveTextAsync("08-92-99");
        await Assertions.Expect(reader.Locator("#bank-account-number")).ToHaveTextAsync("65746384");
        await Assertions.Expect(reader.Locator("#bank-reference")).ToHaveTextAsync(reference);
        await Assertions.Expect(reader.Locator("#confirmation-mailed")).ToBeVisibleAsync();
        await ScreenshotAsync(reader, "join-confirmation-phone");

        // The status link (also in the confirmation e-mail) shows the application and its steps.
        Assert.Contains(reference, LinkFromOutbox(ReaderEmail, "apply/status"), StringComparison.Ordinal);
        await reader.ClickAsync("#status-link");
        await Assertions.Expect(reader.Locator("#application-status")).ToHaveTextAsync("Waiting for payment");
        await Assertions.Expect(reader.Locator("#status-steps li")).ToHaveCountAsync(1);
        await Assertions.Expect(reader.Locator("#bank-reference")).ToHaveTextAsync(reference);
        await ScreenshotAsync(reader, "application-status-phone");

        // The registrar, at a desktop, finds the application in the queue, records the money and allots the shares.
        var desk = await NewPageAsync();
        await SignInAsync(desk, "registrar@example.org");
        await desk.GotoAsync("register/applications");
        await desk.ClickAsync($"a:text-is('{reference}')");
        await Assertions.Expect(desk.Locator("#payment-amount")).ToHaveValueAsync("25.00");
        await desk.FillAsync("#payment-reference", reference);
        await desk.ClickAsync("#record-payment");
        await Assertions.Expect(desk.Locator("#application-status")).ToHaveTextAsync("Paid, waiting for allotment");
        await desk.ClickAsync("#allot-now");
        await desk.ClickAsync("#confirm-allot");
        await Assertions.Expect(desk.Locator("#allotted-member")).ToHaveTextAsync("1");
        await ScreenshotAsync(desk, "registrar-allotted-reader");
        await reader.ReloadAsync();
        await Assertions.Expect(reader.Locator("#application-status")).ToHaveTextAsync("Allotted");
        await Assertions.Expect(reader.Locator("#status-steps li")).ToHaveCountAsync(3);
        await Assertions.Expect(reader.Locator("#payment-instructions")).ToHaveCountAsync(0);

        // The new member accepts the invitation from the e-mail and signs in on the phone.
        var invitation = LinkFromOutbox(ReaderEmail, "AcceptInvitation");
        await reader.GotoAsync(invitation);
        await reader.FillAsync("#Input\\.Password", ReaderPassword);
        await reader.FillAsync("#Input\\.ConfirmPassword", ReaderPassword);
        await reader.ClickAsync("#accept-invitation");
        await Assertions.Expect(reader).ToHaveURLAsync(new Regex("Account/Login"));
        await SignInAsync(reader, ReaderEmail, ReaderPassword);

        // Their holding and its history.
        await reader.GotoAsync("my");
        await Assertions.Expect(reader.Locator("#member-number")).ToHaveTextAsync("1");
        await Assertions.Expect(reader.Locator("#member-name")).ToHaveTextAsync("Zoë Ó Briain");
        await Assertions.Expect(reader.Locator("#holding-total")).ToHaveTextAsync("£25.00");
        await Assertions.Expect(reader.Locator("#ledger tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(reader.Locator("#ledger tbody tr")).ToContainTextAsync(reference);
        await ScreenshotAsync(reader, "my-shares-phone");

        // A change of address, recorded with its date.
        await reader.ClickAsync("#edit-details");
        await Assertions.Expect(reader).ToHaveURLAsync(new Regex("my/details$"));
        await Assertions.Expect(reader.Locator("#registered-name")).ToHaveTextAsync("Zoë Ó Briain");
        await reader.FillAsync("#Address", "3 Tŷ Newydd Lane\nCardiff");
        await reader.FillAsync("#Postcode", "cf11 9sd");
        await TickAsync(reader, "#MarketingConsent");
        await reader.ClickAsync("#save-details");
        await Assertions.Expect(reader.Locator("#details-saved")).ToContainTextAsync("Saved on");
        await Assertions.Expect(reader.Locator("#Postcode")).ToHaveValueAsync("CF11 9SD");
        await ScreenshotAsync(reader, "my-details-saved-phone");

        await reader.ReloadAsync();
        await Assertions.Expect(reader.Locator("#Address")).ToHaveValueAsync("3 Tŷ Newydd Lane\nCardiff");
        await Assertions.Expect(reader.Locator("#MarketingConsent")).ToBeCheckedAsync();

        // Buying more by monthly standing order.
        await reader.GotoAsync("my/buy");
        await Assertions.Expect(reader.Locator("#current-holding")).ToContainTextAsync("25 shares");
        await reader.FillAsync("#Shares", "60");
        await TickAsync(reader, "#PaymentMethod-StandingOrder");
        await reader.FillAsync("#Instalment", "10");
        await Assertions.Expect(reader.Locator("#instalment-count")).ToContainTextAsync("6 monthly payments");
        await ScreenshotAsync(reader, "buy-more-phone");
        await reader.ClickAsync("#submit-top-up");
        await Assertions.Expect(reader.Locator("#application-amount")).ToContainTextAsync("60 shares for £60.00");
        await Assertions.Expect(reader.Locator("#payment-instructions")).ToContainTextAsync("£10.00");
        await ScreenshotAsync(reader, "buy-more-confirmation-phone");

        await reader.GotoAsync("my");
        await Assertions.Expect(reader.Locator("#pending-applications tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(reader.Locator("#pending-applications")).ToContainTextAsync("Waiting for payment");
    }

    [Fact]
    public async Task A_union_branch_applies_through_its_nominee_and_is_asked_only_what_a_nominee_is_asked()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "admin@example.org", Password);

        var page = await NewPageAsync();
        await page.GotoAsync("join");
        await TickAsync(page, "#Kind-Nominee");
        await Assertions.Expect(page.Locator("#RepresentedBody")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#RepresentativeName")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#JointHolders")).ToHaveCountAsync(0);
        await page.FillAsync("#Name", "Siân Llewellyn");
        await page.FillAsync("#RepresentedBody", "Unite Cardiff Branch 1234");
        await page.FillAsync("#Address", "Transport House\n1 Cathedral Road\nCardiff");
        await page.FillAsync("#Postcode", "CF11 9SD");
        await page.FillAsync("#Email", "branch1234@example.org");
        await page.FillAsync("#Shares", "500");
        await TickAsync(page, "#PaymentMethod-Cheque");
        await TickAsync(page, "#declare-rules");
        await TickAsync(page, "#declare-true");
        await TickAsync(page, "#declare-authority");
        await ScreenshotAsync(page, "join-union-branch-desktop");
        await page.ClickAsync("#submit-application");

        await Assertions.Expect(page.Locator("#application-amount")).ToContainTextAsync("500 shares for £500.00");
        await Assertions.Expect(page.Locator("#cheque-payee")).ToHaveTextAsync("People's Press Printing Society Limited");
        await Assertions.Expect(page.Locator("#cheque-address")).ToContainTextAsync("52 Beachy Road");
        await ScreenshotAsync(page, "join-union-branch-confirmation-desktop");
    }
}
