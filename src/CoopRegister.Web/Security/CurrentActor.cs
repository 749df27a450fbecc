using System.Security.Claims;
using CoopRegister.Features.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace CoopRegister.Web.Security;

/// <summary>Turns the signed-in principal into the <see cref="Actor"/> that feature services take.</summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication)
{
    public async Task<Actor> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return From(state.User);
    }

    public static Actor From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return Actor.Anonymous;
        }

        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = user.Identity.Name ?? id ?? "unknown";
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        return new Actor(id, name, roles, SignedInWithTwoFactors: TwoFactorSignIn.IsMultiFactor(user));
    }
}
