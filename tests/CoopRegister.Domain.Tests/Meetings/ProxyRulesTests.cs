using CoopRegister.Domain.Meetings;

namespace CoopRegister.Domain.Tests.Meetings;

public sealed class ProxyRulesTests
{
    private static readonly DateTime Opens = new(2027, 5, 20, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Closes = new(2027, 6, 12, 10, 0, 0, DateTimeKind.Utc);

    private static Meeting Preparing()
    {
        var plan = new MeetingPlan(MeetingKind.Annual, "AGM 2027", new DateOnly(2027, 5, 1), Opens, Closes,
            EligibilityRule.Default, [new SectionPlan(null, "London", new DateOnly(2027, 6, 12), "Marx Memorial Library")]);
        return Meeting.Call(plan, 14, new QuorumRule(), new DateTime(2027, 5, 1, 9, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void The_deadline_falls_inside_the_voting_window_and_the_cap_is_at_least_one()
    {
        var m = Preparing();
        Assert.Null(m.ProxyDeadline);
        Assert.Equal(5, m.ProxyCap);
        Assert.Equal("ProxyDeadline", Assert.Throws<DomainException>(() => m.SetProxyRules(Opens, 5)).Violations.Single().Field);
        Assert.Equal("ProxyDeadline", Assert.Throws<DomainException>(() => m.SetProxyRules(Closes.AddMinutes(1), 5)).Violations.Single().Field);
        Assert.Equal("ProxyCap", Assert.Throws<DomainException>(() => m.SetProxyRules(null, 0)).Violations.Single().Field);
        m.SetProxyRules(Closes, 1);
        Assert.Equal((Closes, 1), (m.ProxyDeadline!.Value, m.ProxyCap));
    }

    [Fact]
    public void Proxies_are_taken_only_while_voting_is_open_and_before_the_deadline()
    {
        var m = Preparing();
        var deadline = Closes.AddDays(-1);
        m.SetProxyRules(deadline, 5);
        m.AddMotion("Accounts", "To receive the accounts.", MotionThreshold.Ordinary);
        Assert.Contains("while voting is open", Assert.Throws<DomainException>(() => m.RequireProxiesOpen(Opens)).Message, StringComparison.Ordinal);
        m.RecordRoll(new string('a', 64), 10, m.CreatedAt);
        m.OpenVoting(Opens);
        m.RequireProxiesOpen(deadline.AddTicks(-1));
        Assert.Contains("deadline was 2027-06-11 10:00 UTC", Assert.Throws<DomainException>(() => m.RequireProxiesOpen(deadline)).Message, StringComparison.Ordinal);

        var none = Preparing();
        none.AddMotion("Accounts", "To receive the accounts.", MotionThreshold.Ordinary);
        none.RecordRoll(new string('a', 64), 10, none.CreatedAt);
        none.OpenVoting(Opens);
        Assert.Contains("takes no proxy votes", Assert.Throws<DomainException>(() => none.RequireProxiesOpen(Opens)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_appointment_needs_an_instruction_on_every_motion_and_a_discretionary_one_takes_the_holders_choice()
    {
        var motions = new long[] { 1, 2 };
        Assert.Contains("cannot appoint yourself", Assert.Throws<DomainException>(() =>
            ProxyAppointment.Appoint(1, 7, 7, new Dictionary<long, ProxyMandate> { [1] = ProxyMandate.For, [2] = ProxyMandate.For }, motions, Opens)).Message, StringComparison.Ordinal);
        Assert.Contains("1 motion has no instruction", Assert.Throws<DomainException>(() =>
            ProxyAppointment.Appoint(1, 7, null, new Dictionary<long, ProxyMandate> { [1] = ProxyMandate.For }, motions, Opens)).Message, StringComparison.Ordinal);

        var p = ProxyAppointment.Appoint(1, 7, null, new Dictionary<long, ProxyMandate> { [1] = ProxyMandate.Against, [2] = ProxyMandate.Discretion }, motions, Opens);
        Assert.Equal(VoteChoice.Abstain, p.Choices()[2]); // no choice entered: an abstention
        Assert.Throws<DomainException>(() => p.EnterHolderChoice(1, VoteChoice.For)); // instructed, not discretionary
        p.EnterHolderChoice(2, VoteChoice.For);
        Assert.Equal((VoteChoice.Against, VoteChoice.For), (p.Choices()[1], p.Choices()[2]));

        p.Revoke(ProxyRevocation.VotedOnline, Opens);
        Assert.False(p.IsActive);
        Assert.Throws<DomainException>(() => p.Revoke(ProxyRevocation.ByMember, Opens));
    }
}
