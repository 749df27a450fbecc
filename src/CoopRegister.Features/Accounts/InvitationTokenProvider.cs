using System.Security.Cryptography;
using System.Text;
using CoopRegister.Data.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace CoopRegister.Features.Accounts;

/// <summary>
/// Tokens in invitation links. They live a week (a password-reset token lives a day) because a new registrar or member
/// may not read their mail at once, and they die as soon as they are used, because accepting changes the login's
/// security stamp. The issue time comes from the injected <see cref="TimeProvider"/>, so expiry is testable.
/// </summary>
public sealed class InvitationTokenProvider(IDataProtectionProvider dataProtection, TimeProvider clock) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public const string ProviderName = "Invitation";
    public const string Purpose = "AcceptInvitation";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("CoopRegister.Invitation.v1");

    public async Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        using var buffer = new MemoryStream();
        await using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(clock.GetUtcNow().UtcTicks);
            writer.Write(user.Id);
            writer.Write(purpose);
            writer.Write(await manager.GetSecurityStampAsync(user) ?? "");
        }

        return Convert.ToBase64String(_protector.Protect(buffer.ToArray()));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        byte[] payload;
        try
        {
            payload = _protector.Unprotect(Convert.FromBase64String(token));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return false;
        }

        using var reader = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
        try
        {
            var issued = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            var userId = reader.ReadString();
            var tokenPurpose = reader.ReadString();
            var stamp = reader.ReadString();
            return clock.GetUtcNow() < issued + Lifetime
                && string.Equals(userId, user.Id, StringComparison.Ordinal)
                && string.Equals(tokenPurpose, purpose, StringComparison.Ordinal)
                && string.Equals(stamp, await manager.GetSecurityStampAsync(user) ?? "", StringComparison.Ordinal);
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult(false);
}
