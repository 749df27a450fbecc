using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Features.Access;
using CoopRegister.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Meetings;

/// <summary>A member's choice of section before the meeting (domain rule 53), as tellers see it at the door.</summary>
public abstract class SectionChoiceTests(DatabaseProvider provider) : SittingMeetingTest(provider)
{
    private SectionChoiceService Choices => Host.Get<SectionChoiceService>();

    [Fact]
    public async Task A_member_chooses_their_section_in_advance_and_the_tellers_see_it()
    {
        var (teller, _, _, registrar) = await StaffAsync();
        var (adaNumber, ada) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var (_, bea) = await AdmitAsync(registrar, "Bea Brown", "bea@example.org");
        var id = await OpenMeetingAsync(teller, Form(2), Motion("The accounts"));
        var london = await SectionAsync(teller, id, "London");
        var glasgow = await SectionAsync(teller, id, "Glasgow");

        var mine = (await Meetings.MyMeetingsAsync(ada, Cancel)).Single();
        Assert.True(mine.CanChooseSection);
        Assert.Null(mine.ChosenSectionId);
        await Choices.ChooseAsync(ada, id, glasgow, Cancel);
        await Choices.ChooseAsync(ada, id, london, Cancel); // a change of mind before either sits
        await Choices.ChooseAsync(bea, id, london, Cancel);
        Assert.Equal(london, (await Meetings.MyMeetingsAsync(ada, Cancel)).Single().ChosenSectionId);

        var desk = (await Tellers.DeskAsync(teller, id, Cancel))!;
        Assert.Equal(2, desk.Sections.Single(s => s.Id == london).Expected);
        Assert.Equal(0, desk.Sections.Single(s => s.Id == glasgow).Expected);
        Assert.Equal("London", (await Tellers.FindOnRollAsync(teller, id, adaNumber, Cancel))!.ChosenSection);

        // At the section chosen, nothing to warn about.
        var here = await Tellers.MarkPresentAsync(teller, id, london, adaNumber, Cancel);
        Assert.DoesNotContain("had chosen", here.Message, StringComparison.Ordinal);
        var after = await Assert.ThrowsAsync<DomainException>(() => Choices.ChooseAsync(ada, id, glasgow, Cancel));
        Assert.Contains("already been marked present", after.Message, StringComparison.Ordinal);
        Assert.False((await Meetings.MyMeetingsAsync(ada, Cancel)).Single().CanChooseSection);

        await using var db = Host.NewContext();
        Assert.Equal(3, await db.AuditEvents.CountAsync(e => e.Action == "meeting.section-chosen", Cancel));
    }

    [Fact]
    public async Task Attending_another_section_than_the_one_chosen_is_allowed_but_warned_and_recorded()
    {
        var (teller, _, _, registrar) = await StaffAsync();
        var (adaNumber, ada) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var id = await OpenMeetingAsync(teller, Form(2), Motion("The accounts"));
        var london = await SectionAsync(teller, id, "London");
        var glasgow = await SectionAsync(teller, id, "Glasgow");
        await Choices.ChooseAsync(ada, id, london, Cancel);

        var result = await Tellers.MarkPresentAsync(teller, id, glasgow, adaNumber, Cancel);
        Assert.Contains("they had chosen to attend London", result.Message, StringComparison.Ordinal);
        Assert.Contains("cannot attend London", result.Message, StringComparison.Ordinal);

        // One section only still holds: London now refuses her.
        var twice = await Assert.ThrowsAsync<DomainException>(() => Tellers.MarkPresentAsync(teller, id, london, adaNumber, Cancel));
        Assert.Contains("already marked present at Glasgow", twice.Message, StringComparison.Ordinal);
        await using var db = Host.NewContext();
        var audit = await db.AuditEvents.Where(e => e.Action == "meeting.attended").Select(e => e.Summary).SingleAsync(Cancel);
        Assert.Contains("They had chosen London in advance.", audit, StringComparison.Ordinal);
        Assert.Equal(glasgow, (await Meetings.MyMeetingsAsync(ada, Cancel)).Single().AttendedSectionId);
    }

    [Fact]
    public async Task A_section_is_chosen_before_it_sits_by_a_member_on_the_roll_for_themselves_only()
    {
        var (teller, _, _, registrar) = await StaffAsync();
        var (_, ada) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var id = await OpenMeetingAsync(teller, Form(2), Motion("The accounts"));
        var london = await SectionAsync(teller, id, "London");
        var glasgow = await SectionAsync(teller, id, "Glasgow");

        // Joined after the roll was taken: not on it.
        var (_, late) = await AdmitAsync(registrar, "Cy Late", "cy@example.org");
        var notOnRoll = await Assert.ThrowsAsync<DomainException>(() => Choices.ChooseAsync(late, id, london, Cancel));
        Assert.Contains("not on the voter roll", notOnRoll.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Choices.ChooseAsync(teller, id, london, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Choices.ChooseAsync(registrar, id, london, Cancel));

        await Choices.ChooseAsync(ada, id, glasgow, Cancel);

        // Glasgow sits on 18 December: on that day it can no longer be chosen, nor left for London.
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 18, 8, 0, 0, TimeSpan.Zero));
        var leave = await Assert.ThrowsAsync<DomainException>(() => Choices.ChooseAsync(ada, id, london, Cancel));
        Assert.Contains("sat on 2026-12-18", leave.Message, StringComparison.Ordinal);
        var sat = await Assert.ThrowsAsync<DomainException>(() => Choices.ChooseAsync(ada, id, glasgow, Cancel));
        Assert.Contains("before the day it sits", sat.Message, StringComparison.Ordinal);
        Assert.False((await Meetings.MyMeetingsAsync(ada, Cancel)).Single().CanChooseSection);

        // Another member's choice is theirs alone: the service takes no member, only the login.
        await using var db = Host.NewContext();
        Assert.Equal(1, await db.VoterRoll.CountAsync(r => r.ChosenSectionId != null, Cancel));
    }
}

public sealed class SectionChoiceTestsOnSqlite() : SectionChoiceTests(DatabaseProvider.Sqlite);

public sealed class SectionChoiceTestsOnPostgres() : SectionChoiceTests(DatabaseProvider.Postgres);
