using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using CoopRegister.Data.Identity;
using CoopRegister.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Testing;

/// <summary>
/// The phone in a test: an authenticator app computing the six-digit codes of RFC 6238 (HMAC-SHA1, 30-second steps)
/// from the base-32 key the enrolment page shows, as Microsoft or Google Authenticator does. Staff logins made by the
/// test helpers get a key, as if they had set up their app at their first sign-in (quality.md: officers use
/// two-factor authentication), and the sign-in helpers answer the code prompt from it.
/// </summary>
public static class Authenticator
{
    /// <summary>The code an app shows at <paramref name="at"/> for <paramref name="key"/> (spaces and case ignored).</summary>
    public static string Code(string key, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(key);
        var secret = Base32(key);
        Span<byte> step = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(step, at.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(secret, step);
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return binary.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The code for the login's stored key now, by the app's clock.</summary>
    public static async Task<string> CodeForAsync(IServiceProvider services, string email)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No login {email}.");
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException($"{email} has no authenticator key.");
        return Code(key, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    /// <summary>Gives a login an authenticator key and turns two-factor sign-in on, as the enrolment page does; returns the key.</summary>
    public static async Task<string> EnrolAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        Check(await users.ResetAuthenticatorKeyAsync(user));
        Check(await users.SetTwoFactorEnabledAsync(user, true));
        return await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No key was stored.");
    }

    /// <summary>Enrols the login if it holds a staff role, by e-mail.</summary>
    public static async Task EnrolIfStaffAsync(IServiceProvider services, string email)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No login {email}.");
        if (Roles.HoldsStaffRole(await users.GetRolesAsync(user)))
        {
            await EnrolAsync(users, user);
        }
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base-32 letter.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
