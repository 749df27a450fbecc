using System.Net;
using System.Text.RegularExpressions;

namespace CoopRegister.Testing.Circuits;

/// <summary>
/// A visitor without a browser: an HTTP client with its own cookie jar, which signs in through the sign-in form and
/// opens Blazor circuits (<see cref="BlazorCircuit"/>) that carry the same cookies.
/// </summary>
public sealed partial class BrowserlessSession : IDisposable
{
    public BrowserlessSession(Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        Http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseUri };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    /// <summary>Posts the sign-in form (with its antiforgery token); throws unless the app signs the login in.</summary>
    public async Task SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var form = await Http.GetStringAsync(new Uri("Account/Login", UriKind.Relative), cancellationToken);
        var token = Antiforgery().Match(form);
        if (!token.Success)
        {
            throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        }

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = "login",
        });
        using var response = await Http.PostAsync(new Uri("Account/Login", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("Login", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new InvalidOperationException($"Signing in {email} answered {(int)response.StatusCode} {response.Headers.Location}.");
        }
    }

    /// <summary>Opens a circuit on <paramref name="path"/>, ready once <paramref name="readyElementId"/> handles <paramref name="readyEvent"/>.</summary>
    public Task<BlazorCircuit> OpenCircuitAsync(string path, string readyElementId, string readyEvent, CancellationToken cancellationToken) =>
        BlazorCircuit.OpenAsync(Http, Cookies, new Uri(Http.BaseAddress!, path), readyElementId, readyEvent, cancellationToken);

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
