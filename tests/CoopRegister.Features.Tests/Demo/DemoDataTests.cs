using CoopRegister.Data;
using CoopRegister.Data.Bulk;
using CoopRegister.Domain;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;
using CoopRegister.Features.Access;
using CoopRegister.Features.Demo;
using CoopRegister.Features.Shares;
using CoopRegister.Features.Tests.Infrastructure;
using CoopRegister.Testing;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Demo;

public abstract class DemoDataTests(DatabaseProvider provider) : RegisterTest(provider)
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly Actor Operator = Actor.CommandLine("tester");

    private DemoDataService Service => ActivatorUtilities.CreateInstance<DemoDataService>(Host.Services);

    [Fact]
    public async Task The_same_seed_gives_the_same_register_whatever_the_batch_size_and_another_seed_a_different_one()
    {
        await Host.SetUpSocietyAsync();
        await Service.GenerateAsync(Operator, Request(400, seed: 7, batchSize: 400), cancellationToken: Cancel);

        await using var again = await RegisterTestHost.CreateAsync(Provider);
        await again.SetUpSocietyAsync();
        await ActivatorUtilities.CreateInstance<DemoDataService>(again.Services).GenerateAsync(Operator, Request(400, seed: 7, batchSize: 64), cancellationToken: Cancel);

        await using var other = await RegisterTestHost.CreateAsync(Provider);
        await other.SetUpSocietyAsync();
        await ActivatorUtilities.CreateInstance<DemoDataService>(other.Services).GenerateAsync(Operator, Request(400, seed: 8), cancellationToken: Cancel);

        string first, second, third;
        await using (var db = Host.NewContext())
        {
            first = await RegisterRows.DigestAsync(db, Cancel);
        }

        await using (var db = again.NewContext())
        {
            second = await RegisterRows.DigestAsync(db, Cancel);
        }

        await using (var db = other.NewContext())
        {
            third = await RegisterRows.DigestAsync(db, Cancel);
        }

        Assert.Equal(first, second);
        Assert.NotEqual(first, third);
    }

    [Fact]
    public async Task Every_holding_equals_the_sum_of_the_members_ledger_and_respects_the_caps()
    {
        await Host.SetUpSocietyAsync();
        var result = await Service.GenerateAsync(Operator, Request(600, seed: 3), cancellationToken: Cancel);
        Assert.Equal(600, result.Members);
        Assert.False(result.ShareClassCreated); // first-run setup already made the ordinary class from the settings

        await using var db = Host.NewContext();
        var society = (await db.Societies.SingleAsync(Cancel)).Details;
        var shareClass = await db.ShareClasses.SingleAsync(Cancel);
        var members = await db.Members.AsNoTracking().ToDictionaryAsync(m => m.Id, Cancel);
        var holdings = await db.Holdings.AsNoTracking().ToListAsync(Cancel);
        var sums = await db.LedgerEntries.GroupBy(e => new { e.MemberId, e.ShareClassId })
            .Select(g => new { g.Key.MemberId, g.Key.ShareClassId, Shares = g.Sum(e => e.Shares), Paid = g.Sum(e => e.AmountPaidPence) })
            .ToDictionaryAsync(s => (s.MemberId, s.ShareClassId), Cancel);

        Assert.Equal(members.Count, holdings.Count);
        foreach (var h in holdings)
        {
            var sum = sums[(h.MemberId, h.ShareClassId)];
            Assert.Equal(sum.Shares, h.Shares);
            Assert.Equal(sum.Paid, h.AmountPaidPence);
            var member = members[h.MemberId];
            var cap = HoldingRules.CapFor(member.Details.Kind, shareClass, society);
            Assert.True(cap is null || h.AmountPaid <= cap.Value, $"Member {member.MemberNumber} holds {h.AmountPaid}, above the cap {cap}.");
            if (member.DateCeased is null)
            {
                Assert.True(h.Shares >= shareClass.MinimumHoldingShares, $"Current member {member.MemberNumber} holds {h.Shares} shares.");
            }
            else
            {
                Assert.Equal(0, h.Shares);
            }
        }

        Assert.Equal(result.LedgerEntries, await db.LedgerEntries.LongCountAsync(Cancel));
        Assert.Equal(result.Holdings, holdings.Count);
    }

    [Fact]
    public async Task A_load_into_an_empty_register_puts_back_every_index_and_key_it_set_aside()
    {
        await Host.SetUpSocietyAsync();
        var before = await SchemaAsync();

        var result = await Service.GenerateAsync(Operator, Request(300, seed: 4, batchSize: 100), cancellationToken: Cancel);

        Assert.True(result.SingleTransaction);
        Assert.Equal(3, result.Batches);
        Assert.Equal(before, await SchemaAsync());
        Assert.Contains(before, s => s.StartsWith("IX_Members_NameKey_MemberNumber", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_member_counter_and_the_keys_carry_on_after_the_generated_register()
    {
        await Host.SetUpSocietyAsync();
        await Service.GenerateAsync(Operator, Request(250, seed: 5), cancellationToken: Cancel);

        await using var db = Host.NewContext();
        var numbers = await db.Members.OrderBy(m => m.MemberNumber).Select(m => m.MemberNumber).ToListAsync(Cancel);
        Assert.Equal(Enumerable.Range(1, 250).Select(i => (long)i), numbers);
        var counter = await db.NumberCounters.SingleAsync(c => c.Name == NumberCounter.MemberNumbers, Cancel);
        Assert.Equal(251, counter.Next);

        // The app's own way of admitting a member goes on from there, and the database's keys do not collide.
        var society = (await db.Societies.SingleAsync(Cancel)).Details;
        var shareClass = await db.ShareClasses.SingleAsync(Cancel);
        var lastMemberId = await db.Members.MaxAsync(m => m.Id, Cancel);
        var lastEntryId = await db.LedgerEntries.MaxAsync(e => e.Id, Cancel);
        var lastApplicationId = await db.Applications.MaxAsync(a => (long?)a.Id, Cancel) ?? 0;
        var number = await NumberAllocator.TakeAsync(db, NumberCounter.MemberNumbers, 1, Cancel);
        Assert.Equal(251, number);
        var now = Host.Clock.GetUtcNow().UtcDateTime;
        var member = Member.Admit(number, Person("Afterwards Jones"), false, Today, society, Today, now);
        db.Members.Add(member);
        await db.SaveChangesAsync(Cancel);
        var entry = LedgerEntry.Allotment(member.Id, shareClass.Id, Today, 10, 10 * shareClass.NominalValuePence, "After the demo", null, now, "test");
        db.LedgerEntries.Add(entry);
        var application = ShareApplication.Submit("SH-AFTER1", new string('a', 64), Person("Later Applicant"), false, shareClass, 5, PaymentMethod.BankTransfer, null,
            true, null, 0, society, Today, now, "you");
        application.RecordPayment(500, Today, PaymentMethod.BankTransfer, "SH-AFTER1", Today, now, "test");
        db.Applications.Add(application);
        await db.SaveChangesAsync(Cancel);

        Assert.True(member.Id > lastMemberId);
        Assert.True(entry.Id > lastEntryId);
        Assert.True(application.Id > lastApplicationId);
        Assert.Equal(252, (await db.NumberCounters.AsNoTracking().SingleAsync(c => c.Name == NumberCounter.MemberNumbers, Cancel)).Next);
    }

    [Fact]
    public async Task Everything_written_reads_back_through_EF_exactly_as_generated()
    {
        await Host.SetUpSocietyAsync();
        var (society, shareClass) = await OrdinaryClassAsync();
        var generated = new List<RegisterBatch>();
        await using (var db = Host.NewContext())
        {
            await using var writer = await RegisterBulkWriter.OpenAsync(db, RegisterBulkMode.TransactionPerBatch, Cancel);
            var start = await writer.ReadKeysAsync(Cancel);
            var generator = new DemoRegisterGenerator(new DemoRegisterOptions { Members = 500, Seed = 11, Today = Today, PendingApplicationShare = 0.05 },
                society, shareClass, writer.KeyAssigner(start));
            foreach (var batch in generator.Generate(200))
            {
                await writer.WriteAsync(batch, Cancel);
                generated.Add(batch);
            }
        }

        await using var read = Host.NewContext();
        var members = await read.Members.AsNoTracking().ToDictionaryAsync(m => m.Id, Cancel);
        var entries = await read.LedgerEntries.AsNoTracking().ToDictionaryAsync(e => e.Id, Cancel);
        var holdings = await read.Holdings.AsNoTracking().ToDictionaryAsync(h => h.MemberId, Cancel);
        var applications = await read.Applications.AsNoTracking().Include(a => a.Payments.OrderBy(p => p.Id)).Include(a => a.Events.OrderBy(e => e.Id))
            .ToDictionaryAsync(a => a.Id, Cancel);

        Assert.Equal(500, members.Count);
        Assert.Equal(generated.Sum(b => b.LedgerEntries.Count), entries.Count);
        Assert.Equal(generated.Sum(b => b.Applications.Count), applications.Count);
        foreach (var batch in generated)
        {
            foreach (var m in batch.Members)
            {
                var loaded = members[m.Id];
                Assert.Equal(RegisterRows.ToJson(m), RegisterRows.ToJson(loaded));
                Assert.Equal(DateTimeKind.Utc, loaded.CreatedAt.Kind);
                Assert.Equal(DateTimeKind.Utc, loaded.UpdatedAt.Kind);
                Assert.Equal(m.Details.JointHolders, loaded.Details.JointHolders);
            }

            foreach (var e in batch.LedgerEntries)
            {
                Assert.Equal(RegisterRows.ToJson(e), RegisterRows.ToJson(entries[e.Id]));
                Assert.Equal(DateTimeKind.Utc, entries[e.Id].RecordedAt.Kind);
            }

            foreach (var h in batch.Holdings)
            {
                Assert.Equal(RegisterRows.ToJson(h), RegisterRows.ToJson(holdings[h.MemberId]));
            }

            foreach (var a in batch.Applications)
            {
                Assert.Equal(RegisterRows.ToJson(a), RegisterRows.ToJson(applications[a.Id]));
            }
        }

        // The kinds of row the comparison must have covered.
        var all = members.Values.ToList();
        Assert.Contains(all, m => m.Details.Kind == MemberKind.Joint && m.Details.JointHolders.Count > 0);
        Assert.Contains(all, m => m.Details.Kind == MemberKind.Nominee && m.Details.RepresentedBody is not null);
        Assert.Contains(all, m => m.DateCeased is not null && m.CeasedReason is not null);
        Assert.Contains(entries.Values, e => e.Kind != LedgerEntryKind.Allotment && e.Note is not null);
        Assert.Contains(applications.Values, a => a.Payments.Count > 0);
    }

    [Fact]
    public async Task Bulk_rows_are_stored_exactly_as_EF_stores_the_same_values()
    {
        await Host.SetUpSocietyAsync();
        var (society, shareClass) = await OrdinaryClassAsync();
        var now = new DateTime(2025, 3, 12, 14, 5, 9, DateTimeKind.Utc).AddTicks(1234567);
        var on = new DateOnly(2025, 3, 12);
        PersonDetails[] kinds =
        [
            Person("Zoë Ní Bhriain") with
            {
                Kind = MemberKind.Joint,
                Phone = "07700 900123",
                NoticesByEmail = true,
                JointHolders = [new JointHolder("Łukasz Żółkiewski", "lukasz@example.org"), new JointHolder("Siân Llŷr", null)],
            },
            Person("Ngozi Ọkọnkwọ") with { Kind = MemberKind.Nominee, DateOfBirth = null, RepresentedBody = "Unite North West Region Branch 0123", RepresentedBodyAddress = "Unity House\nHeol y Dŵr" },
            Person("Ŵyn Mynydd Cymru Cyfyngedig") with { Kind = MemberKind.RegisteredSociety, DateOfBirth = null, RepresentativeName = "Dafydd ap Gwilym", OrganisationNumber = "31234R" },
        ];

        // EF writes one of each; the bulk writer writes twins with the same values under other keys and numbers.
        var ef = new List<(Member Member, LedgerEntry Entry)>();
        ShareApplication efApplication;
        await using (var db = Host.NewContext())
        {
            var number = 1;
            foreach (var details in kinds)
            {
                var member = Member.Admit(number++, details, true, on, society, on, now);
                member.Cease(on.AddDays(40), CessationKind.Resignation, "Resigned in writing.", now.AddDays(40));
                db.Members.Add(member);
                await db.SaveChangesAsync(Cancel);
                var entry = LedgerEntry.Movement(LedgerEntryKind.Withdrawal, member.Id, shareClass.Id, on, -3, -300, "Ceased 2025-04-21", "Repaid in full.", now, "coopreg demo-data (seed 1)");
                db.LedgerEntries.Add(entry);
                ef.Add((member, entry));
            }

            efApplication = Application("SH-EFEF01", kinds[0], shareClass, society, on, now);
            db.Applications.Add(efApplication);
            await db.SaveChangesAsync(Cancel);
        }

        var bulk = new List<(Member Member, LedgerEntry Entry)>();
        ShareApplication bulkApplication;
        await using (var db = Host.NewContext())
        {
            await using var writer = await RegisterBulkWriter.OpenAsync(db, RegisterBulkMode.TransactionPerBatch, Cancel);
            var start = await writer.ReadKeysAsync(Cancel);
            Assert.Equal(kinds.Length + 1, start.NextMemberNumber);
            var keys = writer.KeyAssigner(start);
            var batch = new RegisterBatch(start);
            foreach (var details in kinds)
            {
                var member = Member.Admit(keys.TakeMemberNumber(), details, true, on, society, on, now);
                member.Cease(on.AddDays(40), CessationKind.Resignation, "Resigned in writing.", now.AddDays(40));
                var memberId = keys.AssignKey(member);
                var entry = LedgerEntry.Movement(LedgerEntryKind.Withdrawal, memberId, shareClass.Id, on, -3, -300, "Ceased 2025-04-21", "Repaid in full.", now, "coopreg demo-data (seed 1)");
                keys.AssignKey(entry);
                batch.Members.Add(member);
                batch.LedgerEntries.Add(entry);
                bulk.Add((member, entry));
            }

            bulkApplication = Application("SH-BULK01", kinds[0], shareClass, society, on, now);
            keys.AssignKeys(bulkApplication);
            batch.Applications.Add(bulkApplication);
            batch.End = keys.Next;
            await writer.WriteAsync(batch, Cancel);
        }

        await using var read = Host.NewContext();
        for (var i = 0; i < kinds.Length; i++)
        {
            await SameAsync(read, "Members", "Id", ef[i].Member.Id, bulk[i].Member.Id, "Id", "MemberNumber");
            await SameAsync(read, "LedgerEntries", "Id", ef[i].Entry.Id, bulk[i].Entry.Id, "Id", "MemberId");
        }

        await SameAsync(read, "Applications", "Id", efApplication.Id, bulkApplication.Id, "Id", "Reference", "StatusTokenHash");
        for (var i = 0; i < efApplication.Payments.Count; i++)
        {
            await SameAsync(read, "ApplicationPayments", "Id", efApplication.Payments[i].Id, bulkApplication.Payments[i].Id, "Id", "ApplicationId");
        }

        for (var i = 0; i < efApplication.Events.Count; i++)
        {
            await SameAsync(read, "ApplicationEvents", "Id", efApplication.Events[i].Id, bulkApplication.Events[i].Id, "Id", "ApplicationId");
        }
    }

    [Fact]
    public async Task Generated_members_and_applications_pass_the_domain_rules()
    {
        await Host.SetUpSocietyAsync();
        await Service.GenerateAsync(Operator, Request(800, seed: 21), cancellationToken: Cancel);

        await using var db = Host.NewContext();
        var society = (await db.Societies.SingleAsync(Cancel)).Details;
        var sample = await db.Members.AsNoTracking().Where(m => m.Id % 3 == 0).OrderBy(m => m.Id).ToListAsync(Cancel);
        Assert.NotEmpty(sample);
        foreach (var m in sample)
        {
            var d = m.Details;
            Assert.Empty(d.Validate(society, Today, admission: false));
            Assert.Empty(d.Validate(society, m.DateEntered, admission: true));
            Assert.Equal(SearchKeys.Name(d.Name), m.NameKey);
            Assert.Equal(d.Kind.IsOrganisation() ? "" : SearchKeys.LastWord(m.NameKey), m.SurnameKey);
            Assert.Equal(SearchKeys.Postcode(d.Postcode), m.PostcodeKey);
            Assert.Equal(SearchKeys.Email(d.Email), m.EmailKey);
            var normalised = d.Normalised();
            Assert.Equal(normalised with { JointHolders = [] }, d with { JointHolders = [] });
            Assert.Equal(normalised.JointHolders, d.JointHolders);
            Assert.True(m.DateEntered <= Today && m.DateEntered >= Today.AddYears(-30));
            if (d.Kind is MemberKind.Individual or MemberKind.Joint)
            {
                Assert.True(PersonDetails.AgeOn(d.DateOfBirth!.Value, m.DateEntered) >= 16, $"Member {m.MemberNumber} was under 16 on entry.");
            }

            if (m.DateCeased is { } ceased)
            {
                Assert.True(ceased > m.DateEntered && ceased <= Today);
                Assert.False(string.IsNullOrWhiteSpace(m.CeasedReason));
            }
        }

        var applications = await db.Applications.AsNoTracking().Include(a => a.Payments).Include(a => a.Events).ToListAsync(Cancel);
        Assert.NotEmpty(applications);
        foreach (var a in applications)
        {
            Assert.Contains(a.Status, new[] { ApplicationStatus.Submitted, ApplicationStatus.PartPaid, ApplicationStatus.Paid });
            Assert.Equal(a.Payments.Sum(p => p.AmountPence), a.PaidPence);
            Assert.Equal(1 + a.Payments.Count, a.Events.Count);
            Assert.Equal(a.Payments.Count == 0, a.Status == ApplicationStatus.Submitted);
            Assert.Equal(a.SharesRequested * a.NominalValuePence, a.AmountPence);
            Assert.True(a.PaidPence <= a.AmountPence);
            Assert.Equal(0, a.AllottedShares);
            if (a.MemberId is { } memberId)
            {
                var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == memberId, Cancel);
                Assert.Null(member.DateCeased);
                Assert.Equal(MatchDecision.TopUpExisting, a.MatchDecision);
            }
            else
            {
                Assert.Empty(a.Applicant.Validate(society, DateOnly.FromDateTime(a.SubmittedAt)));
            }
        }
    }

    [Fact]
    public async Task Without_a_society_it_refuses_and_says_how_to_set_one_up_or_creates_a_sample_when_asked()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => Service.GenerateAsync(Operator, Request(10), cancellationToken: Cancel));
        Assert.Contains("first-run setup", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--create-society", ex.Message, StringComparison.Ordinal);

        var result = await Service.GenerateAsync(Operator, Request(10) with { CreateSociety = true }, cancellationToken: Cancel);
        Assert.True(result.SocietyCreated);
        Assert.True(result.ShareClassCreated);
        await using var db = Host.NewContext();
        Assert.Equal(DemoDataService.SampleSociety.RegisteredName, (await db.Societies.SingleAsync(Cancel)).Details.RegisteredName);
        Assert.Equal(10, await db.Members.CountAsync(Cancel));
        Assert.Contains(await db.AuditEvents.Select(e => e.Action).ToListAsync(Cancel), a => a == "society.created");
    }

    [Fact]
    public async Task A_register_with_members_is_refused_unless_appending_and_appending_numbers_on_batch_by_batch()
    {
        await Host.SetUpSocietyAsync();
        await Service.GenerateAsync(Operator, Request(120, seed: 2), cancellationToken: Cancel);
        DateOnly lastEntered;
        await using (var db = Host.NewContext())
        {
            lastEntered = await db.Members.MaxAsync(m => m.DateEntered, Cancel);
        }

        var ex = await Assert.ThrowsAsync<DomainException>(() => Service.GenerateAsync(Operator, Request(50, seed: 3), cancellationToken: Cancel));
        Assert.Contains("--append", ex.Message, StringComparison.Ordinal);

        var appended = await Service.GenerateAsync(Operator, Request(100, seed: 3, batchSize: 30) with { Append = true }, cancellationToken: Cancel);
        Assert.False(appended.SingleTransaction);
        Assert.Equal(4, appended.Batches);
        Assert.Equal(121, appended.FirstMemberNumber);
        Assert.Equal(220, appended.LastMemberNumber);

        await using var read = Host.NewContext();
        var members = await read.Members.AsNoTracking().OrderBy(m => m.MemberNumber).ToListAsync(Cancel);
        Assert.Equal(Enumerable.Range(1, 220).Select(i => (long)i), members.Select(m => m.MemberNumber));
        Assert.All(members.Skip(120), m => Assert.True(m.DateEntered >= lastEntered, "Appended members are entered after the register's last."));
        Assert.Equal(221, (await read.NumberCounters.SingleAsync(c => c.Name == NumberCounter.MemberNumbers, Cancel)).Next);
        Assert.Equal(4 + 1, await read.AuditEvents.CountAsync(e => e.Action == "register.demo-data", Cancel));
    }

    [Fact]
    public async Task Cancelling_a_run_into_an_empty_register_leaves_it_as_it_was_indexes_and_all()
    {
        await Host.SetUpSocietyAsync();
        var schemaBefore = await SchemaAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var progress = new Inline(p =>
        {
            if (p.Batches == 2)
            {
                cancel.Cancel();
            }
        });

        var result = await Service.GenerateAsync(Operator, Request(500, batchSize: 100), progress, cancel.Token);

        Assert.True(result.Cancelled);
        Assert.True(result.SingleTransaction);
        Assert.Equal(0, result.Members);
        await using var db = Host.NewContext();
        Assert.Equal(0, await db.Members.CountAsync(Cancel));
        Assert.Equal(0, await db.LedgerEntries.CountAsync(Cancel));
        Assert.Equal(1, (await db.NumberCounters.SingleAsync(c => c.Name == NumberCounter.MemberNumbers, Cancel)).Next);
        Assert.Equal(schemaBefore, await SchemaAsync());
    }

    [Fact]
    public async Task Cancelling_an_appending_run_keeps_the_whole_batches_written_before_it()
    {
        await Host.SetUpSocietyAsync();
        await Service.GenerateAsync(Operator, Request(50), cancellationToken: Cancel);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var progress = new Inline(p =>
        {
            if (p.Batches == 2)
            {
                cancel.Cancel();
            }
        });

        var result = await Service.GenerateAsync(Operator, Request(400, seed: 9, batchSize: 40) with { Append = true }, progress, cancel.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(80, result.Members);
        await using var db = Host.NewContext();
        Assert.Equal(130, await db.Members.CountAsync(Cancel));
        Assert.Equal(131, (await db.NumberCounters.SingleAsync(c => c.Name == NumberCounter.MemberNumbers, Cancel)).Next);
        Assert.Equal(130, await db.Holdings.CountAsync(Cancel));
        Assert.Equal(await db.Holdings.SumAsync(h => h.Shares, Cancel), await db.LedgerEntries.SumAsync(e => e.Shares, Cancel));
    }

    [Fact]
    public async Task A_batch_numbered_before_another_writer_added_a_member_is_refused_whole()
    {
        await Host.SetUpSocietyAsync();
        var (society, shareClass) = await OrdinaryClassAsync();
        await using var db = Host.NewContext();
        await using var writer = await RegisterBulkWriter.OpenAsync(db, RegisterBulkMode.TransactionPerBatch, Cancel);
        var start = await writer.ReadKeysAsync(Cancel);
        var batch = new DemoRegisterGenerator(new DemoRegisterOptions { Members = 20, Today = Today }, society, shareClass, writer.KeyAssigner(start)).Generate(20).Single();

        await using (var other = Host.NewContext())
        {
            var number = await NumberAllocator.TakeAsync(other, NumberCounter.MemberNumbers, 1, Cancel);
            other.Members.Add(Member.Admit(number, Person("Meanwhile Evans"), false, Today, society, Today, Host.Clock.GetUtcNow().UtcDateTime));
            await other.SaveChangesAsync(Cancel);
        }

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync(batch, Cancel));
        Assert.Contains("register changed", ex.Message, StringComparison.Ordinal);
        await using var read = Host.NewContext();
        Assert.Equal(1, await read.Members.CountAsync(Cancel));
        Assert.Equal(0, await read.LedgerEntries.CountAsync(Cancel));
    }

    [Fact]
    public async Task Only_staff_who_may_change_the_register_may_fill_it()
    {
        await Host.SetUpSocietyAsync();
        var auditor = await Host.CreateLoginAsync("auditor@example.org", RegisterTestHost.As.Auditor);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GenerateAsync(auditor, Request(5), cancellationToken: Cancel));

        var registrar = await Host.CreateLoginAsync("registrar@example.org", RegisterTestHost.As.Registrar);
        var result = await Service.GenerateAsync(registrar, Request(5), cancellationToken: Cancel);
        Assert.Equal(5, result.Members);
        await using var db = Host.NewContext();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "register.demo-data", Cancel);
        Assert.Equal(registrar.UserId, audit.ActorUserId);
        Assert.Contains("seed 1", audit.Summary, StringComparison.Ordinal);
    }

    private static DemoDataRequest Request(int members, int seed = 1, int batchSize = DemoDataRequest.DefaultBatchSize) =>
        new() { Members = members, Seed = seed, Today = Today, BatchSize = batchSize };

    private static PersonDetails Person(string name) => new()
    {
        Kind = MemberKind.Individual,
        Name = name,
        Address = "12 Co-operative Street\nManchester",
        Postcode = "M4 5BZ",
        Email = "someone@example.org",
        DateOfBirth = new DateOnly(1970, 5, 1),
    };

    private static ShareApplication Application(string reference, PersonDetails details, ShareClass shareClass, SocietyDetails society, DateOnly on, DateTime now)
    {
        var application = ShareApplication.Submit(reference, new string('b', 64), details, true, shareClass, 40, PaymentMethod.Cheque, null, true, null, 0, society, on, now, "you");
        application.RecordPayment(2_000, on, PaymentMethod.Cheque, "Cheque 100200", on, now.AddHours(1), "coopreg demo-data (seed 1)");
        return application;
    }

    private async Task<(SocietyDetails Society, ShareClass ShareClass)> OrdinaryClassAsync()
    {
        await using var db = Host.NewContext();
        var society = (await db.Societies.SingleAsync(Cancel)).Details;
        var shareClass = await db.ShareClasses.SingleAsync(c => c.Code == ShareClass.OrdinaryCode, Cancel);
        return (society, shareClass);
    }

    private async Task SameAsync(RegisterDbContext db, string table, string keyColumn, long efKey, long bulkKey, params string[] differing)
    {
        var ef = await RegisterRows.RawAsync(db, table, keyColumn, efKey, Cancel);
        var bulk = await RegisterRows.RawAsync(db, table, keyColumn, bulkKey, Cancel);
        Assert.Equal(ef.Keys.Order(StringComparer.Ordinal), bulk.Keys.Order(StringComparer.Ordinal));
        foreach (var (column, value) in ef)
        {
            if (differing.Contains(column, StringComparer.Ordinal))
            {
                continue;
            }

            var other = bulk[column];
            Assert.True(Equals(value, other), $"{table}.{column}: EF stored {Describe(value)}, the bulk writer {Describe(other)}.");
        }

        static string Describe(object? v) => v is null ? "NULL" : $"{v.GetType().Name} '{Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)}'";
    }

    /// <summary>The register's indexes and (PostgreSQL) foreign keys, by name and definition.</summary>
    private async Task<List<string>> SchemaAsync()
    {
        await using var db = Host.NewContext();
        var sql = Provider == DatabaseProvider.Sqlite
            ? "SELECT name || ' ' || COALESCE(sql, '') AS \"Value\" FROM sqlite_master WHERE type = 'index'"
            : "SELECT indexname || ' ' || indexdef AS \"Value\" FROM pg_indexes WHERE schemaname = current_schema() " +
              "UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace";
        return (await db.Database.SqlQueryRaw<string>(sql).ToListAsync(Cancel)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Reports on the caller's thread, at once (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Inline(Action<DemoDataProgress> report) : IProgress<DemoDataProgress>
    {
        public void Report(DemoDataProgress value) => report(value);
    }
}

public sealed class DemoDataTestsOnSqlite() : DemoDataTests(DatabaseProvider.Sqlite);

public sealed class DemoDataTestsOnPostgres() : DemoDataTests(DatabaseProvider.Postgres);
