using System.Net;
using System.Reflection;
using CoopRegister.Domain.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace CoopRegister.Web.Tests;

public sealed class PageAuthorizationTests : WebTestBase
{
    private static readonly IReadOnlyList<Type> Pages = typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any())
        .ToList();

    public static TheoryData<string> ProtectedRoutes() =>
        new(Pages.Where(p => p.GetCustomAttribute<AuthorizeAttribute>(inherit: true) is not null)
            .SelectMany(p => p.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Where(t => !t.Contains('{', StringComparison.Ordinal))
            .Distinct());

    [Fact]
    public void Every_page_declares_who_may_open_it()
    {
        var undeclared = Pages
            .Where(p => p.GetCustomAttribute<AuthorizeAttribute>(inherit: true) is null && p.GetCustomAttribute<AllowAnonymousAttribute>(inherit: true) is null)
            .Select(p => p.FullName)
            .ToList();

        Assert.Empty(undeclared);
        Assert.Contains(Pages, p => p.GetCustomAttribute<AuthorizeAttribute>() is not null);
    }

    [Fact]
    public void No_page_is_both_open_to_anyone_and_restricted()
    {
        var both = Pages.Where(p => p.GetCustomAttribute<AuthorizeAttribute>(inherit: true) is not null && p.GetCustomAttribute<AllowAnonymousAttribute>(inherit: true) is not null)
            .Select(p => p.FullName).ToList();
        Assert.Empty(both);
    }

    [Fact]
    public void Every_policy_a_page_names_exists()
    {
        var policies = Pages.Select(p => p.GetCustomAttribute<AuthorizeAttribute>(inherit: true)?.Policy).OfType<string>().Distinct();
        Assert.All(policies, p => Assert.Contains(p, Permissions.All));
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string route)
    {
        await SetUpSocietyAsync();
        var response = await NewSession().GetAsync(route);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_cannot_open_the_administrators_pages()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("member@example.org", Roles.Member);
        var session = NewSession();
        var signIn = await session.SignInAsync("member@example.org", Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        foreach (var route in new[] { "/admin/settings", "/admin/staff" })
        {
            var response = await session.GetAsync(route);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_registrar_cannot_open_the_administrators_pages_but_an_administrator_can()
    {
        var admin = await SetUpSocietyAsync();
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);

        var registrar = NewSession();
        await registrar.SignInAsync("registrar@example.org", Password);
        Assert.Equal(HttpStatusCode.Redirect, (await registrar.GetAsync("/admin/staff")).StatusCode);

        var administrator = NewSession();
        await administrator.SignInAsync(admin, Password);
        var page = await administrator.GetAsync("/admin/staff");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Invite someone", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
