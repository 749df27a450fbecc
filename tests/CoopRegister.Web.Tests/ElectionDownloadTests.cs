using System.Net;
using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Elections;
using CoopRegister.Features.Meetings;
using CoopRegister.Testing;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Web.Tests;

/// <summary>Who may download an election's ballots as BLT (tellers and the returning officer, after the close) and open the lot page.</summary>
public sealed class ElectionDownloadTests : WebTestBase
{
    /// <summary>A meeting with one election of two candidates, voting opened and then closed; returns the meeting's and election's ids.</summary>
    private async Task<(long Meeting, long Election)> ClosedMeetingAsync(bool close)
    {
        var teller = await MemberArrangements.ActorForAsync(Factory.Services, "teller@example.org");
        using var scope = Factory.Services.CreateScope();
        var meetings = scope.ServiceProvider.GetRequiredService<MeetingService>();
        var elections = scope.ServiceProvider.GetRequiredService<ElectionService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var id = await meetings.CreateAsync(teller, new MeetingForm
        {
            Title = "Annual General Meeting",
            NoticeDate = today,
            VotingOpensAtUtc = DateTime.UtcNow.Date,
            VotingClosesAtUtc = DateTime.UtcNow.Date.AddDays(40),
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
        if (close)
        {
            await using (var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<RegisterDbContext>>().CreateDbContext())
            {
                await db.Meetings.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.VotingClosesAt, DateTime.UtcNow.AddMinutes(-1)), Cancel);
            }

            await meetings.CloseVotingAsync(teller, id, (await meetings.GetAsync(teller, id, Cancel))!.Version, Cancel);
        }

        return (id, election);
    }

    [Fact]
    public async Task Only_tellers_download_an_elections_ballots_as_BLT_and_only_after_the_close()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("teller@example.org", Roles.Teller);
        await CreateLoginAsync("member@example.org", Roles.Member);
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        var (open, openElection) = await ClosedMeetingAsync(close: false);
        var (id, election) = await ClosedMeetingAsync(close: true);
        var teller = await SignedInAsync("teller@example.org");

        var early = await teller.GetAsync($"/meetings/{open}/elections/{openElection}/ballots.blt");
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("once voting has closed", await early.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        var page = await ReadAsync(teller, $"/meetings/{id}");
        Assert.Contains($"meetings/{id}/elections/{election}/ballots.blt\"", page, StringComparison.Ordinal);
        var blt = await teller.GetAsync($"/meetings/{id}/elections/{election}/ballots.blt");
        Assert.Equal(HttpStatusCode.OK, blt.StatusCode);
        Assert.Equal("management-committee.blt", blt.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Equal("2 1\n0\n\"Ann Archer\"\n\"Bob Baker\"\n\"Management committee\"\n", await blt.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.BadRequest, (await teller.GetAsync($"/meetings/{open}/elections/{election}/ballots.blt")).StatusCode); // another meeting's election

        foreach (var email in new[] { "member@example.org", "registrar@example.org" })
        {
            var session = await SignedInAsync(email);
            foreach (var path in new[] { $"/meetings/{id}/elections/{election}/ballots.blt", $"/meetings/{id}/elections/{election}/lot" })
            {
                var refused = await session.GetAsync(path);
                Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
                Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
        }

        // The lot page is the returning officer's: a teller is refused it.
        var lot = await teller.GetAsync($"/meetings/{id}/elections/{election}/lot");
        Assert.Equal(HttpStatusCode.Redirect, lot.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", lot.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var anonymous = await NewSession().GetAsync($"/meetings/{id}/elections/{election}/ballots.blt");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
