using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace CoopRegister.Web.Security;

/// <summary>
/// When the only thing a signed-in person lacks is the second factor, a page or download request is sent to the page
/// that sets it up (and comes back afterwards) instead of "access denied"; anything else gets a plain 403. Every other
/// outcome is the framework's own.
/// </summary>
internal sealed class TwoFactorAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure is { FailedRequirements: var failed }
            && failed.Any()
            && failed.All(r => r is TwoFactorRequirement))
        {
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            {
                var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                context.Response.Redirect(context.Request.PathBase + TwoFactorSignIn.SetupUrl(back));
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }

            return Task.CompletedTask;
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
