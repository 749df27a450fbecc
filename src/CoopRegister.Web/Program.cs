using CoopRegister.Data;
using CoopRegister.Data.Identity;
using CoopRegister.Features;
using CoopRegister.Features.Accounts;
using CoopRegister.Web.Components;
using CoopRegister.Web.Components.Account;
using CoopRegister.Web.Endpoints;
using CoopRegister.Web.Hosting;
using CoopRegister.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddRegisterFeatures(builder.Configuration, builder.Environment.ContentRootPath);

builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<IdentityRedirectManager>();
builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
builder.Services.AddAuthentication(options =>
    {
        options.DefaultScheme = IdentityConstants.ApplicationScheme;
        options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
    })
    .AddIdentityCookies();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.Cookie.Name = "CoopRegister.Auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.SlidingExpiration = true;
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.LoginPath = "/Account/Login";
    o.AccessDeniedPath = "/Account/AccessDenied";
});

// A changed security stamp (roles changed, account locked, password changed) signs the login out within a minute.
builder.Services.Configure<SecurityStampValidatorOptions>(o =>
{
    o.ValidationInterval = TimeSpan.FromMinutes(1);
    o.OnRefreshingPrincipal = TwoFactorSignIn.KeepAuthenticationMethod;
});
new IdentityBuilder(typeof(ApplicationUser), typeof(IdentityRole), builder.Services)
    .AddSignInManager<RegisterSignInManager>();
builder.Services.AddRegisterIdentity();
builder.Services.AddSingleton<IEmailSender<ApplicationUser>, IdentityMailSender>();

builder.Services.AddRegisterAuthorization();
builder.Services.AddScoped<CurrentActor>();
builder.Services.AddLoginRateLimiting();
// The security headers middleware sends X-Frame-Options: DENY (and CSP frame-ancestors) for every response.
builder.Services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddSingleton(new ConsoleNotice(Console.Out));
builder.Services.AddHostedService<FirstRunNotice>();

var app = builder.Build();

if (!app.Configuration.GetValue("Database:MigrateOnStartup", defaultValue: true))
{
    app.Logger.LogInformation("Database:MigrateOnStartup is false: the database is used as it is.");
}
else
{
    await using var scope = app.Services.CreateAsyncScope();
    var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<RegisterDbContext>>().CreateDbContextAsync();
    var applied = await RegisterDatabase.MigrateAsync(db);
    if (applied.Count > 0)
    {
        app.Logger.LogInformation("Applied {Count} migration(s) to {Database}: {Names}", applied.Count,
            app.Services.GetRequiredService<DatabaseOptions>().Describe(), string.Join(", ", applied));
    }
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseSecurityHeaders();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets();
// Our own Content-Security-Policy (Security/SecurityHeaders.cs) already says frame-ancestors 'none'.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
app.MapAdditionalIdentityEndpoints();
app.MapDownloads();
app.MapHealthChecks("/healthz").AllowAnonymous().DisableRateLimiting();

await app.RunAsync();

/// <summary>The web app's entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
