using CoopRegister.Domain.Officers;

namespace CoopRegister.Domain.Tests.Officers;

public sealed class OfficerTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    private static Officer Appoint(DateOnly? born = null, DateOnly? on = null) =>
        Officer.Appoint("Rosa Kerr", "3 Mill Lane\nLeeds", "Secretary", born ?? new DateOnly(1970, 1, 1), null, on ?? Today.AddYears(-1), Today, Now);

    [Fact]
    public void An_officer_serves_from_the_appointment_until_the_day_they_cease()
    {
        var officer = Appoint();
        Assert.True(officer.IsServingOn(Today));
        officer.Cease(Today, "Resigned");
        Assert.False(officer.IsServingOn(Today));
        Assert.True(officer.IsServingOn(Today.AddDays(-1)));
        Assert.False(officer.IsServingOn(Today.AddYears(-2)));
    }

    [Fact]
    public void Age_16_is_checked_on_the_appointment_date()
    {
        var ex = Assert.Throws<DomainException>(() => Appoint(born: new DateOnly(2010, 6, 1), on: new DateOnly(2026, 5, 31)));
        Assert.Contains(ex.Violations, v => v.Field == "DateOfBirth" && v.Message.Contains("they were 15", StringComparison.Ordinal));
        Assert.Equal("Secretary", Appoint(born: new DateOnly(2010, 6, 1), on: new DateOnly(2026, 6, 1)).Office);
    }

    [Fact]
    public void An_appointment_ends_once_and_not_before_it_began()
    {
        var officer = Appoint();
        Assert.Throws<DomainException>(() => officer.Cease(Today.AddYears(-2), "Resigned"));
        Assert.Throws<DomainException>(() => officer.Cease(Today, " "));
        officer.Cease(Today, "Not re-elected");
        Assert.Throws<DomainException>(() => officer.Cease(Today, "Again"));
    }
}
