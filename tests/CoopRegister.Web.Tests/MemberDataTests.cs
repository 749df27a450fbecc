using System.Net;
using System.Text.Json;
using CoopRegister.Domain.Accounts;
using CoopRegister.Testing;

namespace CoopRegister.Web.Tests;

/// <summary>"Download my data" (UK GDPR Art. 15): a member gets everything held about them, and nothing about anyone else.</summary>
public sealed class MemberDataTests : WebTestBase
{
    private const string Registrar = "registrar@example.org";
    private const string Aoife = "aoife@example.org";
    private const string Bart = "bart@example.org";

    private Uri Site => Factory.Server.BaseAddress;

    [Fact]
    public async Task A_member_downloads_their_own_record_history_and_audit_trail_and_nothing_of_another_member()
    {
        await SetUpSocietyAsync();
        var registrar = await MemberArrangements.CreateLoginAsync(Factory.Services, Registrar, Password, Roles.Registrar);
        var aoife = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Aoife Ní Bhriain", Aoife, shares: 40), Site), Site);
        await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Bartholomew Quist", Bart, 77, "CF11 9SD"), Site), Site);
        await MemberArrangements.SetPasswordAsync(Factory.Services, Aoife, Password);

        var member = await SignedInAsync(Aoife);
        var page = await ReadAsync(member, "/my/details");
        Assert.Contains("id=\"download-my-data\"", page, StringComparison.Ordinal);

        var response = await member.GetAsync("/my/data.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("my-data-", response.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(aoife.MemberNumber, root.GetProperty("Member").GetProperty("MemberNumber").GetInt64());
        Assert.Equal("Aoife Ní Bhriain", root.GetProperty("Member").GetProperty("Details").GetProperty("Name").GetString());
        Assert.Equal(40, root.GetProperty("Holdings")[0].GetProperty("Shares").GetInt64());
        Assert.Equal(1, root.GetProperty("Ledger").GetArrayLength());
        Assert.Equal(1, root.GetProperty("Applications").GetArrayLength());
        Assert.Equal(1, root.GetProperty("Certificates").GetArrayLength());
        Assert.True(root.GetProperty("AuditTrail").GetArrayLength() > 0);
        Assert.Equal(Aoife, root.GetProperty("Login").GetProperty("Email").GetString());

        // Nothing of the other member, and none of the database's own secrets.
        Assert.DoesNotContain("Bartholomew", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CF11 9SD", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hash", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PasswordHash", text, StringComparison.Ordinal);

        // Only a signed-in member may ask, and only for themselves (there is no identifier to change).
        var anonymous = await NewSession().GetAsync("/my/data.json");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var staff = await (await SignedInAsync(Registrar)).GetAsync("/my/data.json");
        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", staff.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
