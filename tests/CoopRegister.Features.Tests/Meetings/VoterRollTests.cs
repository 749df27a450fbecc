using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Meetings;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Meetings;

/// <summary>
/// The voter roll of a register of several hundred members in every state the eligibility rule (domain rule 44)
/// tells apart: the roll holds exactly the members the rule admits, each once, and its SHA-256 is pinned, so that the
/// same register under the same rule gives the same hash however the roll comes to be written.
/// </summary>
public abstract class VoterRollTests(DatabaseProvider provider) : MeetingTest(provider)
{
    private const int Count = 600;

    /// <summary>The hash of this register's roll under the default rule, as the roll was first hashed; it must never change.</summary>
    private const string PinnedHash = "429f029484e65d35cab5ea1584ba0944f1d1bfbfc1b3f94f41a3b78e78ff88f6";

    private static MeetingForm Form(int sections) => new()
    {
        Kind = MeetingKind.Annual,
        Title = "Annual General Meeting 2026",
        NoticeDate = NoticeDate,
        VotingOpensAtUtc = new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc),
        VotingClosesAtUtc = new DateTime(2026, 12, 19, 10, 0, 0, DateTimeKind.Utc),
        Sections = Enumerable.Range(0, sections).Select(i => new SectionForm
        {
            Name = i == 0 ? "London" : $"Section {i + 1}",
            Date = MeetingDay,
            Place = "Marx Memorial Library, 37a Clerkenwell Green",
        }).ToList(),
    };

    /// <summary>
    /// Members numbered with gaps and entered out of number order, some too young, some without a date of birth, some
    /// organisations, some part-paid or holding nothing, some ceased before or on the meeting day. Returns the numbers
    /// the default rule admits, worked out member by member by the domain's rule rather than by the service's query.
    /// </summary>
    private async Task<List<long>> ArrangeAsync()
    {
        await using var db = Host.NewContext();
        var ordinary = await db.ShareClasses.SingleAsync(c => c.Code == ShareClass.OrdinaryCode, Cancel);
        var now = Host.Clock.GetUtcNow().UtcDateTime;
        var eligible = new List<long>();
        var members = new List<(Member Member, long Shares, long Pence)>();
        for (var i = Count; i >= 1; i--)
        {
            var number = 1000 + (i * 3);
            var kind = i % 7 == 0 ? MemberKind.Corporate : MemberKind.Individual;
            DateOnly? born = kind == MemberKind.Corporate || i % 13 == 0 ? null
                : i % 11 == 0 ? MeetingDay.AddYears(-16).AddDays(1)
                : i % 31 == 0 ? MeetingDay.AddYears(-16)
                : new DateOnly(1950 + (i % 50), 1 + (i % 12), 1 + (i % 28));
            DateOnly? ceased = i % 19 == 0 ? new DateOnly(2026, 6, 1) : i % 23 == 0 ? MeetingDay : null;
            var (shares, pence) = i % 17 == 0 ? (1L, 50L) : i % 29 == 0 ? (0L, 0L) : (5L + (i % 4), (5L + (i % 4)) * 100);
            var details = new PersonDetails
            {
                Kind = kind,
                Name = kind == MemberKind.Corporate ? $"Bakery Number {i} Ltd" : $"Member Number {i}",
                Address = "1 Test Street\nLeeds",
                Postcode = "LS1 1AA",
                DateOfBirth = born,
                RepresentativeName = kind == MemberKind.Corporate ? "Ann Rep" : null,
                OrganisationNumber = kind == MemberKind.Corporate ? "01234567" : null,
            }.Normalised();
            var member = Member.CarriedOver(number, details, new DateOnly(2000 + (i % 20), 1, 1), ceased, ceased is null ? null : "Withdrew", now);
            members.Add((member, shares, pence));
            var facts = new VoterFacts(member.DateEntered, ceased, kind != MemberKind.Corporate, born, shares >= 1 && pence >= shares * ordinary.NominalValuePence);
            if (EligibilityRule.Default.Admits(facts, NoticeDate, MeetingDay))
            {
                eligible.Add(number);
            }
        }

        db.Members.AddRange(members.Select(m => m.Member));
        await db.SaveChangesAsync(Cancel);
        db.Holdings.AddRange(members.Select(m => Holding.Of(m.Member.Id, ordinary.Id, m.Shares, m.Pence)));
        await db.SaveChangesAsync(Cancel);
        eligible.Sort();
        return eligible;
    }

    private async Task<long> VersionAsync(Actor teller, long id) => (await Meetings.GetAsync(teller, id, Cancel))!.Version;

    private async Task<List<(long Number, long? Section, VotingChannel? Voted, long? Attended)>> RollAsync(long meetingId)
    {
        await using var db = Host.NewContext();
        var rows = await (from r in db.VoterRoll
                          where r.MeetingId == meetingId
                          join m in db.Members on r.MemberId equals m.Id
                          orderby m.MemberNumber
                          select new { m.MemberNumber, r.SectionId, r.VotedBy, r.AttendedSectionId }).ToListAsync(Cancel);
        return rows.Select(r => (r.MemberNumber, r.SectionId, r.VotedBy, r.AttendedSectionId)).ToList();
    }

    [Fact]
    public async Task The_roll_holds_exactly_the_members_the_rule_admits_and_its_hash_is_pinned()
    {
        await Host.SetUpSocietyAsync();
        var teller = await Host.CreateLoginAsync("teller@example.org", Roles.Teller);
        var expected = await ArrangeAsync();

        var id = await Meetings.CreateAsync(teller, Form(sections: 1), Cancel);
        var roll = await Meetings.TakeRollAsync(teller, id, await VersionAsync(teller, id), Cancel);

        Assert.Equal(expected.Count, roll.Size);
        Assert.Equal(PinnedHash, roll.Hash);
        using (var hash = new VoterRollHash(EligibilityRule.Default, NoticeDate, MeetingDay))
        {
            expected.ForEach(hash.Add);
            Assert.Equal(hash.Finish(), roll.Hash);
        }

        var section = (await Meetings.GetAsync(teller, id, Cancel))!.Sections.Single().Id;
        var rows = await RollAsync(id);
        Assert.Equal(expected, rows.Select(r => r.Number));
        Assert.All(rows, r => Assert.Equal((section, (VotingChannel?)null, (long?)null), (r.Section, r.Voted, r.Attended)));

        // Taken again, the roll replaces the first one: the same members once each, the same hash.
        var again = await Meetings.TakeRollAsync(teller, id, await VersionAsync(teller, id), Cancel);
        Assert.Equal(roll, again);
        Assert.Equal(expected, (await RollAsync(id)).Select(r => r.Number));
        var meeting = await Meetings.GetAsync(teller, id, Cancel);
        Assert.Equal((PinnedHash, expected.Count), (meeting!.RollHash, meeting.RollSize));
    }

    [Fact]
    public async Task With_several_sections_the_roll_leaves_the_section_to_attendance_and_another_meetings_roll_is_its_own()
    {
        await Host.SetUpSocietyAsync();
        var teller = await Host.CreateLoginAsync("teller@example.org", Roles.Teller);
        var expected = await ArrangeAsync();

        var first = await Meetings.CreateAsync(teller, Form(sections: 1), Cancel);
        await Meetings.TakeRollAsync(teller, first, await VersionAsync(teller, first), Cancel);
        var second = await Meetings.CreateAsync(teller, Form(sections: 2), Cancel);
        var roll = await Meetings.TakeRollAsync(teller, second, await VersionAsync(teller, second), Cancel);

        Assert.Equal(PinnedHash, roll.Hash);
        var rows = await RollAsync(second);
        Assert.Equal(expected, rows.Select(r => r.Number));
        Assert.All(rows, r => Assert.Null(r.Section));
        Assert.Equal(expected, (await RollAsync(first)).Select(r => r.Number));
    }
}

public sealed class VoterRollTestsOnSqlite() : VoterRollTests(DatabaseProvider.Sqlite);

public sealed class VoterRollTestsOnPostgres() : VoterRollTests(DatabaseProvider.Postgres);
