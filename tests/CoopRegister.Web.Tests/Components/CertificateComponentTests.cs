using Bunit;
using CoopRegister.Domain;
using CoopRegister.Domain.Certificates;
using CoopRegister.Features.Certificates;
using CoopRegister.Features.Jobs;
using CoopRegister.Testing;
using CoopRegister.Web.Components.Shared.Certificates;
using Microsoft.AspNetCore.Components;

namespace CoopRegister.Web.Tests.Components;

public sealed class CertificateComponentTests : BunitContext
{
    private static readonly DateTime Started = new(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc);

    public CertificateComponentTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    [Fact]
    public void A_running_job_shows_how_far_it_has_got_and_offers_cancel()
    {
        Guid? cancelled = null;
        var job = Job(JobState.Running, done: 250, total: 1_000);

        var cut = Render<JobProgress>(p => p.Add(c => c.Job, job).Add(c => c.OnCancel, EventCallback.Factory.Create<Guid>(this, id => cancelled = id)));

        var bar = cut.Find("[role=progressbar]");
        Assert.Equal("25", bar.GetAttribute("aria-valuenow"));
        Assert.Equal("25 %", cut.Find(".progress-bar").TextContent);
        Assert.Contains("width: 25%", cut.Find(".progress-bar").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal("250 of 1,000", cut.Find(".job-count").TextContent);
        Assert.Empty(cut.FindAll(".job-download"));
        cut.Find(".job-cancel").Click();
        Assert.Equal(job.Id, cancelled);
    }

    [Fact]
    public void A_finished_job_offers_its_file_through_the_download_endpoint_with_its_size()
    {
        var job = Job(JobState.Completed, done: 3, total: 3, bytes: 1_536_000);

        var cut = Render<JobProgress>(p => p.Add(c => c.Job, job));

        Assert.Equal("100", cut.Find("[role=progressbar]").GetAttribute("aria-valuenow"));
        var link = cut.Find("a.job-download");
        Assert.Equal($"jobs/{job.Id:D}/download", link.GetAttribute("href"));
        Assert.True(link.HasAttribute("download"));
        Assert.Contains("certificates-all-current.zip (1.5 MB)", link.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".job-cancel"));
    }

    [Fact]
    public void A_cancelled_job_says_so_and_offers_no_file()
    {
        var cut = Render<JobProgress>(p => p.Add(c => c.Job, Job(JobState.Cancelled, 40, 400, message: "Cancelled: nothing was kept.")));

        Assert.Equal("Cancelled", cut.Find(".job-state").TextContent);
        Assert.Equal("Cancelled: nothing was kept.", cut.Find(".job-message").TextContent);
        Assert.Empty(cut.FindAll(".job-download"));
        Assert.Empty(cut.FindAll(".job-cancel"));
    }

    [Fact]
    public void A_job_of_unknown_length_counts_what_it_has_written()
    {
        var cut = Render<JobProgress>(p => p.Add(c => c.Job, Job(JobState.Running, 12, null)));

        Assert.Null(cut.Find("[role=progressbar]").GetAttribute("aria-valuenow"));
        Assert.Equal("12 written", cut.Find(".job-count").TextContent);
    }

