using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Access;
using CoopRegister.Features.Meetings;
using CoopRegister.Features.Society;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Meetings;

/// <summary>
/// Act s.111 and s.113 special resolutions: carried at a first meeting, confirmed by more than half at a second general
/// meeting held within the interval the society's settings give, and passed only when both are carried.
/// </summary>
public abstract class SpecialResolutionTests(DatabaseProvider provider) : SittingMeetingTest(provider)
{
    private static readonly DateOnly CarriedOn = MeetingDay; // 2026-12-19, the first meeting's only section

    private SpecialResolutionService Resolutions => Host.Get<SpecialResolutionService>();

    [Theory]
    [InlineData(ThresholdKind.AmalgamationS111, 2, 1, 0, true)] // exactly two-thirds: 3·2 ≥ 2·3
    [InlineData(ThresholdKind.AmalgamationS111, 199, 101, 0, false)] // 597 < 600
    [InlineData(ThresholdKind.AmalgamationS111, 200, 100, 50, true)] // abstentions are not votes cast
    [InlineData(ThresholdKind.Confirmation, 1, 1, 0, false)] // a half is not more than half
    [InlineData(ThresholdKind.Confirmation, 2, 1, 0, true)]
    [InlineData(ThresholdKind.Confirmation, 50, 50, 9, false)]
    [InlineData(ThresholdKind.Confirmation, 51, 50, 0, true)] // 102 > 101
    [InlineData(ThresholdKind.Confirmation, 0, 0, 3, false)] // nothing passes with no votes cast
    public void The_first_and_the_confirming_majorities_are_exact_at_their_boundaries(ThresholdKind kind, long f, long a, long x, bool carried) =>
        Assert.Equal(carried, new MotionThreshold { Kind = kind }.Decide(new MotionTally(f, a, x), 1000).Carried);

    [Theory]
    [InlineData(3, 1, 8, true)] // 75 % and half of 8 voted
    [InlineData(3, 1, 9, false)] // 75 % but 4 of 9 is under half
    [InlineData(5, 2, 14, false)] // half voted but 5 of 7 is under 75 %
    public void The_s113_first_meeting_needs_75_per_cent_and_half_the_eligible_voting(long f, long a, long eligible, bool carried)
    {
        Assert.Equal(carried, MotionThreshold.ConversionS113.Decide(new MotionTally(f, a, 0), eligible).Carried);
        Assert.True(MotionThreshold.ConversionS113.RequiresConfirmation);
        Assert.True(MotionThreshold.AmalgamationS111.RequiresConfirmation);
        Assert.False(MotionThreshold.TwoThirds.RequiresConfirmation);
    }

    [Fact]
    public async Task A_resolution_carried_then_confirmed_within_the_interval_is_passed_and_both_results_show_the_link()
    {
        var (teller, _, officer, registrar) = await StaffAsync();
        await MembersAsync();
        var first = await FirstMeetingAsync(teller, officer, forVotes: 2, against: 1);

        var resolution = Assert.Single(await Resolutions.AwaitingAsync(teller, Cancel));
        Assert.Equal((CarriedOn, CarriedOn.AddDays(14), CarriedOn.AddMonths(1), SpecialResolutionStatus.AwaitingConfirmation),
            (resolution.CarriedOn, resolution.ConfirmFrom, resolution.ConfirmBy, resolution.Status));
        Assert.Equal("Act s.111", resolution.Statute);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Resolutions.AwaitingAsync(registrar, Cancel));

        // The second meeting first planned for 25 January, after the interval: refused, naming the interval.
        var second = await Meetings.CreateAsync(teller, SecondForm(new DateOnly(2027, 1, 25)), Cancel);
        var v1 = await VersionAsync(teller, second);
        var outside = await Assert.ThrowsAsync<DomainException>(() => Resolutions.AddConfirmingMotionAsync(teller, second, v1, resolution.Id, Cancel));
        Assert.Contains("must be held from 2027-01-02 to 2027-01-19", outside.Message, StringComparison.Ordinal);
        await Meetings.UpdateAsync(teller, second, await VersionAsync(teller, second), SecondForm(new DateOnly(2027, 1, 19)), Cancel);
        await Resolutions.AddConfirmingMotionAsync(teller, second, await VersionAsync(teller, second), resolution.Id, Cancel);
        Assert.Empty(await Resolutions.AwaitingAsync(teller, Cancel));
        var motion = (await Meetings.GetAsync(teller, second, Cancel))!.Motions.Single();
        Assert.Equal(ThresholdKind.Confirmation, motion.Threshold.Kind);
        Assert.StartsWith("Confirmation: Transfer of engagements", motion.Title, StringComparison.Ordinal);

