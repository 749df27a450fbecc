using System.Security.Claims;
using CoopRegister.Domain.Accounts;

namespace CoopRegister.Web.Security;

/// <summary>
/// How the web app knows that a sign-in used two factors. Identity marks a sign-in completed with an authenticator
/// code or a recovery code with the claim amr=mfa (RFC 8176, "multiple-factor authentication"); a passkey sign-in
/// is marked the same way by <see cref="RegisterSignInManager"/>, since a passkey is something held and unlocked with
/// the device's PIN or fingerprint. The claim lives in the sign-in cookie and is carried over when the cookie is
/// refreshed (<see cref="KeepAuthenticationMethod"/>).
/// </summary>
public static class TwoFactorSignIn
{
    public const string AuthenticationMethodClaim = "amr";
    public const string MultiFactor = "mfa";

    /// <summary>The page that explains the rule, sets up an authenticator app and asks for its code.</summary>
    public const string SetupPath = "/Account/TwoFactorRequired";

    public static bool IsMultiFactor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(AuthenticationMethodClaim, MultiFactor);
    }

    /// <summary>Whether this signed-in principal holds a staff role but did not sign in with two factors.</summary>
    public static bool IsMissing(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true
            && Roles.HoldsStaffRole(user.FindAll(ClaimTypes.Role).Select(c => c.Value))
            && !IsMultiFactor(user);
    }

    /// <summary>The set-up page's address, coming back to <paramref name="returnUrl"/> (a local path) afterwards.</summary>
    public static string SetupUrl(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) ? SetupPath : $"{SetupPath}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>
    /// The security-stamp check rebuilds the principal from the database every minute, and the database does not know
    /// how the session began: without this the amr claim would drop out and staff would be asked again a minute later.
    /// </summary>
    public static Task KeepAuthenticationMethod(Microsoft.AspNetCore.Identity.SecurityStampRefreshingPrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.CurrentPrincipal?.FindFirst(AuthenticationMethodClaim);
        if (method is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == AuthenticationMethodClaim))
        {
            identity.AddClaim(new Claim(method.Type, method.Value));
        }

        return Task.CompletedTask;
    }
}
