using CoopRegister.Domain.Accounts;

namespace CoopRegister.Domain.Tests.Accounts;

public sealed class SetupTokenTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Only_the_hash_of_the_token_is_kept()
    {
        var token = SetupToken.Issue(Now, out var secret);
        Assert.DoesNotContain(secret, token.TokenHash, StringComparison.Ordinal);
        Assert.Equal(64, token.TokenHash.Length);
        Assert.True(token.Matches(secret));
        Assert.False(token.Matches(secret + "x"));
    }

    [Fact]
    public void Two_tokens_are_never_the_same()
    {
        SetupToken.Issue(Now, out var a);
        SetupToken.Issue(Now, out var b);
        Assert.NotEqual(a, b);
        Assert.True(a.Length >= 40);
    }

    [Fact]
    public void A_token_works_once()
    {
        var token = SetupToken.Issue(Now, out _);
        token.Redeem(Now.AddMinutes(1));
        Assert.False(token.IsUsable(Now.AddMinutes(2)));
        Assert.Throws<DomainException>(() => token.Redeem(Now.AddMinutes(2)));
    }

    [Fact]
    public void A_token_expires_after_a_day_and_dies_when_replaced()
    {
        var token = SetupToken.Issue(Now, out _);
        Assert.True(token.IsUsable(Now.AddHours(23)));
        Assert.False(token.IsUsable(Now.AddHours(24)));

        var replaced = SetupToken.Issue(Now, out _);
        replaced.Revoke(Now.AddMinutes(1));
        Assert.False(replaced.IsUsable(Now.AddMinutes(2)));
    }
}
