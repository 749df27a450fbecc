using System.Data.Common;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Meetings;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Exports;
using CoopRegister.Features.Meetings;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Tests.Infrastructure;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Meetings;

public abstract class MeetingServiceTests(DatabaseProvider provider) : MeetingTest(provider)
{
    private static MeetingForm Form(int sections = 1) => new()
    {
        Kind = MeetingKind.Annual,
        Title = "Annual General Meeting 2026",
        NoticeDate = NoticeDate,
        VotingOpensAtUtc = new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc),
        VotingClosesAtUtc = new DateTime(2026, 12, 19, 10, 0, 0, DateTimeKind.Utc),
        Sections = Enumerable.Range(0, sections).Select(i => new SectionForm
        {
            Name = i == 0 ? "London" : $"Section {i + 1}",
            Date = MeetingDay.AddDays(-i),
            Place = "Marx Memorial Library, 37a Clerkenwell Green",
        }).ToList(),
    };

    private static MotionForm Motion(string title, ThresholdKind threshold = ThresholdKind.Ordinary) =>
        new() { Title = title, Text = $"That the meeting approves {title.ToLowerInvariant()}.", Threshold = threshold };

    private async Task<(Actor Teller, Actor Officer, Actor Registrar)> StaffAsync()
    {
        await Host.SetUpSocietyAsync();
        return (await Host.CreateLoginAsync("teller@example.org", Roles.Teller),
            await Host.CreateLoginAsync("ro@example.org", Roles.ReturningOfficer),
            await Host.CreateLoginAsync("reg@example.org", Roles.Registrar));
    }

    /// <summary>Admits a member through the application flow; the allotment creates their login.</summary>
    private async Task<(long MemberId, Actor Login)> AdmitAsync(Actor registrar, string name, string email)
    {
        var s = await Applications.SubmitAsync(Individual(name, email, shares: 10), Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
        var memberId = (await Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel)).Lines.Single().MemberId;
        return (memberId, await Host.ActorForAsync(email));
    }

    /// <summary>Enters a member directly, as an import from an earlier register would, with a holding of the ordinary class.</summary>
    private async Task<long> CarriedOverAsync(long number, string name, DateOnly entered, DateOnly? born, long shares, long paidPence, DateOnly? ceased = null, MemberKind kind = MemberKind.Individual)
    {
        await using var db = Host.NewContext();
        var details = new PersonDetails
        {
            Kind = kind, Name = name, Address = "1 Test Street\nLeeds", Postcode = "LS1 1AA", DateOfBirth = born,
            RepresentativeName = kind == MemberKind.Corporate ? "Ann Rep" : null, OrganisationNumber = kind == MemberKind.Corporate ? "01234567" : null,
        }.Normalised();
        var member = Member.CarriedOver(number, details, entered, ceased, ceased is null ? null : "Withdrew", Host.Clock.GetUtcNow().UtcDateTime);
        db.Members.Add(member);
        await db.SaveChangesAsync(Cancel);
        var ordinary = await db.ShareClasses.Where(c => c.Code == ShareClass.OrdinaryCode).Select(c => c.Id).SingleAsync(Cancel);
        db.Holdings.Add(Holding.Of(member.Id, ordinary, shares, paidPence));
        await db.SaveChangesAsync(Cancel);
        return member.Id;
    }

    private async Task<long> VersionAsync(Actor teller, long id) => (await Meetings.GetAsync(teller, id, Cancel))!.Version;

    private async Task<long> MeetingWithRollAsync(Actor teller, params string[] motions)
    {
        var id = await Meetings.CreateAsync(teller, Form(), Cancel);
        foreach (var m in motions)
        {
            await Meetings.AddMotionAsync(teller, id, await VersionAsync(teller, id), Motion(m), Cancel);
        }

        await Meetings.TakeRollAsync(teller, id, await VersionAsync(teller, id), Cancel);
        return id;
    }

    private async Task OpenAsync(Actor teller, long id)
    {
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        await Meetings.OpenVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
    }

    private async Task CloseAsync(Actor teller, long id)
    {
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 19, 10, 0, 0, TimeSpan.Zero));
        await Meetings.CloseVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
    }

    private async Task<Dictionary<long, VoteChoice>> ChoicesAsync(Actor teller, long id, params VoteChoice[] choices)
    {
        var motions = (await Meetings.GetAsync(teller, id, Cancel))!.Motions;
        return motions.Zip(choices).ToDictionary(p => p.First.Id, p => p.Second);
    }

    [Fact]
    public async Task The_roll_takes_members_on_the_notice_and_meeting_dates_aged_16_with_the_minimum_fully_paid_and_its_hash_is_stable()
    {
        var (teller, _, registrar) = await StaffAsync();
        var (ada, _) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        await CarriedOverAsync(9001, "Old Member", new DateOnly(1990, 1, 1), new DateOnly(1950, 1, 1), 5, 500);
        await CarriedOverAsync(9002, "Young Reader", new DateOnly(2025, 1, 1), MeetingDay.AddYears(-16).AddDays(1), 5, 500); // 15 on the meeting day
        await CarriedOverAsync(9003, "Sixteen Today", new DateOnly(2025, 1, 1), MeetingDay.AddYears(-16), 5, 500);
        await CarriedOverAsync(9004, "Part Paid", new DateOnly(2020, 1, 1), new DateOnly(1970, 1, 1), 1, 50); // 50p of a £1 share
        await CarriedOverAsync(9005, "Gone Before", new DateOnly(2000, 1, 1), new DateOnly(1960, 1, 1), 5, 500, ceased: new DateOnly(2026, 6, 1));
        await CarriedOverAsync(9006, "Leaving On The Day", new DateOnly(2000, 1, 1), new DateOnly(1960, 1, 1), 5, 500, ceased: MeetingDay);
        await CarriedOverAsync(9007, "Acme Bakery Ltd", new DateOnly(2010, 1, 1), null, 100, 10000, kind: MemberKind.Corporate);
        await CarriedOverAsync(9008, "Nil Holding", new DateOnly(2010, 1, 1), new DateOnly(1960, 1, 1), 0, 0);
        Host.Clock.Advance(TimeSpan.FromDays(1));
        var (late, _) = await AdmitAsync(registrar, "Late Joiner", "late@example.org"); // joined the day after notice

        var id = await Meetings.CreateAsync(teller, Form(), Cancel);
        var first = await Meetings.TakeRollAsync(teller, id, await VersionAsync(teller, id), Cancel);

        await using var db = Host.NewContext();
        var numbers = await (from r in db.VoterRoll where r.MeetingId == id join m in db.Members on r.MemberId equals m.Id orderby m.MemberNumber select m.MemberNumber).ToListAsync(Cancel);
        var adaNumber = await db.Members.Where(m => m.Id == ada).Select(m => m.MemberNumber).SingleAsync(Cancel);
        Assert.Equal(new[] { adaNumber, 9001L, 9003, 9007 }, numbers);
        Assert.DoesNotContain(await db.Members.Where(m => m.Id == late).Select(m => m.MemberNumber).SingleAsync(Cancel), numbers);
        Assert.Equal(4, first.Size);
        Assert.Equal(64, first.Hash.Length);
        var section = (await Meetings.GetAsync(teller, id, Cancel))!.Sections.Single().Id;
        Assert.All(await db.VoterRoll.Where(r => r.MeetingId == id).ToListAsync(Cancel), r => Assert.Equal(section, r.SectionId));

        // The same register under the same rule gives the same roll and hash, here and computed independently.
        var again = await Meetings.TakeRollAsync(teller, id, await VersionAsync(teller, id), Cancel);
        Assert.Equal(first, again);
        using var expected = new VoterRollHash(EligibilityRule.Default, NoticeDate, MeetingDay);
        foreach (var n in numbers)
        {
            expected.Add(n);
        }

        Assert.Equal(expected.Finish(), first.Hash);
        Assert.Equal(4, await db.VoterRoll.CountAsync(r => r.MeetingId == id, Cancel));

        // Changing the meeting discards the roll; a different rule gives a different roll and hash.
        var form = Form();
        form.Sections[0].Id = section;
        form.MinimumAge = null;
        form.MinimumHoldingFullyPaid = false;
        await Meetings.UpdateAsync(teller, id, await VersionAsync(teller, id), form, Cancel);
        Assert.Equal(0, await db.VoterRoll.CountAsync(r => r.MeetingId == id, Cancel));
        Assert.Null((await Meetings.GetAsync(teller, id, Cancel))!.RollHash);
        var wider = await Meetings.TakeRollAsync(teller, id, await VersionAsync(teller, id), Cancel);
        Assert.Equal(7, wider.Size); // adds the fifteen-year-old, the part-paid member and the nil holding
        Assert.NotEqual(first.Hash, wider.Hash);
    }

    [Fact]
    public async Task Too_little_notice_is_refused_with_the_clear_days_rule()
    {
        var (teller, _, _) = await StaffAsync();
        var form = Form();
        form.Sections[0].Date = NoticeDate.AddDays(14);
        form.VotingClosesAtUtc = new DateTime(2026, 12, 10, 10, 0, 0, DateTimeKind.Utc);
        var e = await Assert.ThrowsAsync<DomainException>(() => Meetings.CreateAsync(teller, form, Cancel));
        Assert.Contains("13 clear days", e.Message, StringComparison.Ordinal);
        Assert.Contains("at least 14", e.Message, StringComparison.Ordinal);
        Assert.Empty(await Meetings.ListAsync(teller, Cancel));
    }

    [Fact]
    public async Task Members_vote_online_get_a_receipt_find_it_after_the_close_and_the_declaration_states_each_result()
    {
        var (teller, officer, registrar) = await StaffAsync();
        var (_, ada) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var (_, bea) = await AdmitAsync(registrar, "Bea Brown", "bea@example.org");
        var (_, cai) = await AdmitAsync(registrar, "Cai Jones", "cai@example.org");
        await AdmitAsync(registrar, "Dee Silent", "dee@example.org");
        var id = await MeetingWithRollAsync(teller, "The accounts", "The rule change");
        await Meetings.ChangeMotionAsync(teller, id, await VersionAsync(teller, id), (await Meetings.GetAsync(teller, id, Cancel))!.Motions[1].Id,
            Motion("The rule change", ThresholdKind.TwoThirds), Cancel);
        await OpenAsync(teller, id);

        var mine = Assert.Single(await Meetings.MyMeetingsAsync(ada, Cancel));
        Assert.True(mine.CanVote);
        var paper = await Meetings.GetBallotAsync(ada, id, Cancel);
        Assert.Equal(2, paper!.Motions.Count);

        var receiptA = await Meetings.VoteAsync(ada, id, await ChoicesAsync(teller, id, VoteChoice.For, VoteChoice.For), Cancel);
        await Meetings.VoteAsync(bea, id, await ChoicesAsync(teller, id, VoteChoice.For, VoteChoice.Against), Cancel);
        await Meetings.VoteAsync(cai, id, await ChoicesAsync(teller, id, VoteChoice.Against, VoteChoice.Abstain), Cancel);
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", receiptA.ReceiptCode);
        Assert.False((await Meetings.MyMeetingsAsync(ada, Cancel)).Single().CanVote);
        Assert.Null(await Meetings.GetBallotAsync(ada, id, Cancel));

        // Before the close nothing is published and nothing can be counted.
        Assert.Empty(await Meetings.ReceiptsAsync(ada, id, Cancel));
        Assert.False(await Meetings.CheckReceiptAsync(ada, id, receiptA.ReceiptCode, Cancel));
        Assert.Null(await Meetings.ResultsAsync(ada, id, Cancel));
        await Assert.ThrowsAsync<DomainException>(async () => await Meetings.CountAsync(teller, id, await VersionAsync(teller, id), Cancel));

        await CloseAsync(teller, id);
        await Assert.ThrowsAsync<DomainException>(() => Meetings.VoteAsync(ada, id, new Dictionary<long, VoteChoice>(), Cancel));
        var published = await Meetings.ReceiptsAsync(bea, id, Cancel);
        Assert.Equal(3, published.Count);
        Assert.Contains(receiptA.ReceiptCode, published);
        Assert.True(await Meetings.CheckReceiptAsync(ada, id, receiptA.ReceiptCode.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), Cancel));
        Assert.False(await Meetings.CheckReceiptAsync(ada, id, "AAAA-BBBB-CCCC", Cancel));

        await Meetings.CountAsync(teller, id, await VersionAsync(teller, id), Cancel);
        Assert.Null(await Meetings.ResultsAsync(ada, id, Cancel)); // members wait for the declaration
        Assert.NotNull(await Meetings.ResultsAsync(teller, id, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Meetings.DeclareAsync(teller, id, await VersionAsync(teller, id), Cancel));
        await Meetings.DeclareAsync(officer, id, await VersionAsync(teller, id), Cancel);

        var results = (await Meetings.ResultsAsync(ada, id, Cancel))!;
        Assert.Equal(4, results.Eligible);
        Assert.Equal(3, results.Voted);
        Assert.Equal("75.0%", results.Turnout);
        var accounts = results.Motions[0].Result!;
        Assert.Equal((2L, 1L, 0L, 3L, true), (accounts.For, accounts.Against, accounts.Abstain, accounts.VotesCast, accounts.Carried));
        Assert.Equal("66.7%", accounts.ForPercent);
        Assert.Equal("33.3%", accounts.AgainstPercent);
        var rules = results.Motions[1].Result!;
        Assert.Equal((1L, 1L, 1L, 2L, false), (rules.For, rules.Against, rules.Abstain, rules.VotesCast, rules.Carried)); // 1 of 2 is under two-thirds
        Assert.Equal("ro@example.org", results.DeclaredBy);
        Assert.Single(await Meetings.DeclaredAsync(registrar, Cancel));
    }

    [Fact]
    public async Task A_member_voting_from_two_browsers_at_once_gets_exactly_one_ballot()
    {
        var (teller, _, registrar) = await StaffAsync();
        var (_, ada) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var id = await MeetingWithRollAsync(teller, "The accounts");
        await OpenAsync(teller, id);
        var choices = await ChoicesAsync(teller, id, VoteChoice.For);

        // Separate service scopes, as two browsers' circuits would be, released together.
        var start = new TaskCompletionSource();
        var attempts = Enumerable.Range(0, 6).Select(async _ =>
        {
            await start.Task;
            await using var scope = Host.Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<MeetingService>();
            try
            {
                return (object)await service.VoteAsync(ada, id, choices, Cancel);
            }
            catch (ConflictException e)
            {
                return e;
            }
        }).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes.OfType<VoteReceipt>());
        Assert.Equal(5, outcomes.OfType<ConflictException>().Count());
        await using var db = Host.NewContext();
        Assert.Equal(1, await db.Ballots.CountAsync(b => b.MeetingId == id, Cancel));
        Assert.Equal(1, await db.BallotChoices.CountAsync(Cancel));
        Assert.Equal(1, await db.VoterRoll.CountAsync(r => r.MeetingId == id && r.VotedBy != null, Cancel));
    }

    [Fact]
    public async Task Ballots_hold_no_link_to_the_member_or_the_roll_in_the_schema_or_the_stored_rows_and_the_audit_never_says_how()
    {
        var (teller, _, registrar) = await StaffAsync();
        var (adaId, ada) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var id = await MeetingWithRollAsync(teller, "The accounts");
        await OpenAsync(teller, id);
        var receipt = await Meetings.VoteAsync(ada, id, await ChoicesAsync(teller, id, VoteChoice.Against), Cancel);

        await using var db = Host.NewContext();
        foreach (var type in new[] { typeof(SecretBallot), typeof(BallotChoice) })
        {
            var entity = db.Model.FindEntityType(type)!;
            Assert.All(entity.GetProperties(), p => Assert.DoesNotContain(p.ClrType, new[] { typeof(DateTime), typeof(DateTime?), typeof(DateOnly), typeof(DateOnly?), typeof(DateTimeOffset) }));
            Assert.All(entity.GetForeignKeys(), fk => Assert.Contains(fk.PrincipalEntityType.ClrType, new[] { typeof(Meeting), typeof(SecretBallot), typeof(Motion) }));
            Assert.All(entity.GetProperties(), p => Assert.Null(p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd && p.ClrType != typeof(Guid) ? p.Name : null));
        }

        Assert.Equal(["Channel", "Id", "MeetingId", "ReceiptCode"], db.Model.FindEntityType(typeof(SecretBallot))!.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal));
        Assert.Equal(["BallotId", "Choice", "MotionId"], db.Model.FindEntityType(typeof(BallotChoice))!.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal));
        Assert.All(db.Model.FindEntityType(typeof(SecretBallot))!.GetIndexes(), i => Assert.DoesNotContain(i.Properties, p => p.Name.Contains("Member", StringComparison.Ordinal)));
        Assert.DoesNotContain(db.Model.FindEntityType(typeof(VoterRollEntry))!.GetProperties(), p => p.ClrType == typeof(Guid) || p.Name.Contains("Ballot", StringComparison.Ordinal) || p.Name.Contains("Receipt", StringComparison.Ordinal));

        // The stored row, read as the database holds it: its columns and values say nothing of the member.
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = Provider == DatabaseProvider.Postgres ? "SELECT * FROM \"Ballots\"" : "SELECT * FROM Ballots";
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        Assert.True(await reader.ReadAsync(Cancel));
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Channel", "Id", "MeetingId", "ReceiptCode"], columns);
        Assert.Equal(receipt.ReceiptCode, reader.GetString(reader.GetOrdinal("ReceiptCode")));
        Assert.NotEqual(Guid.Empty, Guid.Parse(Convert.ToString(reader.GetValue(reader.GetOrdinal("Id")), System.Globalization.CultureInfo.InvariantCulture)!));
        Assert.False(await reader.ReadAsync(Cancel));
        await reader.CloseAsync();

        var voted = Assert.Single(await db.AuditEvents.Where(e => e.Action == "meeting.voted").ToListAsync(Cancel));
        Assert.Equal(adaId, voted.MemberId);
        Assert.Null(voted.Before);
        Assert.Null(voted.After);
        Assert.DoesNotContain("Against", voted.Summary, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(await db.AuditEvents.ToListAsync(Cancel), e => (e.Summary + e.Before + e.After).Contains(receipt.ReceiptCode, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Members_act_only_for_themselves_and_roles_without_the_permission_are_refused()
    {
        var (teller, officer, registrar) = await StaffAsync();
        var (_, ada) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var id = await MeetingWithRollAsync(teller, "The accounts");
        Host.Clock.Advance(TimeSpan.FromDays(1));
        var (_, late) = await AdmitAsync(registrar, "Late Joiner", "late@example.org");
        await OpenAsync(teller, id);
        var choices = await ChoicesAsync(teller, id, VoteChoice.For);

        // Not on the roll: no ballot paper, and a vote is refused.
        var lateView = Assert.Single(await Meetings.MyMeetingsAsync(late, Cancel));
        Assert.False(lateView.OnRoll);
        Assert.Null(await Meetings.GetBallotAsync(late, id, Cancel));
        var refused = await Assert.ThrowsAsync<DomainException>(() => Meetings.VoteAsync(late, id, choices, Cancel));
        Assert.Contains("not on the voter roll", refused.Message, StringComparison.Ordinal);

        // Ada's vote shows on her own view only.
        await Meetings.VoteAsync(ada, id, choices, Cancel);
        Assert.True((await Meetings.MyMeetingsAsync(ada, Cancel)).Single().Voted);
        Assert.False((await Meetings.MyMeetingsAsync(late, Cancel)).Single().Voted);

        // Staff without a member record have no ballot; members cannot run meetings; tellers cannot declare.
        await Assert.ThrowsAsync<AccessDeniedException>(() => Meetings.VoteAsync(teller, id, choices, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Meetings.CreateAsync(ada, Form(), Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Meetings.GetAsync(ada, id, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Meetings.ListAsync(registrar, Cancel));
        Assert.Empty(await Meetings.ReceiptsAsync(registrar, id, Cancel)); // published to members and staff, but only after the close
        await Assert.ThrowsAsync<AccessDeniedException>(() => Meetings.ReceiptsAsync(Actor.Anonymous, id, Cancel));
        await CloseAsync(teller, id);
        await Meetings.CountAsync(teller, id, await VersionAsync(teller, id), Cancel);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Meetings.DeclareAsync(teller, id, await VersionAsync(teller, id), Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Meetings.DeclareAsync(ada, id, await VersionAsync(teller, id), Cancel));
        Assert.Null(await Meetings.ResultsAsync(registrar, id, Cancel)); // counted, not yet declared
        await Meetings.DeclareAsync(officer, id, await VersionAsync(teller, id), Cancel);
        Assert.NotNull(await Meetings.ResultsAsync(registrar, id, Cancel));
    }

    [Fact]
    public async Task Two_tellers_changing_the_same_meeting_at_once_are_told_to_reload()
    {
        var (teller, officer, _) = await StaffAsync();
        var id = await Meetings.CreateAsync(teller, Form(), Cancel);
        var version = await VersionAsync(teller, id);
        await Meetings.AddMotionAsync(teller, id, version, Motion("The accounts"), Cancel);
        await Assert.ThrowsAsync<ConflictException>(() => Meetings.AddMotionAsync(officer, id, version, Motion("The auditors"), Cancel));
        Assert.Single((await Meetings.GetAsync(teller, id, Cancel))!.Motions);
    }

    [Fact]
    public async Task The_voter_roll_and_the_anonymised_ballots_export_as_CSV()
    {
        var (teller, _, registrar) = await StaffAsync();
        var (_, ada) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        await AdmitAsync(registrar, "Bea Brown", "bea@example.org");
        var id = await MeetingWithRollAsync(teller, "The accounts", "The auditors");
        await OpenAsync(teller, id);
        var receipt = await Meetings.VoteAsync(ada, id, await ChoicesAsync(teller, id, VoteChoice.For, VoteChoice.Abstain), Cancel);
        var exports = Host.Get<ExportService>();

        var roll = await ReadAsync(exports, teller, MeetingExportKind.VoterRoll, id);
        Assert.Equal(["Member number", "Name", "Section", "Voted", "Channel"], roll[0]);
        Assert.Equal(["1", "Ada Lovelace", "London", "Yes", "Online"], roll[1]);
        Assert.Equal(["2", "Bea Brown", "London", "No", ""], roll[2]);

        var early = await Assert.ThrowsAsync<DomainException>(() => exports.WriteMeetingAsync(teller, MeetingExportKind.Ballots, id, Stream.Null, Cancel));
        Assert.Contains("once voting has closed", early.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => exports.WriteMeetingAsync(registrar, MeetingExportKind.VoterRoll, id, Stream.Null, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => exports.WriteMeetingAsync(ada, MeetingExportKind.VoterRoll, id, Stream.Null, Cancel));

        await CloseAsync(teller, id);
        var ballots = await ReadAsync(exports, teller, MeetingExportKind.Ballots, id);
        Assert.Equal(["Ballot", "Receipt", "Channel", "Motion", "Choice", "Section", "Votes"], ballots[0]);
        Assert.Equal(3, ballots.Count);
        Assert.Equal([receipt.ReceiptCode, "Online", "1", "For", "", "1"], ballots[1][1..]);
        Assert.Equal([receipt.ReceiptCode, "Online", "2", "Abstain", "", "1"], ballots[2][1..]);
        Assert.Equal(32, ballots[1][0].Length);
        await using var db = Host.NewContext();
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == "export.voter-roll" || e.Action == "export.ballots", Cancel));
    }

    private async Task<List<string[]>> ReadAsync(ExportService exports, Actor actor, MeetingExportKind kind, long id)
    {
        using var stream = new MemoryStream();
        var count = await exports.WriteMeetingAsync(actor, kind, id, stream, Cancel);
        var rows = new List<string[]>();
        using var reader = CsvReader.Create(new MemoryStream(stream.ToArray()), CsvReaderOptions.Default with { HasHeader = false });
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        Assert.Equal(count, rows.Count - 1);
        return rows;
    }
}

public sealed class MeetingServiceTestsOnSqlite() : MeetingServiceTests(DatabaseProvider.Sqlite);

public sealed class MeetingServiceTestsOnPostgres() : MeetingServiceTests(DatabaseProvider.Postgres);
