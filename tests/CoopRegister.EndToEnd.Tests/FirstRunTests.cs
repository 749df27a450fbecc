using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

public sealed class FirstRunTests : BrowserTest
{
    [Fact]
    public async Task The_first_administrator_sets_up_the_society_from_the_printed_link_and_invites_a_registrar_who_signs_in()
    {
        var link = await Factory.WaitForSetupLinkAsync();
        Assert.Equal(BaseAddress.Authority, link.Authority);

        // The administrator opens the printed link and fills in the society and their own login.
        var admin = await NewPageAsync();
        await admin.GotoAsync(link.ToString());
        await admin.FillAsync("#RegisteredName", "Zoë's Reader Co-operative Limited");
        await admin.FillAsync("#RegistrationNumber", "31234R");
        await admin.FillAsync("#RegisteredOffice", "1 Print Street\nLondon E1 1AA");
        await admin.FillAsync("#AdminName", "Ada Admin");
        await admin.FillAsync("#AdminEmail", "ada@example.org");
        await admin.FillAsync("#Password", Password);
        await admin.FillAsync("#ConfirmPassword", Password);
        await ScreenshotAsync(admin, "first-run-setup");
        await admin.ClickAsync("#complete-setup");
        await Assertions.Expect(admin.Locator("#setup-done")).ToBeVisibleAsync();

        // The link is dead now.
        var again = await NewPageAsync();
        await again.GotoAsync(link.ToString());
        await Assertions.Expect(again.Locator("#setup-refused")).ToBeVisibleAsync();

        // The administrator signs in from the setup page and, being staff, sets up an authenticator app at once
        // (quality.md: officers use two-factor authentication; the key is read off the page as a phone scans it).
        await Assertions.Expect(admin.Locator("#setup-next")).ToContainTextAsync("authenticator app");
        await admin.ClickAsync("#go-sign-in");
        await admin.FillAsync("#Input\\.Email", "ada@example.org");
        await admin.FillAsync("#Input\\.Password", Password);
        await admin.ClickAsync("button[type=submit]:has-text('Sign in')");
        await Assertions.Expect(admin).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("Account/TwoFactorRequired"));
        await Assertions.Expect(admin.Locator("#two-factor-why")).ToContainTextAsync("two-factor authentication");
        await Assertions.Expect(admin.Locator("#authenticator-qr")).ToBeVisibleAsync();
        await ScreenshotAsync(admin, "first-administrator-two-factor");
        Assert.NotNull(await EnrolAuthenticatorAsync(admin, "ada@example.org"));

        // Signed out and in again, the administrator is asked for the app's code, and then invites a registrar.
        await admin.Context.ClearCookiesAsync();
        await SignInAsync(admin, "ada@example.org");
        await Assertions.Expect(admin.Locator(".navbar-brand")).ToHaveTextAsync("Zoë's Reader Co-operative Limited");
        await admin.GotoAsync("admin/staff");
        await Assertions.Expect(admin.Locator("#mail-destination")).ToContainTextAsync("outbox");
        await admin.FillAsync("#invite-name", "Rhiannon Registrar");
        await admin.FillAsync("#invite-email", "rhiannon@example.org");
        await TickAsync(admin, "#invite-role-Registrar");
        await admin.ClickAsync("#send-invitation");
        await Assertions.Expect(admin.Locator("#staff-message")).ToContainTextAsync("Invitation sent to rhiannon@example.org");
        await Assertions.Expect(admin.Locator("tr[data-email='rhiannon@example.org']")).ToContainTextAsync("Invited");
        await ScreenshotAsync(admin, "staff-invited");

        // The registrar follows the link in the outbox message, chooses a password and, signed in with it, sets up an
        // authenticator app before anything else.
        var invitation = LinkFromOutbox("rhiannon@example.org", "AcceptInvitation");
        var registrar = await NewPageAsync(phone: true);
        await registrar.GotoAsync(invitation);
        await Assertions.Expect(registrar.Locator("#invitation-email")).ToHaveTextAsync("rhiannon@example.org");
        await registrar.FillAsync("#Input\\.Password", "a long registrar passphrase");
        await registrar.FillAsync("#Input\\.ConfirmPassword", "a long registrar passphrase");
        await registrar.ClickAsync("#accept-invitation");
        await Assertions.Expect(registrar).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("Account/TwoFactorRequired"));
        await ScreenshotAsync(registrar, "registrar-two-factor-phone");
        Assert.NotNull(await EnrolAuthenticatorAsync(registrar, "rhiannon@example.org"));
        await Assertions.Expect(registrar.Locator("#sign-out")).ToBeAttachedAsync();
        await registrar.GotoAsync("register");
        await Assertions.Expect(registrar.Locator("h1")).ToBeVisibleAsync();
        Assert.DoesNotContain("TwoFactorRequired", registrar.Url, StringComparison.Ordinal);

        // The next sign-in asks for the code from the app.
        await registrar.Context.ClearCookiesAsync();
        await SignInAsync(registrar, "rhiannon@example.org", "a long registrar passphrase");
        await ScreenshotAsync(registrar, "registrar-signed-in-phone");

        // A registrar is not an administrator.
        await registrar.GotoAsync("admin/staff");
        await Assertions.Expect(registrar.Locator("h1")).ToContainTextAsync("Access denied");

        // The invitation link cannot be used twice.
        await registrar.GotoAsync(invitation);
        await Assertions.Expect(registrar.Locator("#invitation-invalid")).ToBeVisibleAsync();
    }
}
