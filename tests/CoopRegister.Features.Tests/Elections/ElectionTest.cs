using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Access;
using CoopRegister.Features.Elections;
using CoopRegister.Features.Meetings;
using CoopRegister.Features.Tests.Meetings;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Elections;

/// <summary>What election tests share: staff, members admitted with logins, and a meeting taken through its steps.</summary>
public abstract class ElectionTest(DatabaseProvider provider) : MeetingTest(provider)
{
    protected ElectionService Elections => Host.Get<ElectionService>();

    protected static MeetingForm Form() => new()
    {
        Kind = MeetingKind.Annual,
        Title = "Annual General Meeting 2026",
        NoticeDate = NoticeDate,
        VotingOpensAtUtc = new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc),
        VotingClosesAtUtc = new DateTime(2026, 12, 19, 10, 0, 0, DateTimeKind.Utc),
        Sections = [new SectionForm { Name = "London", Date = MeetingDay, Place = "Marx Memorial Library" }],
    };

    protected async Task<(Actor Teller, Actor Officer, Actor Registrar)> StaffAsync()
    {
        await Host.SetUpSocietyAsync();
        return (await Host.CreateLoginAsync("teller@example.org", Roles.Teller),
            await Host.CreateLoginAsync("ro@example.org", Roles.ReturningOfficer),
            await Host.CreateLoginAsync("reg@example.org", Roles.Registrar));
    }

    protected async Task<Actor> AdmitAsync(Actor registrar, string name, string email)
    {
        var s = await Applications.SubmitAsync(Individual(name, email, shares: 10), Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
        await Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel);
        return await Host.ActorForAsync(email);
    }

    protected async Task<long> VersionAsync(Actor teller, long id) => (await Meetings.GetAsync(teller, id, Cancel))!.Version;

    protected async Task<ElectionView> ElectionAsync(Actor teller, long meetingId, long electionId) =>
        (await Elections.ListAsync(teller, meetingId, Cancel)).Single(e => e.Id == electionId);

    /// <summary>Adds an election with the named candidates; returns its id.</summary>
    protected async Task<long> AddElectionAsync(Actor teller, long meetingId, ElectionMethod method, int seats, params string[] candidates)
    {
        var id = await Elections.AddAsync(teller, meetingId, new ElectionForm { Title = "Management committee", Seats = seats, Method = method }, Cancel);
        foreach (var name in candidates)
        {
            await Elections.AddCandidateAsync(teller, meetingId, id, (await ElectionAsync(teller, meetingId, id)).Version,
                new CandidateForm { Name = name, Statement = $"{name} has served the society for years." }, Cancel);
        }

        return id;
    }

    protected async Task<long> MeetingAsync(Actor teller, bool withMotion = true)
    {
        var id = await Meetings.CreateAsync(teller, Form(), Cancel);
        if (withMotion)
        {
            await Meetings.AddMotionAsync(teller, id, await VersionAsync(teller, id), new MotionForm { Title = "The accounts", Text = "That the accounts be received." }, Cancel);
        }

        return id;
    }

    protected async Task OpenAsync(Actor teller, long id)
    {
        await Meetings.TakeRollAsync(teller, id, await VersionAsync(teller, id), Cancel);
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        await Meetings.OpenVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
    }

    protected async Task CloseAndCountAsync(Actor teller, long id)
    {
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 19, 10, 0, 0, TimeSpan.Zero));
        await Meetings.CloseVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
        await Meetings.CountAsync(teller, id, await VersionAsync(teller, id), Cancel);
    }

    /// <summary>A vote For on every motion, and the given candidates numbered 1, 2, 3… in the election.</summary>
    protected async Task<VoteReceipt> VoteAsync(Actor member, Actor teller, long meetingId, long electionId, params string[] ranking)
    {
        var candidates = (await ElectionAsync(teller, meetingId, electionId)).Candidates;
        var motions = (await Meetings.GetAsync(teller, meetingId, Cancel))!.Motions.ToDictionary(m => m.Id, _ => VoteChoice.For);
        var marks = ranking.Select((name, i) => (candidates.Single(c => c.Name == name).Id, i + 1)).ToDictionary(x => x.Id, x => x.Item2);
        return await Meetings.VoteAsync(member, meetingId, motions, new Dictionary<long, IReadOnlyDictionary<long, int>> { [electionId] = marks }, Cancel);
    }

    protected async Task<IReadOnlyDictionary<long, int>> MarksAsync(Actor teller, long meetingId, long electionId, params (string Name, int Number)[] marks)
    {
        var candidates = (await ElectionAsync(teller, meetingId, electionId)).Candidates;
        return marks.ToDictionary(m => candidates.Single(c => c.Name == m.Name).Id, m => m.Number);
    }
}
