using System.Net;
using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Access;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Retention;
using CoopRegister.Testing;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Web.Tests;

/// <summary>
/// The retention page is the registrar's alone; a minimised former member's page says so, their login is gone (so no
/// data download), and their certificates still verify.
/// </summary>
public sealed class RetentionPageTests : WebTestBase
{
    private const string Registrar = "registrar@example.org";
    private const string Auditor = "auditor@example.org";
    private const string Aoife = "aoife@example.org";
    private const string Bart = "bart@example.org";

    private Uri Site => Factory.Server.BaseAddress;

    [Fact]
    public async Task Only_a_registrar_reaches_the_retention_page()
    {
        await ArrangeAsync();

        var page = await ReadAsync(await SignedInAsync(Registrar), "/register/retention");
        Assert.Contains("id=\"retention-dry-run\"", page, StringComparison.Ordinal);

        foreach (var refused in new[] { Auditor, Bart })
        {
            var response = await (await SignedInAsync(refused)).GetAsync("/register/retention");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var anonymous = await NewSession().GetAsync("/register/retention");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_minimised_former_members_page_says_so_their_login_is_gone_and_their_certificate_still_verifies()
    {
        var (registrar, aoife) = await ArrangeAsync();
        string code;
        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<RegisterDbContext>>().CreateDbContextAsync(Cancel))
        {
            // A former member who left years ago with nothing outstanding: entered 2015, ceased 2020, holding paid out.
            await db.Members.Where(m => m.Id == aoife.MemberId).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.DateEntered, new DateOnly(2015, 3, 1))
                .SetProperty(m => m.DateCeased, new DateOnly(2020, 6, 30))
                .SetProperty(m => m.CeasedKind, CessationKind.Resignation)
                .SetProperty(m => m.CeasedReason, "Letter of resignation"), Cancel);
            await db.Holdings.Where(h => h.MemberId == aoife.MemberId).ExecuteUpdateAsync(s => s.SetProperty(h => h.Shares, 0L).SetProperty(h => h.AmountPaidPence, 0L), Cancel);
            code = await db.Certificates.Where(c => c.MemberId == aoife.MemberId).Select(c => c.VerificationCode).FirstAsync(Cancel);
        }

        var before = await SignedInAsync(Aoife);
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/my/data.json")).StatusCode);

        using (var scope = Factory.Services.CreateScope())
        {
            Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<RetentionService>().MinimiseAsync(registrar, null, Cancel)).Minimised);
        }

        var page = await ReadDecodedAsync(await SignedInAsync(Registrar), $"/register/members/{aoife.MemberId}");
        Assert.Contains("Personal details minimised on", page, StringComparison.Ordinal);
        Assert.Contains("Aoife Ní Bhriain", page, StringComparison.Ordinal);
        Assert.Contains("None notified", page, StringComparison.Ordinal);

        var signIn = await NewSession().SignInAsync(Aoife, Password);
        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Null(await MemberArrangements.LoginOfMemberAsync(Factory.Services, aoife.MemberId));
        var download = await before.GetAsync("/my/data.json");
        Assert.NotEqual(HttpStatusCode.OK, download.StatusCode);

        var verified = await ReadDecodedAsync(NewSession(), $"/v/{code}");
        Assert.Contains("Aoife Ní Bhriain", verified, StringComparison.Ordinal);
    }

    private async Task<(Actor Registrar, AllottedLine Aoife)> ArrangeAsync()
    {
        await SetUpSocietyAsync();
        var registrar = await MemberArrangements.CreateLoginAsync(Factory.Services, Registrar, Password, Roles.Registrar);
        await CreateLoginAsync(Auditor, Roles.Auditor);
        var aoife = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Aoife Ní Bhriain", Aoife), Site), Site);
        await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Bart Quist", Bart), Site), Site);
        await MemberArrangements.SetPasswordAsync(Factory.Services, Aoife, Password);
        await MemberArrangements.SetPasswordAsync(Factory.Services, Bart, Password);
        return (registrar, aoife);
    }
}
