using CoopRegister.Domain.Estates;

namespace CoopRegister.Domain.Tests.Estates;

public sealed class NominationTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static Nomination Record(string? relationship, bool officer, DateOnly? died = null, DateOnly? received = null) =>
        Nomination.Record(1, "Niamh Doherty", "4 Quay Street", relationship, 10_000, officer, Today.AddDays(-10), received ?? Today.AddDays(-5), died, Today,
            new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc), "registrar");

    [Theory]
    [InlineData("spouse")]
    [InlineData("Civil partner")]
    [InlineData("daughter")]
    [InlineData("Wife")]
    [InlineData("nephew")]
    public void An_officer_who_is_a_close_relative_is_not_warned_about(string relationship) =>
        Assert.False(Record(relationship, officer: true).NeedsRelationshipWarning);

    [Theory]
    [InlineData("friend")]
    [InlineData("cousin")]
    [InlineData(null)]
    public void An_officer_who_is_not_a_close_relative_is_warned_about(string? relationship) =>
        Assert.True(Record(relationship, officer: true).NeedsRelationshipWarning);

    [Fact]
    public void Anyone_who_is_not_an_officer_or_employee_may_be_nominated_without_a_warning() =>
        Assert.False(Record("friend", officer: false).NeedsRelationshipWarning);

    [Fact]
    public void A_nomination_received_after_the_death_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Record("child", false, died: Today.AddDays(-7), received: Today.AddDays(-5)));
        Assert.Contains("in the member's lifetime (Act s.37)", ex.Message, StringComparison.Ordinal);
    }
}
