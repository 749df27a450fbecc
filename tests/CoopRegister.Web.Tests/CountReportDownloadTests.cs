using System.Net;
using System.Text;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Voting.Counting;
using CoopRegister.Features.Elections;
using CoopRegister.Features.Jobs;
using CoopRegister.Testing;

namespace CoopRegister.Web.Tests;

/// <summary>Who may open the count page and the PDF report a teller made there: the teller who made it, no one else.</summary>
public sealed class CountReportDownloadTests : WebTestBase
{
    [Fact]
    public async Task The_count_page_is_for_tellers_and_the_report_downloads_only_for_the_teller_who_made_it()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("teller@example.org", Roles.Teller);
        await CreateLoginAsync("teller2@example.org", Roles.Teller);
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        await CreateLoginAsync("member@example.org", Roles.Member);
        var teller = await MemberArrangements.ActorForAsync(Factory.Services, "teller@example.org");
        var jobs = Factory.Services.GetRequiredService<JobRunner>();
        Guid id;
        using (var scope = Factory.Services.CreateScope())
        {
            var counter = scope.ServiceProvider.GetRequiredService<BallotFileCountService>();
            var file = await counter.ReadAsync(teller, new MemoryStream(Encoding.UTF8.GetBytes("2 1\n3 1 0\n1 2 0\n0\nAnn\nBob\nChair\n")), "chair.blt", Cancel);
            var result = BallotFileCountService.Count(file, CountMethod.ScottishStv, null, []);

            // Woken by the runner's notice that the job finished, not by polling.
            var finished = new TaskCompletionSource();
            jobs.Changed += changed =>
            {
                if (jobs.Get(changed, teller) is { State: not JobState.Running })
                {
                    finished.TrySetResult();
                }
            };
            id = await counter.StartReportAsync(teller, result, draft: false, Cancel);
            if (jobs.Get(id, teller) is not { State: JobState.Running })
            {
                finished.TrySetResult();
            }

            await finished.Task.WaitAsync(Cancel);
        }

        var own = await SignedInAsync("teller@example.org");
        var page = await own.GetAsync("/count");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Count a ballot file", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var pdf = await own.GetAsync($"/jobs/{id}/download");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("stage-report.pdf", pdf.Content.Headers.ContentDisposition!.FileName);
        Assert.True((await pdf.Content.ReadAsByteArrayAsync(Cancel)).AsSpan(0, 5).SequenceEqual("%PDF-"u8));

        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInAsync("teller2@example.org")).GetAsync($"/jobs/{id}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInAsync("registrar@example.org")).GetAsync($"/jobs/{id}/download")).StatusCode);
        foreach (var email in new[] { "registrar@example.org", "member@example.org" })
        {
            var session = await SignedInAsync(email);
            var refused = await session.GetAsync("/count");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var member = await (await SignedInAsync("member@example.org")).GetAsync($"/jobs/{id}/download");
        Assert.Equal(HttpStatusCode.Redirect, member.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", member.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
