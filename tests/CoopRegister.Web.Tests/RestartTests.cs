using System.Net;
using CoopRegister.Data;
using CoopRegister.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CoopRegister.Web.Tests;

public sealed class RestartTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_start_keeps_the_register_and_the_signed_in_session()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var cookies = new CookieContainer();

        await using (var first = new RegisterWebFactory(database))
        {
            await SetUpAsync(first);
            var client = first.CreateDefaultClient(new Uri("http://localhost/"), new CookieHandler(cookies));
            var session = new WebSession(client, first.Services);
            var signedIn = await session.SignInAsync("admin@example.org", "correct horse battery staple");
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/settings")).StatusCode);
        }

        await using var second = new RegisterWebFactory(database);
        var again = new WebSession(second.CreateDefaultClient(new Uri("http://localhost/"), new CookieHandler(cookies)));
        var page = await again.GetAsync("/admin/settings");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var home = await (await again.GetAsync("/")).Content.ReadAsStringAsync(Cancel);
        Assert.Contains("People&#x27;s Press Printing Society Limited", home, StringComparison.Ordinal);
        Assert.DoesNotContain("/setup?token=", second.ConsoleText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_runs_on_PostgreSQL_with_only_the_provider_and_connection_string_changed()
    {
        Assert.SkipUnless(TestDatabase.PostgresConfigured, TestDatabase.SkipReason);
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var factory = new RegisterWebFactory(database);
        var session = new WebSession(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), factory.Services);

        Assert.Equal("Healthy", await (await session.GetAsync("/healthz")).Content.ReadAsStringAsync(Cancel));
        await factory.WaitForSetupLinkAsync();
        await SetUpAsync(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync("admin@example.org", "correct horse battery staple")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/staff")).StatusCode);
    }

    private static async Task SetUpAsync(RegisterWebFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var setup = scope.ServiceProvider.GetRequiredService<CoopRegister.Features.Accounts.SetupService>();
        var token = await setup.IssueTokenAsync(Cancel);
        await setup.CompleteAsync(new(token!, RegisterTestHost.SampleSociety, "admin@example.org", "Ada Admin", "correct horse battery staple"), Cancel);
        await Authenticator.EnrolIfStaffAsync(factory.Services, "admin@example.org");
    }

    /// <summary>Keeps cookies across two server instances, as one browser would across a restart.</summary>
    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var header = cookies.GetCookieHeader(uri);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    cookies.SetCookies(uri, value);
                }
            }

            return response;
        }
    }
}
