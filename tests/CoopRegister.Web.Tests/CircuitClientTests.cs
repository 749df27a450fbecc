using System.Net;
using CoopRegister.Domain.Accounts;
using CoopRegister.Testing;
using CoopRegister.Testing.Circuits;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CoopRegister.Web.Tests;

/// <summary>
/// The circuit benchmark's browser-less client (tests/CoopRegister.Benchmarks, "circuits") against the real app on
/// Kestrel: it opens a few live circuits on the member's buy-more page and types into them, so the client keeps up
/// with the app's pages and Blazor's protocol. Not timed: the benchmark measures, this only checks that it works.
/// </summary>
public sealed class CircuitClientTests : WebTestBase
{
    private Uri _site = new("http://127.0.0.1/");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _site = new Uri(address.TrimEnd('/') + "/");
    }

    [Fact]
    public async Task Three_circuits_open_on_the_buy_more_page_and_each_answers_typing_with_its_own_price()
    {
        await SignedInMemberAsync();
        using var session = new BrowserlessSession(_site);
        await session.SignInAsync("aoife@example.org", Password, Cancel);

        var circuits = new List<BlazorCircuit>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                circuits.Add(await session.OpenCircuitAsync("my/buy", "Shares", "input", Cancel));
            }

            for (var round = 0; round < 2; round++)
            {
                for (var i = 0; i < circuits.Count; i++)
                {
                    // Each circuit keeps its own page: a different number typed into each, twice, so the second
                    // event goes to the handler the first render replaced.
                    var typed = (17 + (10 * i) + round).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var (_, batch) = await circuits[i].DispatchAsync("Shares", "input", new { value = typed }, typed, Cancel);
                    Assert.Contains(batch.Strings, s => s.Contains($"Buy {typed} shares", StringComparison.Ordinal));
                }
            }

            Assert.All(circuits, c => Assert.True(c.IsConnected, c.Error));
        }
        finally
        {
            foreach (var circuit in circuits)
            {
                await circuit.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_visitor_who_has_not_signed_in_gets_no_circuit_on_the_members_page()
    {
        await SignedInMemberAsync();
        using var anonymous = new BrowserlessSession(_site);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => anonymous.OpenCircuitAsync("my/buy", "Shares", "input", Cancel));

        Assert.Contains("answered 302", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A member (Aoife, 40 shares) with a login and the shared test password.</summary>
    private async Task SignedInMemberAsync()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        var registrar = await MemberArrangements.ActorForAsync(Factory.Services, "registrar@example.org");
        var applied = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Aoife Ní Bhriain", "aoife@example.org", shares: 40), _site);
        await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar, applied, _site);
        await MemberArrangements.SetPasswordAsync(Factory.Services, "aoife@example.org", Password);
    }
}
