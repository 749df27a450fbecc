using System.Security.Claims;
using CoopRegister.Domain.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace CoopRegister.Web.Security;

/// <summary>
/// Part of every permission's policy: a login holding a staff role must have signed in with two factors
/// (quality.md: officers use two-factor authentication). The same rule, <see cref="Permissions.NeedsTwoFactor"/>,
/// is checked again by the services' AccessGuard on every operation.
/// </summary>
public sealed class TwoFactorRequirement(string permission) : IAuthorizationRequirement
{
    public string Permission { get; } = permission;
}

internal sealed class TwoFactorRequirementHandler : AuthorizationHandler<TwoFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorRequirement requirement)
    {
        var roles = context.User.FindAll(ClaimTypes.Role).Select(c => c.Value);
        if (!Permissions.NeedsTwoFactor(requirement.Permission, roles) || TwoFactorSignIn.IsMultiFactor(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
