using System.Net;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Elections;
using CoopRegister.Features.Meetings;
using CoopRegister.Testing;

namespace CoopRegister.Web.Tests;

/// <summary>Proxies in elections on the pages: the member's proxy form names the elections, the tellers' page lists the proxies to rank.</summary>
public sealed class ElectionProxyPageTests : WebTestBase
{
    private const string Ann = "ann@example.org";

    private Uri Site => Factory.Server.BaseAddress;

    [Fact]
    public async Task The_proxy_form_says_the_elections_are_left_to_the_proxy_and_the_tellers_page_lists_the_proxy_to_rank()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("teller@example.org", Roles.Teller);
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        var registrar = await MemberArrangements.ActorForAsync(Factory.Services, "registrar@example.org");
        await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Ann Appointer", Ann, shares: 10), Site), Site);
        await MemberArrangements.SetPasswordAsync(Factory.Services, Ann, Password);

        var teller = await MemberArrangements.ActorForAsync(Factory.Services, "teller@example.org");
        long id;
        using (var scope = Factory.Services.CreateScope())
        {
            var meetings = scope.ServiceProvider.GetRequiredService<MeetingService>();
            var elections = scope.ServiceProvider.GetRequiredService<ElectionService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            id = await meetings.CreateAsync(teller, new MeetingForm
            {
                Title = "Annual General Meeting",
                NoticeDate = today,
                VotingOpensAtUtc = DateTime.UtcNow.Date,
                VotingClosesAtUtc = DateTime.UtcNow.Date.AddDays(40),
                ProxyDeadlineUtc = DateTime.UtcNow.Date.AddDays(30),
                Sections = [new SectionForm { Name = "London", Date = today.AddDays(45), Place = "Main hall" }],
            }, Cancel);
            var election = await elections.AddAsync(teller, id, new ElectionForm { Title = "Management committee", Seats = 1, Method = ElectionMethod.ScottishStv }, Cancel);
            foreach (var name in new[] { "Ann Archer", "Bob Baker" })
            {
                var version = (await elections.ListAsync(teller, id, Cancel)).Single().Version;
                await elections.AddCandidateAsync(teller, id, election, version, new CandidateForm { Name = name }, Cancel);
            }

            await meetings.TakeRollAsync(teller, id, (await meetings.GetAsync(teller, id, Cancel))!.Version, Cancel);
            await meetings.OpenVotingAsync(teller, id, (await meetings.GetAsync(teller, id, Cancel))!.Version, Cancel);
        }

        var member = await SignedInAsync(Ann);
        var form = await ReadAsync(member, $"/my/meetings/{id}/proxy");
        Assert.Contains("id=\"proxy-elections\"", form, StringComparison.Ordinal);
        Assert.Contains("ranking the candidates at their own discretion", form, StringComparison.Ordinal);

        using (var scope = Factory.Services.CreateScope())
        {
            var ann = await MemberArrangements.ActorForAsync(Factory.Services, Ann);
            await scope.ServiceProvider.GetRequiredService<ProxyService>().AppointAsync(ann, id, new ProxyForm { Chair = true }, Cancel);
        }

        var tellers = await ReadAsync(await SignedInAsync("teller@example.org"), $"/meetings/{id}/tellers");
        Assert.Contains("Proxies in the elections", tellers, StringComparison.Ordinal);
        Assert.Contains("id=\"proxy-rankings\"", tellers, StringComparison.Ordinal);
        Assert.Contains("Not entered (marks no one)", tellers, StringComparison.Ordinal);

        // A member cannot open the tellers' page.
        var refused = await member.GetAsync($"/meetings/{id}/tellers");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }
}
