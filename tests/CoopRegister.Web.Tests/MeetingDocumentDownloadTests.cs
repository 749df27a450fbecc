using System.Net;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Meetings;
using CoopRegister.Testing;

namespace CoopRegister.Web.Tests;

/// <summary>Who may download a meeting's PDFs: the marked register is for tellers only; the results report waits for the declaration.</summary>
public sealed class MeetingDocumentDownloadTests : WebTestBase
{
    /// <summary>A meeting being prepared with its (empty) roll taken; returns its id and its section's id.</summary>
    private async Task<(long Meeting, long Section)> MeetingWithRollAsync()
    {
        var teller = await MemberArrangements.ActorForAsync(Factory.Services, "teller@example.org");
        using var scope = Factory.Services.CreateScope();
        var meetings = scope.ServiceProvider.GetRequiredService<MeetingService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var id = await meetings.CreateAsync(teller, new MeetingForm
        {
            Title = "Annual General Meeting",
            NoticeDate = today,
            VotingOpensAtUtc = DateTime.UtcNow.Date.AddDays(2),
            VotingClosesAtUtc = DateTime.UtcNow.Date.AddDays(40),
            Sections = [new SectionForm { Name = "Zürich Hall", Date = today.AddDays(45), Place = "Main hall" }],
        }, Cancel);
        var details = (await meetings.GetAsync(teller, id, Cancel))!;
        await meetings.TakeRollAsync(teller, id, details.Version, Cancel);
        return (id, details.Sections.Single().Id);
    }

    [Fact]
    public async Task Only_tellers_print_the_marked_register_and_no_one_gets_results_before_the_count()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("teller@example.org", Roles.Teller);
        await CreateLoginAsync("member@example.org", Roles.Member);
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        var (id, section) = await MeetingWithRollAsync();
        var register = $"/meetings/{id}/sections/{section}/marked-register.pdf";

        var teller = await SignedInAsync("teller@example.org");
        var page = await ReadAsync(teller, $"/meetings/{id}");
        Assert.Contains($"meetings/{id}/sections/{section}/marked-register.pdf\"", page, StringComparison.Ordinal);
        Assert.Contains($"meetings/{id}/sections/{section}/marked-register.pdf?order=name\"", page, StringComparison.Ordinal);
        var pdf = await teller.GetAsync(register + "?order=name");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync(Cancel), 0, 5), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await teller.GetAsync(register + "?order=shoe-size")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await teller.GetAsync($"/meetings/{id}/sections/{section + 99}/marked-register.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teller.GetAsync($"/meetings/{id}/results.pdf")).StatusCode); // not counted yet

        foreach (var email in new[] { "member@example.org", "registrar@example.org" })
        {
            var session = await SignedInAsync(email);
            var refused = await session.GetAsync(register);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/meetings/{id}/results.pdf")).StatusCode);
        }

        var anonymous = NewSession();
        var login = await anonymous.GetAsync($"/meetings/{id}/results.pdf");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("/Account/Login", login.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
