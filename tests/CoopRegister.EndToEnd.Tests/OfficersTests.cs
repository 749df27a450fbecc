using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Officers;
using CoopRegister.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>The registrar keeps the register of officers; a member sees who serves, on a phone.</summary>
public sealed class OfficersTests : BrowserTest
{
    [Fact]
    public async Task The_registrar_records_an_appointment_and_a_member_sees_the_serving_officers_on_a_phone()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "ada@example.org", Password);
        var registrarActor = await MemberArrangements.CreateLoginAsync(Factory.Services, "rhiannon@example.org", Password, Roles.Registrar);
        await MemberArrangements.PayAndAllotAsync(Factory.Services, registrarActor,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Siân Llewellyn", "sian@example.org"), BaseAddress), BaseAddress);
        await MemberArrangements.SetPasswordAsync(Factory.Services, "sian@example.org", Password);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OfficerService>().AppointAsync(registrarActor, new OfficerForm
            {
                Name = "Tom Mann", Address = "1 High Street\nLondon E1 1AA", Office = "Treasurer", DateOfBirth = new DateOnly(1960, 1, 1),
                AppointedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-1),
            }, TestContext.Current.CancellationToken);
        }

        var registrar = await NewPageAsync();
        await SignInAsync(registrar, "rhiannon@example.org");
        await registrar.ClickAsync("nav a:text-is('Officers')");
        await Assertions.Expect(registrar.Locator("h1")).ToHaveTextAsync("Register of officers");
        await Assertions.Expect(registrar.Locator("#appoint-officer")).ToBeEnabledAsync();
        await registrar.FillAsync("#officer-office", "Secretary");
        await registrar.FillAsync("#officer-member", "1");
        await registrar.ClickAsync("#appoint-officer");
        await Assertions.Expect(registrar.Locator("#officer-message")).ToContainTextAsync("entered as Secretary");
        await Assertions.Expect(registrar.Locator("#officers tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(registrar.Locator("#officers")).ToContainTextAsync("Siân Llewellyn");
        await ScreenshotAsync(registrar, "officers-register");

        var member = await NewPageAsync(phone: true);
        await SignInAsync(member, "sian@example.org");
        await member.GotoAsync("officers");
        await Assertions.Expect(member.Locator("h1")).ToHaveTextAsync("The society's officers");
        await Assertions.Expect(member.Locator("#serving-officers li")).ToHaveCountAsync(2);
        await Assertions.Expect(member.Locator("#serving-officers")).ToContainTextAsync("Secretary Siân Llewellyn");
        await Assertions.Expect(member.Locator("#serving-officers")).ToContainTextAsync("Treasurer Tom Mann");
        await Assertions.Expect(member.Locator("#serving-officers")).Not.ToContainTextAsync("High Street");
        await ScreenshotAsync(member, "officers-member-phone");
    }
}
