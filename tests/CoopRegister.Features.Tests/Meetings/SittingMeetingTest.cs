using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Meetings;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Meetings;
using CoopRegister.Features.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Meetings;

/// <summary>
/// What the show-of-hands, section-choice, ballots-export and special-resolution tests share: staff, members, and a
/// meeting with its motions taken through roll, opening, close, count and declaration.
/// </summary>
public abstract class SittingMeetingTest(DatabaseProvider provider) : MeetingTest(provider)
{
    protected static readonly DateTimeOffset Opening = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    protected static readonly DateTimeOffset Closing = new(2026, 12, 18, 10, 0, 0, TimeSpan.Zero);

    protected ShowOfHandsService Hands => Host.Get<ShowOfHandsService>();

    protected static MeetingForm Form(int sections, string title = "Annual General Meeting 2026") => new()
    {
        Kind = MeetingKind.Annual,
        Title = title,
        NoticeDate = NoticeDate,
        VotingOpensAtUtc = Opening.UtcDateTime,
        VotingClosesAtUtc = Closing.UtcDateTime,
        Sections = Enumerable.Range(0, sections).Select(i => new SectionForm
        {
            Name = i == 0 ? "London" : "Glasgow",
            Date = MeetingDay.AddDays(-i),
            Place = i == 0 ? "Marx Memorial Library" : "Woodside Halls",
        }).ToList(),
    };

    protected async Task<(Actor Teller, Actor Second, Actor Officer, Actor Registrar)> StaffAsync()
    {
        await Host.SetUpSocietyAsync();
        return (await Host.CreateLoginAsync("teller@example.org", Roles.Teller),
            await Host.CreateLoginAsync("teller2@example.org", Roles.Teller),
            await Host.CreateLoginAsync("ro@example.org", Roles.ReturningOfficer),
            await Host.CreateLoginAsync("reg@example.org", Roles.Registrar));
    }

    /// <summary>A member admitted through the application flow, with a portal login.</summary>
    protected async Task<(long Number, Actor Login)> AdmitAsync(Actor registrar, string name, string email)
    {
        var s = await Applications.SubmitAsync(Individual(name, email, shares: 10), Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
        var memberId = (await Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel)).Lines.Single().MemberId;
        await using var db = Host.NewContext();
        return (await db.Members.Where(m => m.Id == memberId).Select(m => m.MemberNumber).SingleAsync(Cancel), await Host.ActorForAsync(email));
    }

    /// <summary>A member carried over from an earlier register, without a login (for attendance at the door).</summary>
    protected async Task CarriedOverAsync(long number, string name)
    {
        await using var db = Host.NewContext();
        var details = new PersonDetails { Kind = MemberKind.Individual, Name = name, Address = "1 Test Street\nLeeds", Postcode = "LS1 1AA", DateOfBirth = new DateOnly(1960, 1, 1) }.Normalised();
        var member = Member.CarriedOver(number, details, new DateOnly(2000, 1, 1), null, null, Host.Clock.GetUtcNow().UtcDateTime);
        db.Members.Add(member);
        await db.SaveChangesAsync(Cancel);
        var ordinary = await db.ShareClasses.Where(c => c.Code == ShareClass.OrdinaryCode).Select(c => c.Id).SingleAsync(Cancel);
        db.Holdings.Add(Holding.Of(member.Id, ordinary, 5, 500));
        await db.SaveChangesAsync(Cancel);
    }

    protected async Task<long> VersionAsync(Actor teller, long id) => (await Meetings.GetAsync(teller, id, Cancel))!.Version;

    /// <summary>A meeting with the given motions, its roll taken and voting open at <see cref="Opening"/>.</summary>
    protected async Task<long> OpenMeetingAsync(Actor teller, MeetingForm form, params MotionForm[] motions)
    {
        var id = await Meetings.CreateAsync(teller, form, Cancel);
        foreach (var motion in motions)
        {
            await Meetings.AddMotionAsync(teller, id, await VersionAsync(teller, id), motion, Cancel);
        }

        await Meetings.TakeRollAsync(teller, id, await VersionAsync(teller, id), Cancel);
        Host.Clock.SetUtcNow(form.VotingOpensAtUtc);
        await Meetings.OpenVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
        return id;
    }

    protected static MotionForm Motion(string title, ThresholdKind threshold = ThresholdKind.Ordinary) =>
        new() { Title = title, Text = $"That the meeting approves {title}.", Threshold = threshold };

    /// <summary>Closes voting at the end of the window, counts, and (with an officer) declares.</summary>
    protected async Task CloseAndCountAsync(Actor teller, long id, DateTime? closesAt = null, Actor? officer = null)
    {
        Host.Clock.SetUtcNow(closesAt ?? Closing.UtcDateTime);
        await Meetings.CloseVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
        await Meetings.CountAsync(teller, id, await VersionAsync(teller, id), Cancel);
        if (officer is not null)
        {
            await Meetings.DeclareAsync(officer, id, await VersionAsync(teller, id), Cancel);
        }
    }

    protected async Task<long> SectionAsync(Actor teller, long id, string name) => (await Tellers.DeskAsync(teller, id, Cancel))!.Sections.Single(s => s.Name == name).Id;

    protected async Task<long> MotionIdAsync(Actor teller, long id, int number) => (await Meetings.GetAsync(teller, id, Cancel))!.Motions.Single(m => m.Number == number).Id;

    protected async Task<Dictionary<long, VoteChoice>> ChoicesAsync(Actor teller, long id, params VoteChoice[] choices)
    {
        var motions = (await Meetings.GetAsync(teller, id, Cancel))!.Motions;
        return motions.Zip(choices).ToDictionary(p => p.First.Id, p => p.Second);
    }

    protected static HandsForm Counted(long f, long a, long x) => new() { Counted = true, For = f, Against = a, Abstain = x };

    protected static HandsForm Declared(bool carried) => new() { Counted = false, DeclaredCarried = carried };

    protected async Task<MotionResult> ResultAsync(Actor teller, long id, int number) =>
        (await Meetings.ResultsAsync(teller, id, Cancel))!.Motions.Single(m => m.Number == number).Result!;
}
