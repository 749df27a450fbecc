using System.Threading.RateLimiting;

namespace CoopRegister.Web.Security;

internal static class LoginRateLimiting
{
    /// <summary>Sign-in and password-reset attempts allowed per client address per minute.</summary>
    public const int AttemptsPerMinute = 10;

    /// <summary>
    /// Limits posts to the sign-in, two-factor and password-reset pages per client address, on top of the per-account
    /// lockout: lockout stops guessing one account's password, this stops trying one password on many accounts.
    /// </summary>
    public static IServiceCollection AddLoginRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    $"Too many sign-in attempts from your address: at most {AttemptsPerMinute} a minute. Wait a minute and try again.",
                    cancellationToken);
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!HttpMethods.IsPost(http.Request.Method) || !IsSignInPath(http.Request.Path))
                {
                    return RateLimitPartition.GetNoLimiter("other");
                }

                var key = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = AttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });

    private static bool IsSignInPath(PathString path) =>
        path.StartsWithSegments("/Account/Login", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/Account/ForgotPassword", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/Account/ResetPassword", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/Account/LoginWithRecoveryCode", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/Account/TwoFactorRequired", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/setup", StringComparison.OrdinalIgnoreCase);
}
