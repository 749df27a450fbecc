using CoopRegister.Domain.Accounts;

namespace CoopRegister.Web.Security;

internal static class AuthorizationSetup
{
    /// <summary>
    /// One policy per permission, built from the same table the services check (Domain's <see cref="Permissions"/>),
    /// so a page's policy and the service behind it cannot disagree.
    /// </summary>
    public static IServiceCollection AddRegisterAuthorization(this IServiceCollection services) =>
        services.AddAuthorization(options =>
        {
            foreach (var permission in Permissions.All)
            {
                options.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireRole(Permissions.RolesFor(permission)));
            }
        });
}