        // The interval holds while the meeting is prepared: moving its section outside it is refused.
        var v2 = await VersionAsync(teller, second);
        var moved = await Assert.ThrowsAsync<DomainException>(() => Meetings.UpdateAsync(teller, second, v2, SecondForm(new DateOnly(2027, 1, 20)), Cancel));
        Assert.Contains("2027-01-20", moved.Message, StringComparison.Ordinal);
        var v3 = await VersionAsync(teller, second);
        var again = await Assert.ThrowsAsync<DomainException>(() => Resolutions.AddConfirmingMotionAsync(teller, second, v3, resolution.Id, Cancel));
        Assert.Contains("already has a motion confirming", again.Message, StringComparison.Ordinal);

        await SecondMeetingVotesAsync(teller, officer, second, forVotes: 2, against: 1);
        var link = Assert.Single((await Meetings.ResultsAsync(teller, second, Cancel))!.Resolutions);
        Assert.Equal((SpecialResolutionStatus.Passed, first, 1, (long?)second, (int?)1, false), (link.Status, link.FirstMeetingId, link.FirstMotionNumber, link.ConfirmingMeetingId, link.ConfirmingMotionNumber, link.IsFirstMeeting));
        Assert.Equal("PASSED (carried and confirmed)", link.Describe());
        var back = Assert.Single((await Meetings.ResultsAsync(registrar, first, Cancel))!.Resolutions);
        Assert.Equal((SpecialResolutionStatus.Passed, true), (back.Status, back.IsFirstMeeting));