    [Fact]
    public void The_list_marks_duplicates_and_says_what_became_of_each_certificate()
    {
        var rows = new[]
        {
            Row(7, 3, duplicate: true, CertificateStatus.Issued, null, null, null),
            Row(6, 3, duplicate: false, CertificateStatus.Cancelled, 3, new DateOnly(2026, 4, 2), "Reported lost (house move); duplicate issued."),
            Row(5, 2, duplicate: false, CertificateStatus.Superseded, 3, new DateOnly(2026, 3, 1), "the holding changed"),
            Row(4, 1, duplicate: false, CertificateStatus.Cancelled, null, new DateOnly(2026, 2, 1), "Issued in error"),
        };

        var cut = Render<CertificateList>(p => p.Add(c => c.Rows, rows).Add(c => c.ShowEnded, true));

        var statuses = cut.FindAll("tbody .certificate-status .badge").Select(b => b.TextContent).ToList();
        Assert.Equal(["Current", "Cancelled: replaced by a duplicate", "Superseded by No. 3", "Cancelled"], statuses);
        Assert.Single(cut.FindAll("tbody tr")[0].QuerySelectorAll(".badge.text-bg-warning"));
        Assert.Equal("DUPLICATE", cut.FindAll("tbody tr")[0].QuerySelector(".badge.text-bg-warning")!.TextContent);
        Assert.Contains("on 1 Feb 2026: Issued in error", cut.FindAll("tbody tr")[3].TextContent, StringComparison.Ordinal);
        Assert.Equal(["certificates/7.pdf", "certificates/6.pdf", "certificates/5.pdf", "certificates/4.pdf"],
            cut.FindAll("a.certificate-download").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Statements_are_offered_for_the_years_the_member_belonged_newest_first()
    {
        var society = RegisterTestHost.SampleSociety with { YearEndMonth = 3, YearEndDay = 31 };
        var today = new DateOnly(2026, 5, 10);

        var years = StatementYears.Belonged(society, today, entered: new DateOnly(2024, 2, 1), ceased: null, count: 10);

        Assert.Equal([2027, 2026, 2025, 2024], years.Select(y => y.YearEnding));
        Assert.Equal("Year ending 31 March 2027 (so far)", years[0].Label);
        Assert.Equal(new DateOnly(2025, 4, 1), years[1].Start);
        Assert.Equal("Year ending 31 March 2026", years[1].Label);
        Assert.Equal([2027, 2026], StatementYears.Belonged(society, today, new DateOnly(2024, 2, 1), null, 2).Select(y => y.YearEnding));
        // Ceased in the year to March 2025: nothing after it.
        Assert.Equal([2025, 2024], StatementYears.Belonged(society, today, new DateOnly(2024, 2, 1), new DateOnly(2024, 6, 30), 10).Select(y => y.YearEnding));
        Assert.Equal(5, StatementYears.Recent(society, today, 5).Count);
    }

    [Fact]
    public void A_bulk_zip_is_named_after_what_it_holds()
    {
        var day = new DateOnly(2026, 5, 1);

        Assert.Equal("certificates-all-current.zip", CertificateText.ZipFileName(new CertificateSelection()));
        Assert.Equal("certificates-issued-2026-05-01.zip", CertificateText.ZipFileName(new CertificateSelection(day, day)));
        Assert.Equal("certificates-issued-2026-05-01-to-2026-06-30.zip", CertificateText.ZipFileName(new CertificateSelection(day, new DateOnly(2026, 6, 30))));
        Assert.Equal("certificates-member-42.zip", CertificateText.ZipFileName(new CertificateSelection(MemberNumber: 42)));
        Assert.Equal("statements-year-ending-2026-03-31.zip", CertificateText.StatementsZipFileName(new DateOnly(2026, 3, 31)));
        Assert.Equal("820 bytes", CertificateText.Size(820));
        Assert.Equal("14.5 KB", CertificateText.Size(14_848));
    }

    private static JobStatus Job(JobState state, int done, int? total, long? bytes = null, string? message = null) =>
        new(Guid.NewGuid(), "Certificates: every current certificate", state, done, total, message, "certificates-all-current.zip", "application/zip",
            Started, state == JobState.Running ? null : Started.AddSeconds(5), bytes);

    private static CertificateRow Row(long id, long number, bool duplicate, CertificateStatus status, long? replacedBy, DateOnly? endedOn, string? reason) =>
        new(id, number, duplicate, 1, 1, "Siân Llewellyn", "Ordinary shares", 50, new Money(100), new Money(5_000), new DateOnly(2026, 1, 5), status, replacedBy,
            endedOn, reason, "abcdefghjkmnpqrs");
}
