using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Audit;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Demo;
using CoopRegister.Features.Imports;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Tests.Imports;
using CoopRegister.Features.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Audit;

/// <summary>
/// The audit trail's hash chain (quality.md, reliability): intact after real operations, concurrent writers and rollbacks,
/// through the bulk paths and after an upgrade; and an edit, a deletion, an insertion or a reordering made directly in the
/// database found at the event where it was made.
/// </summary>
public abstract class AuditChainTests(DatabaseProvider provider) : RegisterTest(provider)
{
    private AuditChainService Chain => Host.Get<AuditChainService>();

    private ApplicationService Applications => Host.Get<ApplicationService>();

    private DateOnly Today => DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime);

    private async Task<Actor> RegistrarAsync()
    {
        await Host.SetUpSocietyAsync();
        return await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
    }

    private async Task<long> AdmitAsync(Actor registrar, string name, string email)
    {
        var s = await Applications.SubmitAsync(Individual(name, email), Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
        return (await Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel)).Lines.Single().MemberId;
    }

    private async Task<(Actor Registrar, List<AuditEvent> Events)> RegisterWithHistoryAsync()
    {
        var registrar = await RegistrarAsync();
        await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org");
        await AdmitAsync(registrar, "Łukasz Żółkiewski", "lukasz@example.org");
        await AdmitAsync(registrar, "Ngozi Ọkọnkwọ", "ngozi@example.org");
        await using var db = Host.NewContext();
        return (registrar, await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(Cancel));
    }

    private async Task SqlAsync(FormattableString sql)
    {
        await using var db = Host.NewContext();
        await db.Database.ExecuteSqlAsync(sql, Cancel);
    }

    [Fact]
    public async Task Real_operations_leave_every_event_linked_in_order_and_the_chain_intact()
    {
        var (registrar, events) = await RegisterWithHistoryAsync();

        Assert.True(events.Count >= 12, $"{events.Count} events");
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long?)i), events.Select(e => e.Sequence));
        Assert.Equal(AuditChainHash.Genesis, events[0].PreviousHash);
        for (var i = 1; i < events.Count; i++)
        {
            Assert.Equal(events[i - 1].Hash, events[i].PreviousHash);
        }

        var report = await Chain.CheckAsync(registrar, Cancel);
        Assert.True(report.Intact, report.Break?.Explanation);
        Assert.Equal(events.Count, report.Events);
        Assert.Equal(events[^1].Hash, report.LastHash);
        await using var db = Host.NewContext();
        var head = await db.AuditChainHeads.SingleAsync(Cancel);
        Assert.Equal((events.Count, events[^1].Hash), (head.Sequence, head.Hash));
    }

    [Fact]
    public async Task The_hash_is_the_documented_recipe_so_an_auditor_can_recompute_it()
    {
        var (_, events) = await RegisterWithHistoryAsync();
        var e = events[2];

        // The README's recipe, written out by hand: netstrings of the fields, then SHA-256 as lower-case hex.
        static string Net(string? s) => s is null ? "-," : $"{System.Text.Encoding.UTF8.GetByteCount(s)}:{s},";
        var text = string.Concat(
            Net("coopreg-audit-chain-v1"), Net(e.PreviousHash), Net(e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Net(e.Sequence!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Net(e.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)),
            Net(e.ActorUserId), Net(e.ActorName), Net(e.Action), Net(e.SubjectType), Net(e.SubjectId),
            Net(e.MemberId?.ToString(System.Globalization.CultureInfo.InvariantCulture)), Net(e.Summary), Net(e.Before), Net(e.After));
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Equal(e.Hash, hash);
    }

    [Fact]
    public async Task An_update_of_one_events_summary_is_found_at_that_event()
    {
        var (registrar, events) = await RegisterWithHistoryAsync();
        var victim = events[5];
        await SqlAsync($"""UPDATE "AuditEvents" SET "Summary" = 'Nothing to see here.' WHERE "Id" = {victim.Id}""");

        var report = await Chain.CheckAsync(registrar, Cancel);
        Assert.False(report.Intact);
        Assert.Equal(AuditChainFault.Edited, report.Break!.Fault);
        Assert.Equal(victim.Id, report.Break.EventId);
        Assert.Equal(victim.Action, report.Break.Action);
        Assert.Equal(victim.OccurredAt, report.Break.OccurredAt);
        Assert.Equal(5, report.Events);
    }

    [Fact]
    public async Task A_deleted_event_is_found_where_it_was_and_so_is_a_deleted_last_event()
    {
        var (registrar, events) = await RegisterWithHistoryAsync();
        await SqlAsync($"""DELETE FROM "AuditEvents" WHERE "Id" = {events[3].Id}""");

        var report = await Chain.CheckAsync(registrar, Cancel);
        Assert.Equal(AuditChainFault.Missing, report.Break!.Fault);
        Assert.Equal(events[4].Id, report.Break.EventId);
        Assert.Equal(5, report.Break.Sequence);
        Assert.Contains("event number 4 is missing", report.Break.Explanation, StringComparison.Ordinal);

        await using var other = await Testing.RegisterTestHost.CreateAsync(Provider);
        await other.SetUpSocietyAsync();
        long last, count;
        await using (var db = other.NewContext())
        {
            count = await db.AuditEvents.CountAsync(Cancel);
            last = await db.AuditEvents.MaxAsync(e => e.Id, Cancel);
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "AuditEvents" WHERE "Id" = {last}""", Cancel);
        }

        var tail = await other.Get<AuditChainService>().CheckAsync(Actor.CommandLine("tester"), Cancel);
        Assert.Equal(AuditChainFault.Missing, tail.Break!.Fault);
        Assert.Contains($"should end at event number {count}", tail.Break.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_event_inserted_directly_is_found_whether_unlinked_or_linked_by_hand()
    {
        var (registrar, events) = await RegisterWithHistoryAsync();
        var when = new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);
        await SqlAsync($"""
            INSERT INTO "AuditEvents" ("OccurredAt", "ActorName", "Action", "SubjectType", "SubjectId", "Summary")
            VALUES ({when}, 'registrar@example.org', 'member.ceased', 'Member', '1', 'Ceased at their request.')
            """);

        var report = await Chain.CheckAsync(registrar, Cancel);
        Assert.Equal(AuditChainFault.Inserted, report.Break!.Fault);
        Assert.Equal("member.ceased", report.Break.Action);
        Assert.Contains("not in the chain at all", report.Break.Explanation, StringComparison.Ordinal);
        Assert.Equal(events.Count, report.Events);

        // A forger who knows the recipe links the event after the last one, but cannot move the chain's recorded end
        // without also being caught by an auditor who noted the last hash.
        await using (var db = Host.NewContext())
        {
            var forged = await db.AuditEvents.Where(e => e.Sequence == null).SingleAsync(Cancel);
            var sequence = events.Count + 1;
            var hash = new AuditChainHash().Compute(events[^1].Hash!, AuditChainEntry.Of(forged, sequence));
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "Sequence" = {sequence}, "PreviousHash" = {events[^1].Hash}, "Hash" = {hash} WHERE "Id" = {forged.Id}""", Cancel);
        }

        var linked = await Chain.CheckAsync(registrar, Cancel);
        Assert.Equal(AuditChainFault.Inserted, linked.Break!.Fault);
        Assert.Contains("beyond the chain's recorded end", linked.Break.Explanation, StringComparison.Ordinal);
        Assert.Equal(events[^1].Hash, linked.LastHash);
    }

    [Fact]
    public async Task Two_events_swapped_in_the_chain_are_reported_as_reordered()
    {
        var (registrar, events) = await RegisterWithHistoryAsync();
        await SqlAsync($"""UPDATE "AuditEvents" SET "Sequence" = -1 WHERE "Id" = {events[6].Id}""");
        await SqlAsync($"""UPDATE "AuditEvents" SET "Sequence" = 7 WHERE "Id" = {events[7].Id}""");
        await SqlAsync($"""UPDATE "AuditEvents" SET "Sequence" = 8 WHERE "Id" = {events[6].Id}""");

        var report = await Chain.CheckAsync(registrar, Cancel);
        Assert.Equal(AuditChainFault.Reordered, report.Break!.Fault);
        Assert.Equal(events[7].Id, report.Break.EventId);
        Assert.Contains("linked at place 8 and now stands at place 7", report.Break.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_writers_never_chain_from_the_same_predecessor()
    {
        var registrar = await RegistrarAsync();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                var applications = Host.Get<ApplicationService>();
                var s = await applications.SubmitAsync(Individual($"Writer {w} applicant {i}", $"w{w}-{i}@example.org"), Site, Cancel);
                await applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
            }
        }, Cancel)));

        var report = await Chain.CheckAsync(registrar, Cancel);
        Assert.True(report.Intact, report.Break?.Explanation);
        await using var db = Host.NewContext();
        Assert.Equal(await db.AuditEvents.CountAsync(Cancel), report.Events);
        Assert.Equal(60, await db.AuditEvents.CountAsync(e => e.Action == "application.submitted" || e.Action == "application.payment-recorded", Cancel));
        Assert.Equal(report.Events, await db.AuditEvents.Select(e => e.PreviousHash).Distinct().CountAsync(Cancel));
    }

    [Fact]
    public async Task Events_rolled_back_leave_no_gap_and_a_failed_operation_leaves_the_chain_intact()
    {
        var registrar = await RegistrarAsync();
        await using (var db = Host.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            AuditTrail.Add(db, registrar, Host.Clock.GetUtcNow().UtcDateTime, "society.updated", "Society", "1", "Written, then rolled back.");
            await db.SaveChangesAsync(Cancel);
            await transaction.RollbackAsync(Cancel);
        }

        await using (var db = Host.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            AuditTrail.Add(db, registrar, Host.Clock.GetUtcNow().UtcDateTime, "society.updated", "Society", "1", "Written, then abandoned.");
            await db.SaveChangesAsync(Cancel);
        }

        // A refused operation (the payment is for an application that does not exist) writes nothing.
        await Assert.ThrowsAnyAsync<Exception>(() => Applications.RecordPaymentAsync(registrar, 999_999, 100, Today, PaymentMethod.BankTransfer, null, Cancel));
        await AdmitAsync(registrar, "Zoë Ó Briain", "zoe@example.org");

        var report = await Chain.CheckAsync(registrar, Cancel);
        Assert.True(report.Intact, report.Break?.Explanation);
        await using var check = Host.NewContext();
        Assert.Equal(0, await check.AuditEvents.CountAsync(e => e.Summary.StartsWith("Written, then"), Cancel));
        Assert.Equal(await check.AuditEvents.CountAsync(Cancel), report.Events);
    }

    [Fact]
    public async Task Demo_data_and_an_import_write_linked_events_through_the_bulk_writer()
    {
        var registrar = await RegistrarAsync();
        await ActivatorUtilities.CreateInstance<DemoDataService>(Host.Services).GenerateAsync(
            Actor.CommandLine("tester"), new DemoDataRequest { Members = 300, Seed = 4, Today = new DateOnly(2026, 11, 26), BatchSize = 100, Append = true }, cancellationToken: Cancel);
        await AdmitAsync(registrar, "After the demo", "after@example.org");
        var afterDemo = await Chain.CheckAsync(registrar, Cancel);
        Assert.True(afterDemo.Intact, afterDemo.Break?.Explanation);
        await using (var db = Host.NewContext())
        {
            Assert.Equal(3, await db.AuditEvents.CountAsync(e => e.Action == "register.demo-data", Cancel));
        }

        await using var target = await Testing.RegisterTestHost.CreateAsync(Provider);
        await target.SetUpSocietyAsync();
        var importer = await target.CreateLoginAsync("importer@example.org", Roles.Registrar);
        using var files = new ImportFiles();
        var path = files.Register("register.csv", ImportFiles.Row(1), ImportFiles.Row(2, "Łukasz Żółkiewski", email: "lukasz@example.org"));
        await target.Get<RegisterImportService>().ImportAsync(importer, new RegisterImportRequest { Register = new ImportUpload(path, "register.csv") }, cancellationToken: Cancel);
        var imported = await target.Get<AuditChainService>().CheckAsync(importer, Cancel);
        Assert.True(imported.Intact, imported.Break?.Explanation);
        await using var check = target.NewContext();
        Assert.Equal(1, await check.AuditEvents.CountAsync(e => e.Action == "register.imported" && e.Sequence != null, Cancel));
        Assert.Equal(await check.AuditEvents.CountAsync(Cancel), imported.Events);
    }

    [Fact]
    public async Task A_register_kept_before_the_chain_is_chained_once_at_migrate_in_id_order()
    {
        var (registrar, events) = await RegisterWithHistoryAsync();
        await SqlAsync($"""UPDATE "AuditEvents" SET "Sequence" = NULL, "PreviousHash" = NULL, "Hash" = NULL""");
        await SqlAsync($"""UPDATE "AuditChainHead" SET "Sequence" = 0, "Hash" = {AuditChainHash.Genesis}""");
        Assert.False((await Chain.CheckAsync(registrar, Cancel)).Intact);

        await using (var db = Host.NewContext())
        {
            await RegisterDatabase.MigrateAsync(db, Cancel);
        }

        var report = await Chain.CheckAsync(registrar, Cancel);
        Assert.True(report.Intact, report.Break?.Explanation);
        Assert.Equal(events.Count, report.Events);
        await using (var db = Host.NewContext())
        {
            Assert.Equal(events.Select(e => e.Id), await db.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Id).ToListAsync(Cancel));
        }

        // Once chained, a later start never links an event slipped into the table: the check reports it instead.
        var when = new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);
        await SqlAsync($"""
            INSERT INTO "AuditEvents" ("OccurredAt", "ActorName", "Action", "SubjectType", "SubjectId", "Summary")
            VALUES ({when}, 'x', 'member.ceased', 'Member', '1', 'Forged.')
            """);
        await using (var db = Host.NewContext())
        {
            await RegisterDatabase.MigrateAsync(db, Cancel);
        }

        Assert.Equal(AuditChainFault.Inserted, (await Chain.CheckAsync(registrar, Cancel)).Break!.Fault);
    }

    [Fact]
    public async Task Auditors_may_run_the_check_and_members_and_tellers_may_not()
    {
        await RegisterWithHistoryAsync();
        var auditor = await Host.CreateLoginAsync("auditor@example.org", Roles.Auditor);
        var teller = await Host.CreateLoginAsync("teller@example.org", Roles.Teller);
        var member = await Host.CreateLoginAsync("member@example.org", Roles.Member);
        long before;
        await using (var db = Host.NewContext())
        {
            before = await db.AuditEvents.CountAsync(Cancel);
        }

        var report = await Chain.CheckAsync(auditor, Cancel);
        Assert.True(report.Intact, report.Break?.Explanation);
        Assert.Equal(before, report.Events);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Chain.CheckAsync(teller, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Chain.CheckAsync(member, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Chain.CheckAsync(Actor.Anonymous, Cancel));

        // The check writes nothing: the trail and its recorded end are as they were.
        await using var after = Host.NewContext();
        Assert.Equal(before, await after.AuditEvents.CountAsync(Cancel));
        Assert.Equal(report.LastHash, (await after.AuditChainHeads.SingleAsync(Cancel)).Hash);
    }
}

public sealed class AuditChainTestsOnSqlite() : AuditChainTests(DatabaseProvider.Sqlite);

public sealed class AuditChainTestsOnPostgres() : AuditChainTests(DatabaseProvider.Postgres);
