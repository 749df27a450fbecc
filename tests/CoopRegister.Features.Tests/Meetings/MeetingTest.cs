using CoopRegister.Data;
using CoopRegister.Features.Meetings;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Tests.Infrastructure;

namespace CoopRegister.Features.Tests.Meetings;

/// <summary>What every meeting test shares: the services, the test clock's today, and the AGM's notice and meeting dates.</summary>
public abstract class MeetingTest(DatabaseProvider provider) : RegisterTest(provider)
{
    protected static readonly DateOnly NoticeDate = new(2026, 11, 26);
    protected static readonly DateOnly MeetingDay = new(2026, 12, 19);

    protected MeetingService Meetings => Host.Get<MeetingService>();

    protected TellerService Tellers => Host.Get<TellerService>();

    protected ApplicationService Applications => Host.Get<ApplicationService>();

    protected DateOnly Today => DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime);
}
