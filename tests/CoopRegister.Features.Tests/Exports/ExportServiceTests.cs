using System.Text;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Access;
using CoopRegister.Features.Exports;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Tests.Infrastructure;
using CsvHelper;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Exports;

public abstract class ExportServiceTests(DatabaseProvider provider) : RegisterTest(provider)
{
    private ApplicationService Applications => Host.Get<ApplicationService>();

    private ExportService Exports => Host.Get<ExportService>();

    private DateOnly Today => DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime);

    private async Task<Actor> RegistrarAsync()
    {
        await Host.SetUpSocietyAsync();
        return await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
    }

    private async Task<long> AdmitAsync(Actor registrar, ApplicationForm form)
    {
        var s = await Applications.SubmitAsync(form, Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
        return (await Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel)).Lines.Single().MemberId;
    }

    private async Task<(byte[] Bytes, List<string[]> Rows)> ExportAsync(Actor actor, ExportRequest request)
    {
        using var stream = new MemoryStream();
        var count = await Exports.WriteAsync(actor, request, stream, Cancel);
        var bytes = stream.ToArray();
        var rows = new List<string[]>();
        using var reader = CsvReader.Create(new MemoryStream(bytes), CsvReaderOptions.Default with { HasHeader = false });
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        Assert.Equal(count, rows.Count - 1);
        return (bytes, rows);
    }

    [Fact]
    public async Task The_register_export_is_UTF8_with_a_BOM_and_holds_the_statutory_columns_with_pounds_as_numbers()
    {
        var registrar = await RegistrarAsync();
        await AdmitAsync(registrar, Individual("Zoë Ó Briain", shares: 1250));

        var (bytes, rows) = await ExportAsync(registrar, new ExportRequest(ExportKind.Register));

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Contains("\r\n", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(["Member number", "Name", "Kind", "Acting for", "Representative", "Joint holders", "Address", "Postcode", "Country", "E-mail for notices",
            "Notices by e-mail", "Share class", "Shares held", "Amount paid (£)", "Date entered", "Date ceased"], rows[0]);
        var row = rows[1];
        Assert.Equal("1", row[0]);
        Assert.Equal("Zoë Ó Briain", row[1]);
        Assert.Equal("12 Beachy Road\nLondon", row[6]);
        Assert.Equal("1250", row[12]);
        Assert.Equal("1250.00", row[13]);
        Assert.Equal(Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row[14]);
        Assert.Equal("", row[15]);
    }

    [Fact]
    public async Task The_register_as_at_an_earlier_date_comes_from_the_ledger_as_it_stood_then()
    {
        var registrar = await RegistrarAsync();
        var early = await AdmitAsync(registrar, Individual("Early Bird", "early@example.org", shares: 10));
        var day1 = Today;
        Host.Clock.Advance(TimeSpan.FromDays(10));
        var topUp = await Applications.SubmitAsync(Individual("Early Bird", "early@example.org", shares: 5), Site, Cancel);
        await Applications.DecideMatchAsync(registrar, topUp.Id, MatchDecision.TopUpExisting, early, Cancel);
        await Applications.RecordPaymentAsync(registrar, topUp.Id, 5_00, Today, PaymentMethod.BankTransfer, null, Cancel);
        await Applications.AllotAsync(registrar, [topUp.Id], Today, Site, Cancel);
        await AdmitAsync(registrar, Individual("Late Comer", "late@example.org"));

        var then = (await ExportAsync(registrar, new ExportRequest(ExportKind.Register, AsAt: day1))).Rows;
        var now = (await ExportAsync(registrar, new ExportRequest(ExportKind.Register))).Rows;

        Assert.Equal(2, then.Count);
        Assert.Equal("10", then[1][12]);
        Assert.Equal(3, now.Count);
        Assert.Equal("15", now[1][12]);
    }

    [Fact]
    public async Task The_duplicate_register_has_no_holdings_and_no_email_addresses()
    {
        var registrar = await RegistrarAsync();
        await AdmitAsync(registrar, Individual());

        var (bytes, rows) = await ExportAsync(registrar, new ExportRequest(ExportKind.DuplicateRegister));

        Assert.DoesNotContain(rows[0], h => h.Contains("Share", StringComparison.Ordinal) || h.Contains("mail", StringComparison.Ordinal) || h.Contains('£'));
        Assert.DoesNotContain("zoe@example.org", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Formulas_are_neutralised_and_commas_quotes_and_new_lines_survive_a_round_trip()
    {
        var registrar = await RegistrarAsync();
        await AdmitAsync(registrar, Individual("=HYPERLINK(\"http://x\",\"Click\")", "formula@example.org"));
        var tricky = Individual("O'Neill, \"Ned\"", "ned@example.org");
        tricky.Address = "Flat 2, \"The Old Mill\"\n+44 Street";
        await AdmitAsync(registrar, tricky);

        var (bytes, rows) = await ExportAsync(registrar, new ExportRequest(ExportKind.Register));

        Assert.Equal("'=HYPERLINK(\"http://x\",\"Click\")", rows[1][1]);
        Assert.Equal("O'Neill, \"Ned\"", rows[2][1]);
        Assert.Equal("Flat 2, \"The Old Mill\"\n+44 Street", rows[2][6]);
        Assert.DoesNotContain(",=HYPERLINK", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_notice_list_sends_by_email_only_to_those_who_gave_an_address_for_notices_and_includes_joint_holders()
    {
        var registrar = await RegistrarAsync();
        await AdmitAsync(registrar, Individual("By Email", "email@example.org"));
        var post = Individual("By Post", "post@example.org");
        post.NoticesByEmail = false;
        await AdmitAsync(registrar, post);
        var joint = Individual("First Holder", "first@example.org");
        joint.Kind = MemberKind.Joint;
        joint.JointHolders.Add(new JointHolderForm { Name = "Second Holder", Email = "second@example.org" });
        await AdmitAsync(registrar, joint);

        var rows = (await ExportAsync(registrar, new ExportRequest(ExportKind.NoticeList))).Rows;

        Assert.Equal(["1", "By Email", "Member", "E-mail", "email@example.org"], rows[1][..5]);
        Assert.Equal(["2", "By Post", "Member", "Post", ""], rows[2][..5]);
        Assert.Equal("Joint holder", rows[4][2]);
        Assert.Equal("second@example.org", rows[4][4]);
    }

    [Fact]
    public async Task Movements_give_members_and_capital_at_start_and_end_of_the_period()
    {
        var registrar = await RegistrarAsync();
        await AdmitAsync(registrar, Individual("One", "one@example.org", shares: 100));
        await AdmitAsync(registrar, Individual("Two", "two@example.org", shares: 50));

        var rows = (await ExportAsync(registrar, new ExportRequest(ExportKind.Movements, From: Today, To: Today))).Rows;
        string Figure(string name) => rows.Single(r => r[1] == name && (r[0] == "All" || r[0] == "Ordinary shares"))[2];

        Assert.Equal("0", Figure("Members at start"));
        Assert.Equal("2", Figure("Members joined"));
        Assert.Equal("2", Figure("Members at end"));
        Assert.Equal("150", Figure("Shares allotted"));
        Assert.Equal("0.00", Figure("Capital at start"));
        Assert.Equal("150.00", Figure("Capital at end"));
    }

    [Fact]
    public async Task Every_export_writes_an_audit_event_and_a_member_may_not_export()
    {
        var registrar = await RegistrarAsync();
        var auditor = await Host.CreateLoginAsync("aud@example.org", Roles.Auditor);
        foreach (var kind in Enum.GetValues<ExportKind>())
        {
            await ExportAsync(auditor, new ExportRequest(kind));
        }

        await using var db = Host.NewContext();
        Assert.Equal(Enum.GetValues<ExportKind>().Length, db.AuditEvents.Count(e => e.Action.StartsWith("export.") && e.ActorUserId == auditor.UserId));
        var member = await Host.CreateLoginAsync("m@example.org", Roles.Member);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Exports.WriteAsync(member, new ExportRequest(ExportKind.Register), Stream.Null, Cancel));
        var future = await Assert.ThrowsAsync<DomainException>(() => Exports.WriteAsync(registrar, new ExportRequest(ExportKind.Register, Today.AddDays(1)), Stream.Null, Cancel));
        Assert.Contains("future", future.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pence_become_pounds_with_exactly_two_decimals()
    {
        Assert.Equal("12.00", ExportService.Pounds(1200).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0.05", ExportService.Pounds(5).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("-3.50", ExportService.Pounds(-350).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("92233720368547758.07", ExportService.Pounds(long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class ExportServiceTestsOnSqlite() : ExportServiceTests(DatabaseProvider.Sqlite);

public sealed class ExportServiceTestsOnPostgres() : ExportServiceTests(DatabaseProvider.Postgres);
