using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Features.Access;
using CoopRegister.Features.Exports;
using CoopRegister.Features.Officers;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Tests.Infrastructure;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Officers;

public abstract class OfficerServiceTests(DatabaseProvider provider) : RegisterTest(provider)
{
    private OfficerService Officers => Host.Get<OfficerService>();

    private DateOnly Today => DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<Actor> RegistrarAsync()
    {
        await Host.SetUpSocietyAsync();
        return await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
    }

    private async Task<long> AdmitAsync(Actor registrar, ApplicationForm form)
    {
        var applications = Host.Get<ApplicationService>();
        var s = await applications.SubmitAsync(form, Site, Cancel);
        await applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
        return (await applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel)).Lines.Single().MemberNumber;
    }

    private OfficerForm Person(string name, string office, DateOnly? born = null, DateOnly? appointed = null) => new()
    {
        Name = name,
        Address = "52 Beachy Road\nLondon E3 2NS",
        Office = office,
        DateOfBirth = born ?? new DateOnly(1975, 6, 1),
        AppointedOn = appointed ?? Today,
    };

    private async Task<List<string[]>> ExportAsync(Actor actor, DateOnly? asAt = null)
    {
        using var stream = new MemoryStream();
        await Host.Get<ExportService>().WriteAsync(actor, new ExportRequest(ExportKind.Officers, asAt), stream, Cancel);
        var bytes = stream.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        using var reader = CsvReader.Create(new MemoryStream(bytes), CsvReaderOptions.Default with { HasHeader = false });
        var rows = new List<string[]>();
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }

    [Fact]
    public async Task A_member_appointed_as_an_officer_takes_name_and_address_from_the_register_and_is_listed_as_serving()
    {
        var registrar = await RegistrarAsync();
        var number = await AdmitAsync(registrar, Individual("Rosa Kerr", "rosa@example.org"));

        var id = await Officers.AppointAsync(registrar, new OfficerForm { MemberNumber = number, Office = "Secretary", AppointedOn = Today }, Cancel);

        var row = Assert.Single(await Officers.ListAsync(registrar, Cancel));
        Assert.Equal((id, "Rosa Kerr", "Secretary", number), (row.Id, row.Name, row.Office, row.MemberNumber!.Value));
        Assert.Equal("12 Beachy Road\nLondon\nE3 2NS", row.Address);
        Assert.Null(row.CeasedOn);
        var serving = Assert.Single(await Officers.ServingAsync(registrar, Cancel));
        Assert.Equal(new ServingOfficer("Rosa Kerr", "Secretary", Today), serving);
        await using var db = Host.NewContext();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "officer.appointed", Cancel));

        var twice = await Assert.ThrowsAsync<DomainException>(() => Officers.AppointAsync(registrar, new OfficerForm { MemberNumber = number, Office = "Secretary", AppointedOn = Today }, Cancel));
        Assert.Contains("already serves as Secretary", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ceased_officer_stays_in_the_register_end_dated_and_no_longer_serves()
    {
        var registrar = await RegistrarAsync();
        var id = await Officers.AppointAsync(registrar, Person("Tom Mann", "Treasurer", appointed: Today.AddDays(-30)), Cancel);
        var version = (await Officers.ListAsync(registrar, Cancel)).Single().Version;

        await Officers.CeaseAsync(registrar, id, Today.AddDays(-1), "Resigned", version, Cancel);

        var row = Assert.Single(await Officers.ListAsync(registrar, Cancel));
        Assert.Equal(Today.AddDays(-1), row.CeasedOn);
        Assert.Equal("Resigned", row.CeasedReason);
        Assert.Empty(await Officers.ServingAsync(registrar, Cancel));
        var stale = await Assert.ThrowsAsync<DomainException>(() => Officers.CeaseAsync(registrar, id, Today, "Again", row.Version, Cancel));
        Assert.Contains("already ceased", stale.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConflictException>(() => Officers.CeaseAsync(registrar, id, Today, "Again", version, Cancel));

        // The export as at a day before the cessation shows the appointment as still held then.
        var then = await ExportAsync(registrar, Today.AddDays(-2));
        Assert.Equal("", then[1][5]);
        var now = await ExportAsync(registrar);
        Assert.Equal(Iso(Today.AddDays(-1)), now[1][5]);
        Assert.Equal("Resigned", now[1][6]);
    }

    [Fact]
    public async Task A_person_under_16_cannot_be_appointed()
    {
        var registrar = await RegistrarAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => Officers.AppointAsync(registrar, Person("Young Pioneer", "Committee member", born: Today.AddYears(-15)), Cancel));

        var violation = Assert.Single(refused.Violations);
        Assert.Equal("DateOfBirth", violation.Field);
        Assert.Contains("No person under 16", violation.Message, StringComparison.Ordinal);
        var noBirthDate = Person("Unknown Age", "Committee member");
        noBirthDate.DateOfBirth = null;
        await Assert.ThrowsAsync<DomainException>(() => Officers.AppointAsync(registrar, noBirthDate, Cancel));
        Assert.Empty(await Officers.ListAsync(registrar, Cancel));
        await Officers.AppointAsync(registrar, Person("Just Sixteen", "Committee member", born: Today.AddYears(-16)), Cancel);
    }

    [Fact]
    public async Task The_officers_export_has_the_register_columns_and_neutralises_formulas()
    {
        var registrar = await RegistrarAsync();
        var number = await AdmitAsync(registrar, Individual("Rosa Kerr", "rosa@example.org"));
        await Officers.AppointAsync(registrar, new OfficerForm { MemberNumber = number, Office = "Secretary", AppointedOn = Today }, Cancel);
        await Officers.AppointAsync(registrar, Person("=HYPERLINK(\"http://x\",\"Click\")", "@Chair, \"acting\"", appointed: Today.AddDays(-1)), Cancel);

        var rows = await ExportAsync(registrar);

        Assert.Equal(["Name", "Office", "Address", "Member number", "Date appointed", "Date ceased", "Reason ceased"], rows[0]);
        Assert.Equal("'=HYPERLINK(\"http://x\",\"Click\")", rows[1][0]);
        Assert.Equal("'@Chair, \"acting\"", rows[1][1]);
        Assert.Equal("", rows[1][3]);
        Assert.Equal(["Rosa Kerr", "Secretary", "12 Beachy Road\nLondon\nE3 2NS", number.ToString(CultureInfo.InvariantCulture), Iso(Today), "", ""], rows[2]);
        Assert.Equal(2, (await ExportAsync(registrar, Today.AddDays(-1))).Count);
        Assert.Equal("officers", ExportService.Name(ExportKind.Officers));
        Assert.Equal(ExportKind.Officers, ExportService.Parse("officers"));
    }

    [Fact]
    public async Task Members_and_staff_see_who_serves_but_only_the_registrar_keeps_the_register_of_officers()
    {
        var registrar = await RegistrarAsync();
        await Officers.AppointAsync(registrar, Person("Tom Mann", "Treasurer"), Cancel);
        var member = await Host.CreateLoginAsync("m@example.org", Roles.Member);
        var teller = await Host.CreateLoginAsync("t@example.org", Roles.Teller);
        var auditor = await Host.CreateLoginAsync("a@example.org", Roles.Auditor);

        Assert.Single(await Officers.ServingAsync(member, Cancel));
        Assert.Single(await Officers.ServingAsync(teller, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Officers.ServingAsync(Actor.Anonymous, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Officers.ListAsync(member, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Officers.AppointAsync(member, Person("Self Appointed", "Chair"), Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Officers.AppointAsync(auditor, Person("Self Appointed", "Chair"), Cancel));
        var id = (await Officers.ListAsync(auditor, Cancel)).Single().Id;
        await Assert.ThrowsAsync<AccessDeniedException>(() => Officers.CeaseAsync(member, id, Today, "Ousted", 0, Cancel));
    }
}

public sealed class OfficerServiceTestsOnSqlite() : OfficerServiceTests(DatabaseProvider.Sqlite);

public sealed class OfficerServiceTestsOnPostgres() : OfficerServiceTests(DatabaseProvider.Postgres);
