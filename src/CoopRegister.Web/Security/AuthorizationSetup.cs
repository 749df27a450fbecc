using CoopRegister.Domain.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace CoopRegister.Web.Security;

internal static class AuthorizationSetup
{
    /// <summary>
    /// One policy per permission, built from the same table the services check (Domain's <see cref="Permissions"/>),
    /// so a page's policy and the service behind it cannot disagree. Each also asks staff for a two-factor sign-in
    /// (<see cref="TwoFactorRequirement"/>), so pages, downloads and every other endpoint behind a policy are covered.
    /// </summary>
    public static IServiceCollection AddRegisterAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, TwoFactorRequirementHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TwoFactorAuthorizationResultHandler>();
        return services.AddAuthorization(options =>
        {
            foreach (var permission in Permissions.All)
            {
                options.AddPolicy(permission, p => p
                    .RequireAuthenticatedUser()
                    .RequireRole(Permissions.RolesFor(permission))
                    .AddRequirements(new TwoFactorRequirement(permission)));
            }
        });
    }
}
