using System.Net;
using System.Text.RegularExpressions;

namespace CoopRegister.Web.Tests;

/// <summary>
/// A browser-less visitor: an HTTP client with cookies that fills in the app's static-rendered forms (antiforgery token
/// and Blazor's form handler name included), as a browser with JavaScript switched off would.
/// </summary>
internal sealed partial class WebSession(HttpClient client, IServiceProvider? app = null)
{
    public HttpClient Client { get; } = client;

    public async Task<HttpResponseMessage> GetAsync(string path) => await Client.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>Fetches the form page, then posts <paramref name="fields"/> with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string formName, IDictionary<string, string> fields)
    {
        var page = await (await GetAsync(path)).Content.ReadAsStringAsync();
        var token = AntiforgeryInput().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {path}.");
        }

        var values = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = formName,
        };
        using var content = new FormUrlEncodedContent(values);
        return await Client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    /// <summary>
    /// Signs in as a person would: the password, then, when the app asks for it, the code from the authenticator app
    /// (computed from the login's stored key by the app's clock). Returns the last response: the redirect onwards, or
    /// the answer that stopped the sign-in (wrong password, lockout, or the page that sets up a second factor).
    /// </summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var response = await PostFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        if (app is null || response.Headers.Location is not { } next
            || !next.OriginalString.Contains("Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase))
        {
            return response;
        }

        var code = await CoopRegister.Testing.Authenticator.CodeForAsync(app, email);
        var path = next.IsAbsoluteUri ? next.PathAndQuery : next.OriginalString;
        return await PostFormAsync(path, "login-with-2fa", new Dictionary<string, string> { ["Input.TwoFactorCode"] = code });
    }

    /// <summary>
    /// On the page that sets up an authenticator app: reads the key it shows, as a phone scanning the code would, and
    /// answers with the app's current code. Returns the key and the response.
    /// </summary>
    public async Task<(string Key, HttpResponseMessage Response)> EnrolAuthenticatorAsync(string path = "/Account/TwoFactorRequired")
    {
        var page = await (await GetAsync(path)).Content.ReadAsStringAsync();
        var key = AuthenticatorKey().Match(page);
        if (!key.Success)
        {
            throw new InvalidOperationException($"No authenticator key on {path}.");
        }

        var shown = WebUtility.HtmlDecode(key.Groups[1].Value);
        var code = CoopRegister.Testing.Authenticator.Code(shown, (app?.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System).GetUtcNow());
        var response = await PostFormAsync(path, "two-factor", new Dictionary<string, string> { ["Input.Code"] = code });
        return (shown, response);
    }

    [GeneratedRegex("id=\"authenticator-key\">([^<]+)<")]
    private static partial Regex AuthenticatorKey();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
