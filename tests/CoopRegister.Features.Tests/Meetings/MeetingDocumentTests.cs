using System.Diagnostics;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Meetings;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Meetings;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Meetings;

/// <summary>The meeting's PDFs: the results report for publication and the printed marked register of each section, read back with pdftotext.</summary>
public abstract class MeetingDocumentTests(DatabaseProvider provider) : MeetingTest(provider)
{
    private MeetingDocumentService Documents => Host.Get<MeetingDocumentService>();

    private static MeetingForm Form(int sections) => new()
    {
        Kind = MeetingKind.Annual,
        Title = "Annual General Meeting 2026",
        NoticeDate = NoticeDate,
        VotingOpensAtUtc = new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc),
        VotingClosesAtUtc = new DateTime(2026, 12, 18, 10, 0, 0, DateTimeKind.Utc),
        Sections = Enumerable.Range(0, sections).Select(i => new SectionForm
        {
            Name = i == 0 ? "London" : "Glasgow",
            Date = MeetingDay.AddDays(-i),
            Place = i == 0 ? "Marx Memorial Library" : "Woodside Halls",
        }).ToList(),
    };

    private async Task<(Actor Teller, Actor Officer, Actor Registrar)> StaffAsync()
    {
        await Host.SetUpSocietyAsync();
        return (await Host.CreateLoginAsync("teller@example.org", Roles.Teller),
            await Host.CreateLoginAsync("ro@example.org", Roles.ReturningOfficer),
            await Host.CreateLoginAsync("reg@example.org", Roles.Registrar));
    }

    private async Task<(long Number, Actor Login)> AdmitAsync(Actor registrar, string name, string email)
    {
        var s = await Applications.SubmitAsync(Individual(name, email, shares: 10), Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
        var memberId = (await Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel)).Lines.Single().MemberId;
        await using var db = Host.NewContext();
        return (await db.Members.Where(m => m.Id == memberId).Select(m => m.MemberNumber).SingleAsync(Cancel), await Host.ActorForAsync(email));
    }

    /// <summary>Members entered straight into the register, as an import would, each with a fully paid membership share.</summary>
    private async Task CarriedOverAsync(IEnumerable<(long Number, string Name)> members)
    {
        await using var db = Host.NewContext();
        var ordinary = await db.ShareClasses.Where(c => c.Code == ShareClass.OrdinaryCode).Select(c => c.Id).SingleAsync(Cancel);
        var added = members.Select(m => Member.CarriedOver(m.Number,
            new PersonDetails { Kind = MemberKind.Individual, Name = m.Name, Address = "1 Test Street\nLeeds", Postcode = "LS1 1AA", DateOfBirth = new DateOnly(1960, 1, 1) }.Normalised(),
            new DateOnly(2000, 1, 1), null, null, Host.Clock.GetUtcNow().UtcDateTime)).ToList();
        db.Members.AddRange(added);
        await db.SaveChangesAsync(Cancel);
        db.Holdings.AddRange(added.Select(m => Holding.Of(m.Id, ordinary, 5, 500)));
        await db.SaveChangesAsync(Cancel);
    }

    private async Task<long> VersionAsync(Actor teller, long id) => (await Meetings.GetAsync(teller, id, Cancel))!.Version;

    private async Task<long> OpenMeetingAsync(Actor teller, int sections, params string[] motions)
    {
        var id = await Meetings.CreateAsync(teller, Form(sections), Cancel);
        foreach (var title in motions)
        {
            await Meetings.AddMotionAsync(teller, id, await VersionAsync(teller, id), new MotionForm { Title = title, Text = $"That the meeting approves {title.ToLowerInvariant()}." }, Cancel);
        }

        await Meetings.TakeRollAsync(teller, id, await VersionAsync(teller, id), Cancel);
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        await Meetings.OpenVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
        return id;
    }

    private async Task<Dictionary<long, VoteChoice>> ChoicesAsync(Actor teller, long id, params VoteChoice[] choices) =>
        (await Meetings.GetAsync(teller, id, Cancel))!.Motions.Zip(choices).ToDictionary(p => p.First.Id, p => p.Second);

    private async Task<long> SectionAsync(Actor teller, long id, string name) =>
        (await Meetings.GetAsync(teller, id, Cancel))!.Sections.Single(s => s.Name == name).Id;

    private async Task<byte[]> MarkedRegisterAsync(Actor actor, long id, long section, MarkedRegisterOrder order)
    {
        using var output = new MemoryStream();
        await Documents.WriteMarkedRegisterAsync(actor, id, section, order, output, Cancel);
        return output.ToArray();
    }

    [Fact]
    public async Task The_results_report_states_every_figure_and_reaches_members_only_after_the_declaration()
    {
        var (teller, officer, registrar) = await StaffAsync();
        var (_, zoe) = await AdmitAsync(registrar, "Zoë Ångström", "zoe@example.org");
        var (_, lukasz) = await AdmitAsync(registrar, "Łukasz Żółkiewski", "lukasz@example.org");
        var (_, ann) = await AdmitAsync(registrar, "Ann Jones", "ann@example.org");
        await AdmitAsync(registrar, "Dee Silent", "dee@example.org");
        var id = await OpenMeetingAsync(teller, 1, "The accounts", "The rule change");
        await Meetings.VoteAsync(zoe, id, await ChoicesAsync(teller, id, VoteChoice.For, VoteChoice.For), Cancel);
        await Meetings.VoteAsync(lukasz, id, await ChoicesAsync(teller, id, VoteChoice.For, VoteChoice.Against), Cancel);
        await Meetings.VoteAsync(ann, id, await ChoicesAsync(teller, id, VoteChoice.Against, VoteChoice.Abstain), Cancel);

        Assert.Null(await Documents.ResultsReportAsync(teller, id, Cancel)); // nothing to report before the count
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 18, 10, 0, 0, TimeSpan.Zero));
        await Meetings.CloseVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
        await Meetings.CountAsync(teller, id, await VersionAsync(teller, id), Cancel);

        // Counted but not declared: members are refused; the tellers and the returning officer get a DRAFT to check.
        Assert.Null(await Documents.ResultsReportAsync(zoe, id, Cancel));
        var draft = (await Documents.ResultsReportAsync(officer, id, Cancel))!.Value;
        Assert.StartsWith("draft-", draft.FileName, StringComparison.Ordinal);
        Assert.Contains("DRAFT", PdfToText.Text(draft.Pdf), StringComparison.Ordinal);

        await Meetings.DeclareAsync(officer, id, await VersionAsync(teller, id), Cancel);
        var report = (await Documents.ResultsReportAsync(zoe, id, Cancel))!.Value;
        Assert.Equal($"results-meeting-{id}.pdf", report.FileName);
        var text = PdfToText.Text(report.Pdf);
        var flat = PdfToText.OneLine(text);
        Assert.DoesNotContain("DRAFT", text, StringComparison.Ordinal);
        Assert.Contains("People's Press Printing Society Limited", flat, StringComparison.Ordinal);
        Assert.Contains("Registration number 12750R", flat, StringComparison.Ordinal);
        Assert.Contains("Results: Annual General Meeting 2026", flat, StringComparison.Ordinal);
        Assert.Contains("London, 19 December 2026, Marx Memorial Library", flat, StringComparison.Ordinal);
        Assert.Contains("Declared by the returning officer, ro@example.org, on 18 December 2026 at 10:00 UTC", flat, StringComparison.Ordinal);
        Assert.Contains("Members entitled to vote 4", flat, StringComparison.Ordinal);
        Assert.Contains("Members who voted 3 (turnout 75.0%)", flat, StringComparison.Ordinal);
        Assert.Contains("3 online; 0 on paper at the meeting", flat, StringComparison.Ordinal);
        Assert.Contains("Spoilt papers 0 (not counted)", flat, StringComparison.Ordinal);
        var results = (await Meetings.ResultsAsync(zoe, id, Cancel))!;
        Assert.Contains(results.RollHash, flat, StringComparison.Ordinal);
        Assert.Contains(results.Eligibility, flat, StringComparison.Ordinal);

        // Motion 1: 2 for, 1 against → carried; motion 2: 1 for, 1 against, 1 abstaining → not more than half, not carried.
        var accounts = flat[flat.IndexOf("Motion 1: The accounts", StringComparison.Ordinal)..flat.IndexOf("Motion 2:", StringComparison.Ordinal)];
        Assert.Contains("CARRIED", accounts, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT CARRIED", accounts, StringComparison.Ordinal);
        Assert.Contains("For 2 66.7%", accounts, StringComparison.Ordinal);
        Assert.Contains("Against 1 33.3%", accounts, StringComparison.Ordinal);
        Assert.Contains("Abstain 0 not votes cast", accounts, StringComparison.Ordinal);
        Assert.Contains("Votes cast 3", accounts, StringComparison.Ordinal);
        Assert.Contains("Threshold: " + MotionThreshold.Ordinary.Describe(), accounts, StringComparison.Ordinal);
        var rules = flat[flat.IndexOf("Motion 2: The rule change", StringComparison.Ordinal)..];
        Assert.Contains("NOT CARRIED", rules, StringComparison.Ordinal);
        Assert.Contains("For 1 50.0%", rules, StringComparison.Ordinal);
        Assert.Contains("Abstain 1 not votes cast", rules, StringComparison.Ordinal);

        // The same declaration gives the same bytes.
        Assert.Equal(report.Pdf, (await Documents.ResultsReportAsync(registrar, id, Cancel))!.Value.Pdf);
    }

    [Fact]
    public async Task The_results_CSV_gives_the_declared_figures_one_row_a_motion_and_reaches_members_only_after_the_declaration()
    {
        var (teller, officer, registrar) = await StaffAsync();
        var (_, zoe) = await AdmitAsync(registrar, "Zoë Ångström", "zoe@example.org");
        var (_, lukasz) = await AdmitAsync(registrar, "Łukasz Żółkiewski", "lukasz@example.org");
        var (_, ann) = await AdmitAsync(registrar, "Ann Jones", "ann@example.org");
        await AdmitAsync(registrar, "Dee Silent", "dee@example.org");
        var id = await OpenMeetingAsync(teller, 1, "=HYPERLINK(\"x\") accounts", "The rule change");
        await Meetings.VoteAsync(zoe, id, await ChoicesAsync(teller, id, VoteChoice.For, VoteChoice.For), Cancel);
        await Meetings.VoteAsync(lukasz, id, await ChoicesAsync(teller, id, VoteChoice.For, VoteChoice.Against), Cancel);
        await Meetings.VoteAsync(ann, id, await ChoicesAsync(teller, id, VoteChoice.Against, VoteChoice.Abstain), Cancel);
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 18, 10, 0, 0, TimeSpan.Zero));
        await Meetings.CloseVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
        await Meetings.CountAsync(teller, id, await VersionAsync(teller, id), Cancel);

        async Task<(string? Name, string Text)> CsvAsync(Actor actor)
        {
            using var output = new MemoryStream();
            var name = await Documents.WriteResultsCsvAsync(actor, id, output, Cancel);
            return (name, System.Text.Encoding.UTF8.GetString(output.ToArray()));
        }

        Assert.Null((await CsvAsync(zoe)).Name); // members wait for the declaration
        var draft = await CsvAsync(officer);
        Assert.Equal($"draft-results-meeting-{id}.csv", draft.Name);
        Assert.Contains("\nDRAFT,1,", draft.Text, StringComparison.Ordinal);

        await Meetings.DeclareAsync(officer, id, await VersionAsync(teller, id), Cancel);
        var (name, text) = await CsvAsync(zoe);
        Assert.Equal($"results-meeting-{id}.csv", name);
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Status,Motion,Title,Majority needed,Decided by,Result,For,Against,Abstain,Votes cast,For %,Against %,Eligible members,Members who voted,Turnout,Spoilt papers", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Declared,1,\"'=HYPERLINK(\"\"x\"\") accounts\",", lines[1], StringComparison.Ordinal); // formula neutralised
        Assert.EndsWith(",Ballot,CARRIED,2,1,0,3,66.7%,33.3%,4,3,75.0%,0", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",Ballot,NOT CARRIED,1,1,1,2,50.0%,50.0%,4,3,75.0%,0", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_results_report_shows_paper_ballots_spoilt_papers_and_the_signed_off_reconciliation_note()
    {
        var (teller, officer, registrar) = await StaffAsync();
        var second = await Host.CreateLoginAsync("teller2@example.org", Roles.Teller);
        var (_, zoe) = await AdmitAsync(registrar, "Zoë Ångström", "zoe@example.org");
        await CarriedOverAsync([(9001, "Ann Able"), (9002, "Ben Baker")]);
        var id = await OpenMeetingAsync(teller, 1, "The accounts");
        var london = await SectionAsync(teller, id, "London");
        await Meetings.VoteAsync(zoe, id, await ChoicesAsync(teller, id, VoteChoice.For), Cancel);
        await Tellers.MarkPresentAsync(teller, id, london, 9001, Cancel);
        await Tellers.MarkPresentAsync(teller, id, london, 9002, Cancel);
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 18, 10, 0, 0, TimeSpan.Zero));
        await Meetings.CloseVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);

        // Two papers issued, three returned (one spoilt): the tellers' figures do not reconcile.
        var form = PaperBatchForm.For((await Tellers.DeskAsync(teller, id, Cancel))!.Motions);
        form.ValidPapers = 2;
        (form.Motions[0].For, form.Motions[0].Against, form.Motions[0].Abstain) = (0, 2, 0);
        form.SpoiltReasons = "Two crosses";
        var number = await Tellers.KeyBatchAsync(teller, id, london, form, Cancel);
        var batch = (await Tellers.DeskAsync(teller, id, Cancel))!.Batches.Single(b => b.Number == number);
        Assert.True((await Tellers.CheckBatchAsync(second, id, batch.Id, form, Cancel)).Accepted);
        await Meetings.CountAsync(teller, id, await VersionAsync(teller, id), Cancel);
        await Tellers.NoteReconciliationAsync(teller, id, await VersionAsync(teller, id), "Élodie Ørsted was handed a paper at the door by mistake.", Cancel);
        await Tellers.SignOffReconciliationAsync(second, id, await VersionAsync(teller, id), Cancel);
        await Meetings.DeclareAsync(officer, id, await VersionAsync(teller, id), Cancel);

        var flat = PdfToText.OneLine(PdfToText.Text((await Documents.ResultsReportAsync(zoe, id, Cancel))!.Value.Pdf));
        Assert.Contains("1 online; 2 on paper at the meeting", flat, StringComparison.Ordinal);
        Assert.Contains("Spoilt papers 1 (not counted)", flat, StringComparison.Ordinal);
        Assert.Contains("The tellers' figures did not reconcile", flat, StringComparison.Ordinal);
        Assert.Contains("Élodie Ørsted was handed a paper at the door by mistake.", flat, StringComparison.Ordinal);
        Assert.Contains("For 1 33.3% 0 on paper", flat, StringComparison.Ordinal);
        Assert.Contains("Against 2 66.7% 2 on paper", flat, StringComparison.Ordinal);
        Assert.Contains("NOT CARRIED", flat, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_marked_register_lists_the_whole_roll_for_each_section_with_who_is_already_marked()
    {
        var (teller, _, registrar) = await StaffAsync();
        var (zoeNumber, zoe) = await AdmitAsync(registrar, "Zoë Ångström", "zoe@example.org");
        var (lukaszNumber, lukasz) = await AdmitAsync(registrar, "Łukasz Żółkiewski", "lukasz@example.org");
        await CarriedOverAsync([(9001, "Ann Able"), (9002, "Ben Baker"), (9003, "Émile Zola")]);
        var id = await OpenMeetingAsync(teller, 2, "The accounts");
        var london = await SectionAsync(teller, id, "London");
        var glasgow = await SectionAsync(teller, id, "Glasgow");
        await Meetings.VoteAsync(zoe, id, await ChoicesAsync(teller, id, VoteChoice.For), Cancel);
        await Tellers.MarkPresentAsync(teller, id, glasgow, 9002, Cancel);
        await Tellers.MarkPresentAsync(teller, id, london, 9003, Cancel);

        var text = PdfToText.Text(await MarkedRegisterAsync(teller, id, london, MarkedRegisterOrder.MemberNumber));
        var lines = PdfToText.Lines(text);
        Assert.Contains(lines, l => l.Contains("Annual General Meeting 2026 · London", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("19 December 2026, Marx Memorial Library", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("5 members on the roll, sorted by member number", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("page 1 of 1", StringComparison.Ordinal));
        Assert.Equal($"{zoeNumber} Zoë Ångström Voted online", Assert.Single(lines, l => l.Contains("Zoë", StringComparison.Ordinal)));
        Assert.Equal($"{lukaszNumber} Łukasz Żółkiewski", Assert.Single(lines, l => l.Contains("Łukasz", StringComparison.Ordinal)));
        Assert.Equal("9001 Ann Able", Assert.Single(lines, l => l.Contains("Ann Able", StringComparison.Ordinal)));
        Assert.Equal("9002 Ben Baker Attended at Glasgow", Assert.Single(lines, l => l.Contains("Ben Baker", StringComparison.Ordinal)));
        Assert.Equal("9003 Émile Zola Attended here", Assert.Single(lines, l => l.Contains("Zola", StringComparison.Ordinal)));
        var rows = lines.SkipWhile(l => !l.StartsWith("Member no.", StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.Contains(" · page ", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, rows.Count);
        var byNumber = rows.Select(l => long.Parse(l[..l.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(byNumber.Order().ToList(), byNumber);

        var glasgowText = PdfToText.Text(await MarkedRegisterAsync(teller, id, glasgow, MarkedRegisterOrder.Name));
        var glasgowLines = PdfToText.Lines(glasgowText);
        Assert.Contains(glasgowLines, l => l.Contains("sorted by name", StringComparison.Ordinal));
        Assert.Equal("9002 Ben Baker Attended here", Assert.Single(glasgowLines, l => l.Contains("Ben Baker", StringComparison.Ordinal)));
        Assert.Equal("9003 Émile Zola Attended at London", Assert.Single(glasgowLines, l => l.Contains("Zola", StringComparison.Ordinal)));
        Assert.True(glasgowText.IndexOf("Ann Able", StringComparison.Ordinal) < glasgowText.IndexOf("Ben Baker", StringComparison.Ordinal));

        await using var db = Host.NewContext();
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == "export.marked-register", Cancel));
    }

    [Fact]
    public async Task A_member_or_the_registrar_cannot_print_the_marked_register_and_a_section_of_another_meeting_is_refused()
    {
        var (teller, _, registrar) = await StaffAsync();
        var (_, zoe) = await AdmitAsync(registrar, "Zoë Ångström", "zoe@example.org");
        var id = await OpenMeetingAsync(teller, 1, "The accounts");
        var london = await SectionAsync(teller, id, "London");
        await Assert.ThrowsAsync<AccessDeniedException>(() => MarkedRegisterAsync(zoe, id, london, MarkedRegisterOrder.MemberNumber));
        await Assert.ThrowsAsync<AccessDeniedException>(() => MarkedRegisterAsync(registrar, id, london, MarkedRegisterOrder.MemberNumber));
        await Assert.ThrowsAsync<DomainException>(() => MarkedRegisterAsync(teller, id, london + 1000, MarkedRegisterOrder.MemberNumber));

        var unrolled = await Meetings.CreateAsync(teller, Form(1), Cancel);
        var unrolledSection = (await Meetings.GetAsync(teller, unrolled, Cancel))!.Sections[0].Id;
        var refused = await Assert.ThrowsAsync<DomainException>(() => MarkedRegisterAsync(teller, unrolled, unrolledSection, MarkedRegisterOrder.MemberNumber));
        Assert.Contains("has not been taken", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_roll_of_thousands_prints_on_numbered_pages_in_order()
    {
        var (teller, _, _) = await StaffAsync();
        const int Members = 3000;
        await CarriedOverAsync(Enumerable.Range(1, Members).Select(i => (10000L + i, $"Member Ñame {i:D5}")));
        var id = await OpenMeetingAsync(teller, 1, "The accounts");
        var london = await SectionAsync(teller, id, "London");

        var pdf = await MarkedRegisterAsync(teller, id, london, MarkedRegisterOrder.Name);
        var pages = MarkedRegisterPdf.PageCount(Members);
        Assert.Equal(75, pages);
        var last = PdfToText.Text(pdf, pages);
        Assert.Contains($"page {pages} of {pages}", last, StringComparison.Ordinal);
        Assert.Contains("13000 Member Ñame 03000", last, StringComparison.Ordinal);
        var first = PdfToText.Text(pdf, 1);
        Assert.Contains("10001 Member Ñame 00001", first, StringComparison.Ordinal);
        Assert.Contains("10040 Member Ñame 00040", first, StringComparison.Ordinal);
        Assert.DoesNotContain("10041", first, StringComparison.Ordinal);
        Assert.Contains("3,000 members on the roll", first, StringComparison.Ordinal);
    }
}

/// <summary>Reads a PDF's text with poppler's pdftotext with -layout, so that each printed row reads as one line.</summary>
internal static class PdfToText
{
    public static string Text(byte[] pdf, int? page = null)
    {
        Assert.SkipWhen(!File.Exists("/usr/bin/pdftotext"), "pdftotext is not installed (apt-get install poppler-utils).");
        var file = Path.Combine(Path.GetTempPath(), "coopregister-" + Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo("/usr/bin/pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.StandardOutputEncoding = System.Text.Encoding.UTF8;
            if (page is { } p)
            {
                foreach (var a in new[] { "-f", p.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", p.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                {
                    start.ArgumentList.Add(a);
                }
            }

            start.ArgumentList.Add("-layout");
            start.ArgumentList.Add("-enc");
            start.ArgumentList.Add("UTF-8");
            start.ArgumentList.Add(file);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "pdftotext failed: " + errors);
            return text.Normalize(System.Text.NormalizationForm.FormC);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The text with every run of white space made one space.</summary>
    public static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static IReadOnlyList<string> Lines(string text) =>
        text.Split('\n').Select(l => OneLine(l)).Where(l => l.Length > 0).ToList();
}

public sealed class MeetingDocumentTestsOnSqlite() : MeetingDocumentTests(DatabaseProvider.Sqlite);

public sealed class MeetingDocumentTestsOnPostgres() : MeetingDocumentTests(DatabaseProvider.Postgres);
