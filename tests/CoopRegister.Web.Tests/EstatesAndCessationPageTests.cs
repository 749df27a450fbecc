using System.Net;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Access;
using CoopRegister.Features.Estates;
using CoopRegister.Features.Registration;
using CoopRegister.Testing;

namespace CoopRegister.Web.Tests;

/// <summary>
/// Nominations, deaths and the gone-away list as the pages and endpoints hand them out: a member sees only their own
/// nominations, read only; the registrar's pages and files are refused to members; a read-only login gets no buttons.
/// </summary>
public sealed class EstatesAndCessationPageTests : WebTestBase
{
    private const string Registrar = "registrar@example.org";
    private const string Auditor = "auditor@example.org";
    private const string Aoife = "aoife@example.org";
    private const string Bart = "bart@example.org";

    private Uri Site => Factory.Server.BaseAddress;

    private sealed record Arranged(Actor Registrar, AllottedLine Aoife, AllottedLine Bart);

    [Fact]
    public async Task A_member_reads_their_own_nominations_and_cannot_reach_another_members_record()
    {
        var arranged = await ArrangeAsync();

        var member = await SignedInAsync(Aoife);
        var mine = await ReadAsync(member, "/my/nominations");
        var bartsRecord = await member.GetAsync($"/register/members/{arranged.Bart.MemberId}");

        Assert.Contains("Niamh Byrne", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret Nominee", mine, StringComparison.Ordinal);
        Assert.Contains("5,000</strong>", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("<button", MainOf(mine), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, bartsRecord.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", bartsRecord.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registrar_gets_the_writing_buttons_and_a_read_only_login_only_reads()
    {
        var arranged = await ArrangeAsync();
        var path = $"/register/members/{arranged.Aoife.MemberId}";

        var registrars = await ReadAsync(await SignedInAsync(Registrar), path);
        var auditors = await ReadAsync(await SignedInAsync(Auditor), path);

        foreach (var page in new[] { registrars, auditors })
        {
            Assert.Contains("id=\"nomination-book\"", page, StringComparison.Ordinal);
            Assert.Contains("Niamh Byrne", page, StringComparison.Ordinal);
        }

        foreach (var button in new[] { "id=\"add-nomination\"", "id=\"record-death\"", "id=\"start-cessation\"", "id=\"log-failure\"" })
        {
            Assert.Contains(button, registrars, StringComparison.Ordinal);
            Assert.DoesNotContain(button, auditors, StringComparison.Ordinal);
        }

        var goneAway = await ReadAsync(await SignedInAsync(Auditor), "/register/gone-away");
        Assert.Contains("id=\"gone-away-count\"", goneAway, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"bulk-cease\"", goneAway, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gone_away_file_and_the_final_statement_are_the_registrars_and_not_a_members()
    {
        var arranged = await ArrangeAsync();
        var registrar = await SignedInAsync(Registrar);
        var member = await SignedInAsync(Aoife);

        var csv = await registrar.GetAsync("/register/gone-away.csv");
        var badYears = await registrar.GetAsync("/register/gone-away.csv?years=0");
        var notSettled = await registrar.GetAsync($"/members/{arranged.Aoife.MemberId}/final-statement.pdf");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Member number,Name", await csv.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badYears.StatusCode);
        Assert.Contains("between 1 and 50 years", await badYears.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notSettled.StatusCode);
        foreach (var path in new[] { "/register/gone-away.csv", $"/members/{arranged.Aoife.MemberId}/final-statement.pdf", "/register/gone-away" })
        {
            var refused = await member.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    private async Task<Arranged> ArrangeAsync()
    {
        await SetUpSocietyAsync();
        var registrar = await MemberArrangements.CreateLoginAsync(Factory.Services, Registrar, Password, Roles.Registrar);
        await CreateLoginAsync(Auditor, Roles.Auditor);
        var aoife = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Aoife Ní Bhriain", Aoife), Site), Site);
        var bart = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Bart Quist", Bart), Site), Site);
        await MemberArrangements.SetPasswordAsync(Factory.Services, Aoife, Password);
        using (var scope = Factory.Services.CreateScope())
        {
            var estates = scope.ServiceProvider.GetRequiredService<EstateService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await estates.RecordNominationAsync(registrar, aoife.MemberId, Form("Niamh Byrne", today), Cancel);
            await estates.RecordNominationAsync(registrar, bart.MemberId, Form("Secret Nominee", today), Cancel);
        }

        return new Arranged(registrar, aoife, bart);
    }

    private static NominationForm Form(string name, DateOnly today) => new()
    {
        NomineeName = name,
        NomineeAddress = "1 Main Street\nGalway",
        Relationship = "sister",
        SharePercent = "100",
        SignedOn = today,
        ReceivedOn = today,
    };

    private static string MainOf(string html)
    {
        var start = html.IndexOf("<main", StringComparison.Ordinal);
        var end = html.IndexOf("</main>", StringComparison.Ordinal);
        return start >= 0 && end > start ? html[start..end] : html;
    }
}
