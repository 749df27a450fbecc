using System.Text;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Access;
using CoopRegister.Features.Demo;
using CoopRegister.Features.Exports;
using CoopRegister.Features.Imports;
using CoopRegister.Features.Members;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Tests.Infrastructure;
using CoopRegister.Testing;
using Microsoft.EntityFrameworkCore;
using static CoopRegister.Features.Tests.Imports.ImportFiles;

namespace CoopRegister.Features.Tests.Imports;

public abstract class RegisterImportTests(DatabaseProvider provider) : RegisterTest(provider), IAsyncDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private readonly ImportFiles _files = new();

    private RegisterImportService Imports => Host.Get<RegisterImportService>();

    private async Task<Actor> RegistrarAsync(RegisterTestHost? host = null)
    {
        host ??= Host;
        await host.SetUpSocietyAsync();
        return await host.CreateLoginAsync("reg@example.org", Roles.Registrar);
    }

    private static RegisterImportRequest Request(string path, ImportDateFormat? format = null, ImportEncoding encoding = ImportEncoding.Auto) =>
        new() { Register = new ImportUpload(path, Path.GetFileName(path), encoding), DateFormat = format };

    private async Task<long> MembersAsync(RegisterTestHost? host = null)
    {
        await using var db = (host ?? Host).NewContext();
        return await db.Members.LongCountAsync(Cancel);
    }

    private static async Task<byte[]> ExportAsync(RegisterTestHost host, Actor actor, ExportRequest request)
    {
        using var stream = new MemoryStream();
        await host.Get<ExportService>().WriteAsync(actor, request, stream, Cancel);
        return stream.ToArray();
    }

    [Fact]
    public async Task A_register_exported_imported_into_an_empty_register_and_exported_again_gives_the_same_bytes()
    {
        // The source: a demonstration register (every kind of member, accents, ceased members, years of history)
        // and members whose names and addresses test the file's quoting and formula escaping.
        var source = await RegistrarAsync();
        await ActivatorUtilities.CreateInstance<DemoDataService>(Host.Services).GenerateAsync(Actor.CommandLine("test"),
            new DemoDataRequest { Members = 300, Seed = 11, Today = Today }, cancellationToken: Cancel);
        foreach (var (name, address) in new[]
        {
            ("O'Neill, \"Ned\"", "Flat 2, \"The Old Mill\"\n+44 Street\nLondon"),
            ("=HYPERLINK(\"http://x\",\"Click\")", "@home\n-1 Minus Lane"),
            ("'=Already quoted", "1 Quote Street"),
            ("Siân Llewellyn-Jones", "Tŷ Gwyn\nHeol y Frenhines\nCaerdydd"),
            ("Robert'); DROP TABLE Members;--", "<script>alert(1)</script>\nBobby Tables Road"),
        })
        {
            var form = Applicants.Individual(name, $"{Guid.NewGuid():N}@example.org");
            form.Address = address;
            var s = await Host.Get<ApplicationService>().SubmitAsync(form, Applicants.Site, Cancel);
            await Host.Get<ApplicationService>().RecordPaymentAsync(source, s.Id, s.Amount.Pence, Today, Domain.Applications.PaymentMethod.BankTransfer, null, Cancel);
            await Host.Get<ApplicationService>().AllotAsync(source, [s.Id], Today, Applicants.Site, Cancel);
        }

        var exported = await ExportAsync(Host, source, new ExportRequest(ExportKind.Register));
        var path = _files.WriteBytes("register.csv", exported);

        await using var target = await RegisterTestHost.CreateAsync(Provider);
        var registrar = await RegistrarAsync(target);
        var report = await target.Get<RegisterImportService>().ImportAsync(registrar, Request(path), cancellationToken: Cancel);

        Assert.True(report.Committed, report.ToText());
        Assert.Equal(305, report.Members);
        Assert.Equal(ImportDateFormat.Iso, report.DateFormat);
        var again = await ExportAsync(target, registrar, new ExportRequest(ExportKind.Register));
        Assert.Equal(Encoding.UTF8.GetString(exported), Encoding.UTF8.GetString(again));
        Assert.Equal(exported, again);
        Assert.Empty(await target.Get<MemberService>().VerifyHoldingsAsync(registrar, Cancel));

        // Numbering goes on after the largest imported number, and one audit event records the import.
        await using var db = target.NewContext();
        Assert.Equal(306, (await db.NumberCounters.SingleAsync(c => c.Name == NumberCounter.MemberNumbers, Cancel)).Next);
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "register.imported", Cancel);
        Assert.Contains("Imported 305 members", audit.Summary, StringComparison.Ordinal);
        Assert.Contains("register.csv", audit.Summary, StringComparison.Ordinal);
        Assert.Equal("reg@example.org", audit.ActorName);
    }

    [Fact]
    public async Task With_the_ledger_as_history_the_register_as_at_past_dates_is_the_same_as_the_source_registers()
    {
        var source = await RegistrarAsync();
        await ActivatorUtilities.CreateInstance<DemoDataService>(Host.Services).GenerateAsync(Actor.CommandLine("test"),
            new DemoDataRequest { Members = 250, Seed = 5, Today = Today }, cancellationToken: Cancel);
        var register = _files.WriteBytes("register.csv", await ExportAsync(Host, source, new ExportRequest(ExportKind.Register)));
        var ledger = _files.WriteBytes("ledger.csv", await ExportAsync(Host, source, new ExportRequest(ExportKind.Ledger, From: new DateOnly(1900, 1, 1))));

        await using var target = await RegisterTestHost.CreateAsync(Provider);
        var registrar = await RegistrarAsync(target);
        var request = Request(register) with { History = new ImportUpload(ledger, "ledger.csv") };
        var report = await target.Get<RegisterImportService>().ImportAsync(registrar, request, cancellationToken: Cancel);
        Assert.True(report.Committed, report.ToText());
        Assert.True(report.LedgerEntries > report.Members, "the history brings more than one event per member");

        foreach (var asAt in new[] { new DateOnly(1998, 6, 30), new DateOnly(2005, 3, 31), new DateOnly(2015, 12, 31), new DateOnly(2024, 1, 1), Today })
        {
            var then = await ExportAsync(Host, source, new ExportRequest(ExportKind.Register, asAt));
            var imported = await ExportAsync(target, registrar, new ExportRequest(ExportKind.Register, asAt));
            Assert.True(then.AsSpan().SequenceEqual(imported), $"The register as at {asAt:yyyy-MM-dd} differs.");
            var movements = await ExportAsync(Host, source, new ExportRequest(ExportKind.Movements, asAt, asAt.AddYears(-1), asAt));
            Assert.Equal(Encoding.UTF8.GetString(movements), Encoding.UTF8.GetString(await ExportAsync(target, registrar, new ExportRequest(ExportKind.Movements, asAt, asAt.AddYears(-1), asAt))));
        }

        Assert.Empty(await target.Get<MemberService>().VerifyHoldingsAsync(registrar, Cancel));
    }

    [Fact]
    public async Task History_events_must_add_up_to_the_holding_stay_within_the_membership_and_never_go_below_zero()
    {
        var registrar = await RegistrarAsync();
        var register = _files.Register("register.csv",
            Row(1, shares: 30),
            Row(2, name: "Łukasz Żółkiewski", email: "l@example.org", shares: 10),
            Row(3, name: "Aoife Ní Bhriain", email: "a@example.org", shares: 5),
            Row(5, name: "Seán Ó Súilleabháin", email: "s@example.org", shares: 1));
        var history = _files.Write("history.csv", string.Join("\r\n",
            "Member number,Date,Event,Shares,Amount paid (£),Share class,Reference",
            "1,2019-04-03,Allotment,20,20.00,Ordinary shares,Admission",
            "1,2021-10-13,Allotment,15,,,Share appeal 2021",
            "1,2022-03-09,Withdrawal,5,5.00,,Part withdrawal",
            "2,2019-04-03,Allotment,12,,,",
            "3,2019-04-03,Allotment,5,,,",
            "3,2019-05-01,Withdrawal,6,,,",
            "5,2018-01-01,Allotment,1,,,",
            "4,2020-01-01,Allotment,1,,,") + "\r\n");

        var report = await Imports.CheckAsync(registrar, Request(register) with { History = new ImportUpload(history, "history.csv") }, cancellationToken: Cancel);

        // Register lines: the header is line 1 and each address runs over two lines.
        var problems = report.Problems.Select(p => p.Text).ToList();
        Assert.Contains("Line 4, column 'Shares held': 10 ordinary shares are held, but member 2's events in the history file add up to 12.", problems);
        Assert.Contains(problems, p => p.StartsWith("History file, line 7, column 'Shares': On 2019-05-01 member 3 held 5 ordinary shares; taking away 6 would leave the holding below zero.", StringComparison.Ordinal));
        Assert.Contains("Line 6, column 'Shares held': 5 ordinary shares are held, but member 3's events in the history file add up to -1.", problems);
        Assert.Contains("History file, line 8, column 'Date': Member 5's event on 2018-01-01 is before the date the member was entered (2019-04-03).", problems);
        Assert.Contains("History file, line 9, column 'Member number': Member 4 has events in the history file but is not in the register file.", problems);
        Assert.DoesNotContain(problems, p => p.Contains("member 1", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(5, report.ProblemCount);
    }

    [Fact]
    public async Task Every_rule_is_reported_with_its_line_and_column_and_nothing_is_written()
    {
        var registrar = await RegistrarAsync();
        var path = _files.Register("bad.csv",
            Row(1),
            Row(2, name: ""),
            Row(3, entered: "31/02/2019"),
            Row(4, shares: 150_000),
            Row(5, shareClass: "Founder shares"),
            Row(1, name: "Someone Else"),
            Row(7, postcode: "XYZ"),
            Row(8, email: "not-an-address"),
            Row(9, entered: "2019-04-03", ceased: "2018-01-01"),
            Row(10, shares: -3),
            Row(11, paid: "ten pounds"),
            "twelve,Zoë Ó Briain,Individual,,,,1 Road,E3 2NS,United Kingdom,,No,,1,1.00,2019-04-03,",
            Row(13, entered: "2031-01-01"),
            "14,Zoë Ó Briain,Alien,,,,1 Road,E3 2NS,United Kingdom,,No,,1,1.00,2019-04-03,",
            "15,Zoë Ó Briain,Individual,,,,1 Road,E3 2NS,United Kingdom,,No,,1,1.00,2019-04-03,,surprise");

        var report = await Imports.ImportAsync(registrar, Request(path, ImportDateFormat.Iso), cancellationToken: Cancel);

        Assert.False(report.Committed);
        Assert.Equal(0, await MembersAsync());
        var problems = report.Problems.Select(p => p.Text).ToList();
        string Line(int line, string column) => problems.SingleOrDefault(p => p.StartsWith($"Line {line}, column '{column}': ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"No problem for line {line}, column '{column}' in:\n{string.Join("\n", problems)}");

        // Lines count every line of the file: the header is line 1 and each address runs over two lines.
        Assert.Equal("Line 4, column 'Name': Name is required.", Line(4, "Name"));
        Assert.Contains("'31/02/2019' is not a date written yyyy-mm-dd", Line(6, "Date entered"), StringComparison.Ordinal);
        Assert.Contains("Holding would be £150,000.00; the cap on withdrawable shares for an individual is £100,000 (Act s.24)", Line(8, "Shares held"), StringComparison.Ordinal);
        Assert.Contains("'Founder shares' is not a share class of the society (its classes are Ordinary shares (ORD))", Line(10, "Share class"), StringComparison.Ordinal);
        Assert.Contains("Member number 1 is repeated: it is already on line 2.", Line(12, "Member number"), StringComparison.Ordinal);
        Assert.Equal("Line 14, column 'Postcode': 'XYZ' is not a UK postcode (for example SW1A 1AA).", Line(14, "Postcode"));
        Assert.Contains("'not-an-address' is not an e-mail address", Line(16, "E-mail for notices"), StringComparison.Ordinal);
        Assert.Contains("The membership cannot end (2018-01-01) before it began (2019-04-03).", Line(18, "Date ceased"), StringComparison.Ordinal);
        Assert.Contains("'-3' is not a number of shares", Line(20, "Shares held"), StringComparison.Ordinal);
        Assert.Contains("'ten pounds' is not an amount in pounds", Line(22, "Amount paid (£)"), StringComparison.Ordinal);
        Assert.Contains("'twelve' is not a member number", Line(24, "Member number"), StringComparison.Ordinal);
        Assert.Contains("The date entered, 2031-01-01, is in the future.", Line(25, "Date entered"), StringComparison.Ordinal);
        Assert.Contains("'Alien' is not a kind of member", Line(27, "Kind"), StringComparison.Ordinal);
        Assert.Contains(problems, p => p.StartsWith("Line 28: There is a value in column 17 ('surprise'), beyond the header's 16 columns", StringComparison.Ordinal));
        Assert.Equal(14, report.ProblemCount);
        Assert.Contains("nothing was written", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_only_the_last_row_is_bad_nothing_is_written_and_the_report_names_that_row()
    {
        var registrar = await RegistrarAsync();
        var rows = Enumerable.Range(1, 45_000).Select(i => Row(i, name: $"Member {i}", email: $"m{i}@example.org")).ToList();
        rows.Add(Row(45_001, postcode: "NOT A POSTCODE"));
        var path = _files.Register("last-bad.csv", [.. rows]);

        var report = await Imports.ImportAsync(registrar, Request(path), cancellationToken: Cancel);

        Assert.False(report.Committed);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(90_002, problem.Line);
        Assert.Equal("Postcode", problem.Column);
        await using var db = Host.NewContext();
        Assert.Equal(0, await db.Members.CountAsync(Cancel));
        Assert.Equal(0, await db.LedgerEntries.CountAsync(Cancel));
        Assert.Equal(0, await db.Holdings.CountAsync(Cancel));
        Assert.Equal(1, (await db.NumberCounters.SingleAsync(c => c.Name == NumberCounter.MemberNumbers, Cancel)).Next);
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "register.imported", Cancel));

        // Searching still works: the indexes dropped for the load came back with the rollback.
        Assert.Equal(0, (await Host.Get<MemberService>().SearchAsync(registrar, new MemberQuery(Search: "Member 1"), Cancel)).Total);
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing_and_a_changed_member_is_a_problem_naming_what_differs()
    {
        var registrar = await RegistrarAsync();
        var rows = new[]
        {
            Row(7, shares: 25),
            Row(12, name: "Łukasz Żółkiewski", email: "l@example.org", shares: 100, ceased: "2024-05-01"),
        };
        var path = _files.Register("register.csv", rows);

        var first = await Imports.ImportAsync(registrar, Request(path), cancellationToken: Cancel);
        Assert.True(first.Committed, first.ToText());
        Assert.Equal(2, first.NewMembers);

        var again = await Imports.ImportAsync(registrar, Request(path), cancellationToken: Cancel);
        Assert.True(again.Ok, again.ToText());
        Assert.False(again.Committed);
        Assert.Equal(0, again.NewMembers);
        Assert.Equal(2, again.UnchangedMembers);
        Assert.Contains("2 members are already in the register, unchanged", again.Summary, StringComparison.Ordinal);

        // A new member alongside the unchanged ones is added, and the counter moves past it.
        var more = _files.Register("more.csv", rows[0], rows[1], Row(20, name: "Aoife Ní Bhriain", email: "a@example.org"));
        var added = await Imports.ImportAsync(registrar, Request(more), cancellationToken: Cancel);
        Assert.True(added.Committed, added.ToText());
        Assert.Equal(1, added.NewMembers);
        Assert.Equal(2, added.UnchangedMembers);
        Assert.Equal(3, await MembersAsync());

        var changed = _files.Register("changed.csv", Row(7, name: "Zoe O'Brien", postcode: "E1 6AN", shares: 30), rows[1]);
        var refused = await Imports.ImportAsync(registrar, Request(changed), cancellationToken: Cancel);
        Assert.False(refused.Committed);
        var problem = Assert.Single(refused.Problems).Text;
        Assert.StartsWith("Line 2: Member 7 is already in the register with different details: Name ('Zoë Ó Briain' in the register, 'Zoe O'Brien' in the file); Postcode ('E3 2NS' in the register, 'E1 6AN' in the file); Shares held of ordinary shares (25 in the register, 30 in the file).", problem, StringComparison.Ordinal);

        // The dry run explains the same way.
        var checkedAgain = await Imports.CheckAsync(registrar, Request(changed), cancellationToken: Cancel);
        Assert.Equal(problem, Assert.Single(checkedAgain.Problems).Text);
        Assert.Equal(3, await MembersAsync());
        await using var db = Host.NewContext();
        Assert.Equal(21, (await db.NumberCounters.SingleAsync(c => c.Name == NumberCounter.MemberNumbers, Cancel)).Next);
    }

    [Theory]
    [InlineData("utf-8", false)]
    [InlineData("utf-8", true)]
    [InlineData("windows-1252", false)]
    [InlineData("utf-16", true)]
    public async Task Files_in_each_encoding_read_the_same(string encodingName, bool byteOrderMark)
    {
        var registrar = await RegistrarAsync();
        var encoding = encodingName switch
        {
            "utf-8" => new UTF8Encoding(byteOrderMark),
            "utf-16" => new UnicodeEncoding(false, byteOrderMark),
            _ => ImportTextFile.Windows1252,
        };
        var text = Header + "\r\n" + Row(1, name: "José Fernández", paid: "\"£1,250.00\"", shares: 1250) + "\r\n" + Row(2, name: "Renée Müller", email: "r@example.org") + "\r\n";
        var path = _files.Write("encoded.csv", text, encoding);

        var report = await Imports.ImportAsync(registrar, Request(path), cancellationToken: Cancel);

        Assert.True(report.Committed, report.ToText());
        Assert.Equal(125_000 + 2_500, report.CapitalPence);
        await using var db = Host.NewContext();
        Assert.Equal(["José Fernández", "Renée Müller"], await db.Members.OrderBy(m => m.MemberNumber).Select(m => m.Details.Name).ToListAsync(Cancel));
        Assert.Equal(encodingName == "windows-1252" ? "Windows-1252" : encodingName == "utf-16" ? "UTF-16" : "UTF-8", report.Encoding);
    }

    [Fact]
    public async Task Windows_1252_can_be_chosen_and_UTF_8_chosen_for_a_Windows_file_is_refused_with_the_line()
    {
        var registrar = await RegistrarAsync();
        var path = _files.Write("windows.csv", Header + "\r\n" + Row(1) + "\r\n" + Row(2, name: "José", email: "j@example.org") + "\r\n", ImportTextFile.Windows1252);

        var utf8 = await Assert.ThrowsAsync<DomainException>(() => Imports.CheckAsync(registrar, Request(path, encoding: ImportEncoding.Utf8), cancellationToken: Cancel));
        Assert.Contains("is not UTF-8: line 1 has bytes that UTF-8 does not allow", utf8.Message, StringComparison.Ordinal);

        var chosen = await Imports.CheckAsync(registrar, Request(path, encoding: ImportEncoding.Windows1252), cancellationToken: Cancel);
        Assert.True(chosen.Ok, chosen.ToText());
        var detected = await Imports.CheckAsync(registrar, Request(path), cancellationToken: Cancel);
        Assert.Equal("Windows-1252", detected.Encoding);
        Assert.Contains(detected.Notes, n => n.Contains("line 1 has bytes that UTF-8 does not allow", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Blank_lines_empty_rows_and_trailing_empty_columns_are_passed_over()
    {
        var registrar = await RegistrarAsync();
        var text = Header + ",,,\r\n\r\n" + Row(1) + ",,,\r\n,,,,,,,,,,,,,,,,,,,\r\n\r\n\r\n" + Row(2, name: "Łukasz Żółkiewski", email: "l@example.org") + "\r\n\r\n";
        var path = _files.Write("blank.csv", text);

        var report = await Imports.ImportAsync(registrar, Request(path), cancellationToken: Cancel);

        Assert.True(report.Committed, report.ToText());
        Assert.Equal(2, report.Members);
        Assert.Equal(1, report.BlankRows);
    }

    [Fact]
    public async Task Dates_that_could_be_day_or_month_first_need_a_choice_which_then_applies_to_every_row()
    {
        var registrar = await RegistrarAsync();
        var path = _files.Register("ambiguous.csv", Row(1, entered: "03/04/2019"), Row(2, name: "Ann Other", email: "ann@example.org", entered: "11/12/2020", ceased: "01/02/2023"));

        var suggestion = await Imports.SuggestDateFormatAsync(registrar, Request(path), Cancel);
        Assert.True(suggestion.Ambiguous);
        Assert.Equal([ImportDateFormat.DayMonthYear, ImportDateFormat.MonthDayYear], suggestion.Fitting);
        var refused = await Assert.ThrowsAsync<DomainException>(() => Imports.CheckAsync(registrar, Request(path), cancellationToken: Cancel));
        Assert.Contains("choose which the file uses", refused.Message, StringComparison.Ordinal);

        var report = await Imports.ImportAsync(registrar, Request(path, ImportDateFormat.DayMonthYear), cancellationToken: Cancel);
        Assert.True(report.Committed, report.ToText());
        await using var db = Host.NewContext();
        var dates = await db.Members.OrderBy(m => m.MemberNumber).Select(m => new { m.DateEntered, m.DateCeased }).ToListAsync(Cancel);
        Assert.Equal(new DateOnly(2019, 4, 3), dates[0].DateEntered);
        Assert.Equal(new DateOnly(2020, 12, 11), dates[1].DateEntered);
        Assert.Equal(new DateOnly(2023, 2, 1), dates[1].DateCeased);

        // One date with a day above 12 settles it for the whole file.
        var settled = _files.Register("settled.csv", Row(1, entered: "03/04/2019"), Row(2, name: "Ann Other", email: "ann@example.org", entered: "25/12/2020"));
        Assert.Equal(ImportDateFormat.DayMonthYear, (await Imports.SuggestDateFormatAsync(registrar, Request(settled), Cancel)).Suggested);
    }

    [Fact]
    public async Task Text_that_looks_like_code_is_kept_as_text_and_exported_neutralised()
    {
        var registrar = await RegistrarAsync();
        var path = _files.Register("hostile.csv",
            Row(1, name: "\"Robert'); DROP TABLE \"\"Members\"\";--\""),
            Row(2, name: "=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")".Insert(0, "\"") + "\"", email: "h@example.org"),
            Row(3, name: "<script>alert('x')</script>", email: "s@example.org"),
            Row(4, name: "+SUM(1;2)", email: "p@example.org"));

        var report = await Imports.ImportAsync(registrar, Request(path), cancellationToken: Cancel);
        Assert.True(report.Committed, report.ToText());

        await using var db = Host.NewContext();
        Assert.Equal(["Robert'); DROP TABLE \"Members\";--", "=HYPERLINK(\"http://evil.example\",\"Click\")", "<script>alert('x')</script>", "+SUM(1;2)"],
            await db.Members.OrderBy(m => m.MemberNumber).Select(m => m.Details.Name).ToListAsync(Cancel));
        var export = Encoding.UTF8.GetString(await ExportAsync(Host, registrar, new ExportRequest(ExportKind.Register)));
        Assert.Contains("\"'=HYPERLINK(", export, StringComparison.Ordinal);
        Assert.Contains("\"'+SUM(1;2)\"", export, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("png", "a PNG image")]
    [InlineData("xlsx", "an Excel workbook (.xlsx)")]
    [InlineData("xls", "an old Excel workbook (.xls)")]
    [InlineData("pdf", "a PDF document")]
    [InlineData("random", "a binary file")]
    [InlineData("utf16-no-bom", "UTF-16 text without a byte-order mark")]
    [InlineData("empty", "is empty")]
    public async Task A_file_that_is_not_text_is_refused_with_what_it_looks_like(string kind, string expected)
    {
        var registrar = await RegistrarAsync();
        var random = new Random(3);
        var bytes = kind switch
        {
            "png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, 500).Select(_ => (byte)random.Next(256))],
            "xlsx" => [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, .. Encoding.ASCII.GetBytes("[Content_Types].xml")],
            "xls" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0],
            "pdf" => Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj"),
            "random" => Encoding.ASCII.GetBytes(Header + "\r\n").Concat(Enumerable.Range(0, 5000).Select(i => (byte)(i % 7 == 0 ? 0 : 65))).ToArray(),
            "utf16-no-bom" => Encoding.Unicode.GetBytes(Header + "\r\n" + Row(1) + "\r\n"),
            _ => Array.Empty<byte>(),
        };
        var path = _files.WriteBytes("members.csv", bytes);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Imports.CheckAsync(registrar, Request(path), cancellationToken: Cancel));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await MembersAsync());
    }

    [Fact]
    public async Task Totals_the_registrar_expects_must_agree_or_nothing_is_imported()
    {
        var registrar = await RegistrarAsync();
        var path = _files.Register("register.csv", Row(1, shares: 100), Row(2, name: "Ann Other", email: "ann@example.org", shares: 50), Row(3, name: "Gone Away", email: "g@example.org", shares: 0, ceased: "2024-01-01", paid: "0.00"));

        var wrong = Request(path) with { Expected = new ExpectedTotals(Members: 3, Shares: 150, CapitalPence: 150_00) };
        var dry = await Imports.CheckAsync(registrar, wrong, cancellationToken: Cancel);
        Assert.Equal(0, dry.ProblemCount);
        Assert.False(dry.Reconciled);
        var members = Assert.Single(dry.Reconciliation, r => !r.Matches);
        Assert.Equal(("Current members", "2", "3"), (members.Figure, members.Imported, members.Expected));
        Assert.Contains("importing is blocked", dry.Summary, StringComparison.Ordinal);

        var refused = await Imports.ImportAsync(registrar, wrong, cancellationToken: Cancel);
        Assert.False(refused.Committed);
        Assert.Equal(0, await MembersAsync());

        var right = await Imports.ImportAsync(registrar, Request(path) with { Expected = new ExpectedTotals(2, 150, 150_00) }, cancellationToken: Cancel);
        Assert.True(right.Committed, right.ToText());
        Assert.All(right.Reconciliation, r => Assert.True(r.Matches));
        Assert.Equal(3, await MembersAsync());
    }

    [Fact]
    public async Task Spreadsheet_headers_are_recognised_with_names_and_addresses_in_parts()
    {
        var registrar = await RegistrarAsync();
        var path = _files.Write("members.csv", string.Join("\r\n",
            "Membership No.,Title,Forenames,Surname,Address 1,Address 2,Town,Post code,Email,Email notices,Shares,Joined,Left",
            "101,Ms,Zoë,Ó Briain,12 Beachy Road,,London,e3 2ns,zoe@example.org,Y,25,3 Apr 2019,",
            "105,Mr,Łukasz,Żółkiewski,Flat 2,1 High Street,Leeds,LS1 1AA,,,10,14-Jun-2020,1 Sept 2023") + "\r\n");

        var view = await Imports.InspectAsync(registrar, new ImportUpload(path, "members.csv"), ImportFileKind.Register, cancellationToken: Cancel);
        var map = ColumnMap<RegisterField>.Suggest(view.Headers);
        Assert.Equal("Membership No.", map[RegisterField.MemberNumber]);
        Assert.Equal("Forenames", map[RegisterField.GivenNames]);
        Assert.Equal("Surname", map[RegisterField.FamilyName]);
        Assert.Equal("Address 1", map[RegisterField.Address]);
        Assert.Equal("Town", map[RegisterField.Town]);
        Assert.Equal("Post code", map[RegisterField.Postcode]);
        Assert.Equal("Email notices", map[RegisterField.NoticesByEmail]);
        Assert.Equal("Joined", map[RegisterField.DateEntered]);
        Assert.Equal("Left", map[RegisterField.DateCeased]);
        Assert.Null(map[RegisterField.Name]);

        var preview = await Imports.PreviewAsync(registrar, Request(path), 5, Cancel);
        Assert.Equal("Zoë", preview.Rows[0].Values[preview.Columns.ToList().IndexOf("Given names")]);
        Assert.Equal("2019-04-03", preview.Rows[0].Values[preview.Columns.ToList().IndexOf("Date entered")]);

        var report = await Imports.ImportAsync(registrar, Request(path), cancellationToken: Cancel);
        Assert.True(report.Committed, report.ToText());
        Assert.Equal(ImportDateFormat.DayMonthNameYear, report.DateFormat);
        await using var db = Host.NewContext();
        var members = await db.Members.OrderBy(m => m.MemberNumber).ToListAsync(Cancel);
        Assert.Equal([101L, 105L], members.Select(m => m.MemberNumber));
        Assert.Equal("Zoë Ó Briain", members[0].Details.Name);
        Assert.Equal("12 Beachy Road\nLondon", members[0].Details.Address);
        Assert.Equal("E3 2NS", members[0].Details.Postcode);
        Assert.True(members[0].Details.NoticesByEmail);
        Assert.Equal("Flat 2\n1 High Street\nLeeds", members[1].Details.Address);
        Assert.Equal(new DateOnly(2023, 9, 1), members[1].DateCeased);
        Assert.Equal("Recorded as ceased in the register this one was imported from.", members[1].CeasedReason);
        Assert.Equal(106, (await db.NumberCounters.SingleAsync(c => c.Name == NumberCounter.MemberNumbers, Cancel)).Next);
    }

    [Fact]
    public async Task An_auditor_may_not_check_or_import()
    {
        await Host.SetUpSocietyAsync();
        var auditor = await Host.CreateLoginAsync("aud@example.org", Roles.Auditor);
        var path = _files.Register("register.csv", Row(1));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Imports.CheckAsync(auditor, Request(path), cancellationToken: Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Imports.ImportAsync(auditor, Request(path), cancellationToken: Cancel));
        Assert.Equal(0, await MembersAsync());
    }

    [Fact]
    public async Task Cancelling_an_import_writes_nothing()
    {
        var registrar = await RegistrarAsync();
        var path = _files.Register("register.csv", [.. Enumerable.Range(1, 60_000).Select(i => Row(i, name: $"Member {i}", email: $"m{i}@example.org"))]);
        using var cancel = new CancellationTokenSource();
        var progress = new InlineProgress(p =>
        {
            if (p.Stage == ImportStage.Reading && p.Rows >= 40_000)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Imports.ImportAsync(registrar, Request(path), progress, cancel.Token));
        Assert.Equal(0, await MembersAsync());
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Dispose();
    }

    internal sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

public sealed class RegisterImportTestsOnSqlite() : RegisterImportTests(DatabaseProvider.Sqlite);

public sealed class RegisterImportTestsOnPostgres() : RegisterImportTests(DatabaseProvider.Postgres);
