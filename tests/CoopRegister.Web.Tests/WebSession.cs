using System.Net;
using System.Text.RegularExpressions;

namespace CoopRegister.Web.Tests;

/// <summary>
/// A browser-less visitor: an HTTP client with cookies that fills in the app's static-rendered forms (antiforgery token
/// and Blazor's form handler name included), as a browser with JavaScript switched off would.
/// </summary>
internal sealed partial class WebSession(HttpClient client)
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

    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        PostFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
