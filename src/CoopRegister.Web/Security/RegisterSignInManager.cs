using System.Security.Claims;
using CoopRegister.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CoopRegister.Web.Security;

/// <summary>
/// Identity's sign-in manager, except that a passkey sign-in is marked as two-factor (amr=mfa) like an authenticator
/// code: a passkey is held on a device and unlocked there with its PIN or fingerprint, so staff who sign in with one
/// meet the two-factor rule without also typing a code.
/// </summary>
public sealed class RegisterSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private bool _passkeySignIn;

    public override async Task<SignInResult> PasskeySignInAsync(string credentialJson)
    {
        _passkeySignIn = true;
        try
        {
            return await base.PasskeySignInAsync(credentialJson);
        }
        finally
        {
            _passkeySignIn = false;
        }
    }

    public override Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        if (_passkeySignIn)
        {
            additionalClaims =
            [
                .. additionalClaims.Where(c => c.Type != TwoFactorSignIn.AuthenticationMethodClaim),
                new Claim(TwoFactorSignIn.AuthenticationMethodClaim, TwoFactorSignIn.MultiFactor),
            ];
        }

        return base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }
}
