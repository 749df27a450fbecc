using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Access;
using CoopRegister.Features.Members;
using CoopRegister.Features.Portal;
using CoopRegister.Features.Society;
using CoopRegister.Testing;
using CoopRegister.Web.Components.Pages.Portal;
using CoopRegister.Web.Security;
using Microsoft.AspNetCore.Components;

namespace CoopRegister.Web.Tests.Components;

/// <summary>The member's own details page over the real portal service: saving, and someone else's change in between.</summary>
public sealed class MyDetailsTests : BunitContext, IAsyncLifetime
{
    private static readonly Uri Site = new("http://register.example.org/");
    private readonly BunitAuthorizationContext _auth;
    private RegisterTestHost? _host;
    private Actor? _registrar;
    private long _memberId;

    public MyDetailsTests()
    {
        Services.AddSingleton(_ => Host.Get<PortalService>());
        Services.AddSingleton(_ => Host.Get<SocietyService>());
        Services.AddSingleton<TimeProvider>(_ => Host.Clock);
        Services.AddScoped<CurrentActor>();
        _auth = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private RegisterTestHost Host => _host ?? throw new InvalidOperationException("Not initialised.");

    public async ValueTask InitializeAsync()
    {
        _host = await RegisterTestHost.CreateAsync(DatabaseProvider.Sqlite);
        await _host.SetUpSocietyAsync();
        _registrar = await _host.CreateLoginAsync("registrar@example.org", Roles.Registrar);
        var applied = await MemberArrangements.ApplyAsync(_host.Services, MemberArrangements.Individual("Aoife Ní Bhriain", "aoife@example.org"), Site);
        _memberId = (await MemberArrangements.PayAndAllotAsync(_host.Services, _registrar, applied, Site)).MemberId;
        var member = await _host.ActorForAsync("aoife@example.org");
        _auth.SetAuthorized("aoife@example.org");
        _auth.SetRoles([.. member.Roles]);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, member.UserId!));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public void The_name_is_shown_but_not_editable()
    {
        var cut = Render<MyDetails>();
        cut.WaitForElement("#Address");

        Assert.Equal("Aoife Ní Bhriain", cut.Find("#registered-name").TextContent);
        Assert.Empty(cut.FindAll("input#Name"));
        Assert.Contains("To change your name", cut.Find("#name-change-note").TextContent, StringComparison.Ordinal);
        Assert.Contains("52 Beachy Road", cut.Find("#name-change-note").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_of_address_is_saved_with_its_date_and_audited()
    {
        var cut = Render<MyDetails>();
        cut.WaitForElement("#Address");

        cut.Find("#Address").Change("3 Heol y Frenhines\nCaerdydd");
        cut.Find("#Postcode").Change("cf10 1aa");
        cut.Find("form").Submit();

        cut.WaitForElement("#details-saved");
        Assert.Contains("Saved on 26 November 2026", cut.Find("#details-saved").TextContent, StringComparison.Ordinal);
        Assert.Equal("CF10 1AA", cut.Find("#Postcode").GetAttribute("value"));
        var record = await Host.Get<MemberService>().GetAsync(_registrar!, _memberId, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("CF10 1AA", record!.Details.Postcode);
        Assert.Contains(record.Audit, a => a.Action == "member.details-changed" && a.Actor == "aoife@example.org");
    }

    [Fact]
    public async Task A_change_made_by_the_registrar_meanwhile_is_not_overwritten_and_the_form_reloads()
    {
        var cut = Render<MyDetails>();
        cut.WaitForElement("#Address");
        var members = Host.Get<MemberService>();
        var record = (await members.GetAsync(_registrar!, _memberId, Xunit.TestContext.Current.CancellationToken))!;
        await members.UpdateDetailsAsync(_registrar!, _memberId, record.Details with { Phone = "029 2000 0000" }, record.MarketingConsent, record.Version,
            Xunit.TestContext.Current.CancellationToken);

        cut.Find("#Address").Change("Somewhere else\nLondon");
        cut.Find("form").Submit();

        cut.WaitForElement("#details-reloaded");
        Assert.Contains("changed by someone else", cut.Find("#error-summary").TextContent, StringComparison.Ordinal);
        Assert.Equal("029 2000 0000", cut.Find("#Phone").GetAttribute("value"));
        Assert.Empty(cut.FindAll("#details-saved"));

        // Saving again, on the reloaded form, succeeds.
        cut.Find("#Address").Change("Somewhere else\nLondon");
        cut.Find("form").Submit();
        cut.WaitForElement("#details-saved");
    }
}
