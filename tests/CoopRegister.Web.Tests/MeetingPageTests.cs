using System.Net;
using CoopRegister.Domain.Accounts;

namespace CoopRegister.Web.Tests;

/// <summary>Who may open the meeting pages and downloads: members their portal and the results, tellers the rest.</summary>
public sealed class MeetingPageTests : WebTestBase
{
    [Fact]
    public async Task A_member_cannot_open_the_tellers_pages_or_download_the_roll_or_the_ballots()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("member@example.org", Roles.Member);
        var session = NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync("member@example.org", Password)).StatusCode);

        foreach (var route in new[] { "/meetings", "/meetings/new", "/meetings/1", "/meetings/1/edit", "/meetings/1/tellers", "/meetings/1/exports/voter-roll.csv", "/meetings/1/exports/ballots.csv" })
        {
            var response = await session.GetAsync(route);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/my/meetings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/meetings/1/results")).StatusCode);
    }

    [Fact]
    public async Task A_registrar_sees_results_but_cannot_run_meetings_and_a_teller_cannot_use_the_portal()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        await CreateLoginAsync("teller@example.org", Roles.Teller);
        var registrar = NewSession();
        await registrar.SignInAsync("registrar@example.org", Password);
        Assert.Equal(HttpStatusCode.Redirect, (await registrar.GetAsync("/meetings")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await registrar.GetAsync("/meetings/1/tellers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await registrar.GetAsync("/meetings/1/results")).StatusCode);

        var teller = NewSession();
        await teller.SignInAsync("teller@example.org", Password);
        Assert.Equal(HttpStatusCode.OK, (await teller.GetAsync("/meetings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await teller.GetAsync("/meetings/1/tellers")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await teller.GetAsync("/my/meetings")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await teller.GetAsync("/meetings/999/exports/voter-roll.csv")).StatusCode);
    }
}