        await using var db = Host.NewContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "meeting.resolution-carried", Cancel));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "meeting.resolution-settled" && e.Summary.Contains("PASSED"), Cancel));
    }

    [Fact]
    public async Task A_half_at_the_confirming_meeting_does_not_confirm_and_the_resolution_is_not_passed()
    {
        var (teller, _, officer, _) = await StaffAsync();
        await MembersAsync();
        var first = await FirstMeetingAsync(teller, officer, forVotes: 2, against: 1);
        var resolution = Assert.Single(await Resolutions.AwaitingAsync(teller, Cancel));

        // The same meeting cannot confirm it, and a confirming vote cannot be chosen as a plain majority.
        var v4 = await VersionAsync(teller, first);
        var same = await Assert.ThrowsAsync<DomainException>(() => Resolutions.AddConfirmingMotionAsync(teller, first, v4, resolution.Id, Cancel));
        Assert.Contains("Status", same.Violations.Select(e => e.Field));
        var second = await Meetings.CreateAsync(teller, SecondForm(new DateOnly(2027, 1, 2)), Cancel);
        var v5 = await VersionAsync(teller, second);
        var chosen = await Assert.ThrowsAsync<DomainException>(() => Meetings.AddMotionAsync(teller, second, v5, Motion("Confirm it", ThresholdKind.Confirmation), Cancel));
        Assert.Contains("A confirming vote is added from a special resolution", chosen.Message, StringComparison.Ordinal);

        await Resolutions.AddConfirmingMotionAsync(teller, second, await VersionAsync(teller, second), resolution.Id, Cancel);
        await SecondMeetingVotesAsync(teller, officer, second, forVotes: 1, against: 1);
        var link = Assert.Single((await Meetings.ResultsAsync(teller, second, Cancel))!.Resolutions);
        Assert.Equal(SpecialResolutionStatus.NotConfirmed, link.Status);
        Assert.Equal("NOT PASSED: not confirmed at the second meeting", link.Describe());
        Assert.False((await ResultAsync(teller, second, 1)).Carried);
    }

    [Fact]
    public async Task The_interval_comes_from_the_society_settings_and_a_resolution_not_confirmed_within_it_lapses()
    {
        var (teller, _, officer, _) = await StaffAsync();
        var admin = await Host.ActorForAsync("admin@example.org");
        var society = Host.Get<SocietyService>();
        var view = (await society.GetAsync(Cancel))!;
        var invalid = await Assert.ThrowsAsync<DomainException>(() => society.UpdateAsync(admin, view.Details with { ConfirmationMinimumDays = 40, ConfirmationMaximumMonths = 1 }, view.Version, Cancel));
        Assert.Contains(nameof(view.Details.ConfirmationMaximumMonths), invalid.Violations.Select(e => e.Field));
        await society.UpdateAsync(admin, view.Details with { ConfirmationMinimumDays = 21, ConfirmationMaximumMonths = 2 }, view.Version, Cancel);

        await MembersAsync();
        var first = await FirstMeetingAsync(teller, officer, forVotes: 3, against: 0, threshold: ThresholdKind.ConversionS113);
        var resolution = Assert.Single(await Resolutions.AwaitingAsync(teller, Cancel));
        Assert.Equal(("Act s.113", new DateOnly(2027, 1, 9), new DateOnly(2027, 2, 19)), (resolution.Statute, resolution.ConfirmFrom, resolution.ConfirmBy));

        Host.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 20, 9, 0, 0, TimeSpan.Zero));
        Assert.Empty(await Resolutions.AwaitingAsync(teller, Cancel));
        var link = Assert.Single((await Meetings.ResultsAsync(teller, first, Cancel))!.Resolutions);
        Assert.True(link.Lapsed);
        Assert.Equal("NOT PASSED: not confirmed within the interval", link.Describe());
    }

    [Fact]
    public async Task A_resolution_not_carried_at_the_first_meeting_opens_nothing()
    {
        var (teller, _, officer, _) = await StaffAsync();
        await MembersAsync();
        var first = await FirstMeetingAsync(teller, officer, forVotes: 1, against: 1);
        Assert.Empty(await Resolutions.AwaitingAsync(teller, Cancel));
        Assert.Empty((await Meetings.ResultsAsync(teller, first, Cancel))!.Resolutions);
        await using var db = Host.NewContext();
        Assert.False(await db.SpecialResolutions.AnyAsync(Cancel));
    }

    private async Task MembersAsync()
    {
        foreach (var n in new long[] { 9001, 9002, 9003 })
        {
            await CarriedOverAsync(n, $"Member {n}");
        }
    }

    /// <summary>The first meeting: one motion under the statutory threshold, decided by the hands of those present, declared.</summary>
    private async Task<long> FirstMeetingAsync(Actor teller, Actor officer, int forVotes, int against, ThresholdKind threshold = ThresholdKind.AmalgamationS111)
    {
        var id = await OpenMeetingAsync(teller, Form(1, "Special General Meeting 2026"), Motion("Transfer of engagements", threshold));
        var london = await SectionAsync(teller, id, "London");
        foreach (var n in new long[] { 9001, 9002, 9003 })
        {
            await Tellers.MarkPresentAsync(teller, id, london, n, Cancel);
        }

        await Hands.RecordAsync(teller, id, london, await MotionIdAsync(teller, id, 1), Counted(forVotes, against, 0), Cancel);
        await CloseAndCountAsync(teller, id, officer: officer);
        return id;
    }

    /// <summary>A special general meeting in London on the given day, noticed on 20 December (14 clear days before 4 January).</summary>
    private static MeetingForm SecondForm(DateOnly day) => new()
    {
        Kind = MeetingKind.Special,
        Title = "Confirming General Meeting",
        NoticeDate = new DateOnly(2026, 12, 16),
        VotingOpensAtUtc = new DateTime(2026, 12, 20, 9, 0, 0, DateTimeKind.Utc),
        VotingClosesAtUtc = day.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
        Sections = [new SectionForm { Name = "London", Date = day, Place = "Marx Memorial Library" }],
    };

    private async Task SecondMeetingVotesAsync(Actor teller, Actor officer, long id, int forVotes, int against)
    {
        await Meetings.TakeRollAsync(teller, id, await VersionAsync(teller, id), Cancel);
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 20, 9, 0, 0, TimeSpan.Zero));
        await Meetings.OpenVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
        var london = await SectionAsync(teller, id, "London");
        foreach (var n in new long[] { 9001, 9002, 9003 })
        {
            await Tellers.MarkPresentAsync(teller, id, london, n, Cancel);
        }

        await Hands.RecordAsync(teller, id, london, await MotionIdAsync(teller, id, 1), Counted(forVotes, against, 0), Cancel);
        var closes = (await Meetings.GetAsync(teller, id, Cancel))!.VotingClosesAt;
        await CloseAndCountAsync(teller, id, closes, officer);
    }
}

public sealed class SpecialResolutionTestsOnSqlite() : SpecialResolutionTests(DatabaseProvider.Sqlite);

public sealed class SpecialResolutionTestsOnPostgres() : SpecialResolutionTests(DatabaseProvider.Postgres);
