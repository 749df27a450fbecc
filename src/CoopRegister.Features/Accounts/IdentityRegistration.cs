using CoopRegister.Data;
using CoopRegister.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Features.Accounts;

public static class IdentityRegistration
{
    /// <summary>
    /// Identity as the web app and <c>coopreg</c> both use it. Passwords follow OWASP ASVS level 2 (at least 12
    /// characters, no composition rules); five wrong passwords lock an account for 15 minutes.
    /// </summary>
    public static IdentityBuilder AddRegisterIdentity(this IServiceCollection services)
    {
        var builder = services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.Stores.SchemaVersion = RegisterDatabase.IdentitySchemaVersion;
                o.SignIn.RequireConfirmedAccount = true;
                o.SignIn.RequireConfirmedEmail = true;
                o.User.RequireUniqueEmail = true;

                // Logins are e-mail addresses, and addresses may hold any letter (RFC 6531: zoë@example.org).
                o.User.AllowedUserNameCharacters = "";
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Tokens.ProviderMap[InvitationTokenProvider.ProviderName] =
                    new TokenProviderDescriptor(typeof(InvitationTokenProvider));
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<RegisterDbContext>()
            .AddDefaultTokenProviders();
        services.AddSingleton<InvitationTokenProvider>();
        return builder;
    }
}

/// <summary>The password rule, stated once for the forms that ask for a password.</summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    public static string Describe => $"at least {MinimumLength} characters (a few words together make a good one)";
}
