using System.Security.Cryptography;
using System.Text;

namespace CoopRegister.Domain.Accounts;

/// <summary>
/// The one-time secret that lets the first administrator be created. There is no default password anywhere:
/// the server prints a link holding a fresh random token when no administrator exists, and only the token's
/// SHA-256 hash is stored. A token is good once, until it expires or a newer one is issued.
/// </summary>
public sealed class SetupToken
{
    public const int HashLength = 64;

    /// <summary>How long a printed link stays good.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private SetupToken()
    {
    }

    public long Id { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }

    /// <summary>Set when a newer token replaced this one before it was used.</summary>
    public DateTime? RevokedAt { get; private set; }

    /// <summary>Makes a new token; the caller shows <paramref name="secret"/> once and stores only the entity.</summary>
    public static SetupToken Issue(DateTime nowUtc, out string secret)
    {
        // 32 random bytes: 256 bits, far beyond guessing; URL-safe base64 without padding.
        secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new SetupToken { TokenHash = Hash(secret), CreatedAt = nowUtc, ExpiresAt = nowUtc + Lifetime };
    }

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool IsUsable(DateTime nowUtc) => UsedAt is null && RevokedAt is null && nowUtc < ExpiresAt;

    /// <summary>Compares in constant time so that the comparison leaks nothing about the stored hash.</summary>
    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(TokenHash), Encoding.ASCII.GetBytes(Hash(secret)));

    public void Redeem(DateTime nowUtc)
    {
        if (!IsUsable(nowUtc))
        {
            throw new DomainException("token", "This setup link has already been used, has expired or was replaced by a newer one.");
        }

        UsedAt = nowUtc;
    }

    public void Revoke(DateTime nowUtc)
    {
        if (UsedAt is null && RevokedAt is null)
        {
            RevokedAt = nowUtc;
        }
    }
}
