using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CoopRegister.Domain;
using CoopRegister.Features.Access;
using CoopRegister.Features.Imports;
using CoopRegister.Features.Jobs;

namespace CoopRegister.Web.Components.Pages.Register;

/// <summary>
/// Starts an import as a background job, so that it goes on (with its progress bar and Cancel button) whether or not
/// the page stays open. The work opens a scope of its own, writes the report as the job's file, and deletes the
/// uploaded files when it ends. The reports of recent imports are kept here, in this server's memory like the jobs,
/// for the page to show after the job has finished.
/// </summary>
internal static class ImportJobs
{
    public const string TitlePrefix = "Import of ";
    public const string ReportContentType = "text/plain; charset=utf-8";
    private const int ReportsKept = 50;

    private static readonly ConcurrentDictionary<Guid, ImportReport> Reports = new();
    private static readonly ConcurrentQueue<Guid> Order = new();

    public static ImportReport? ReportOf(Guid jobId) => Reports.GetValueOrDefault(jobId);

    public static Guid Start(JobRunner jobs, IServiceScopeFactory scopes, Actor actor, RegisterImportRequest request, long rows)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(request);
        // The work may finish before Start returns the job's id; it waits for the id before keeping its report under it.
        var jobId = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fileName = $"import-report-{DateTime.UtcNow.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture)}.txt";
        var id = jobs.Start(actor, TitlePrefix + request.Register.FileName, fileName, ReportContentType, (int)Math.Min(rows, int.MaxValue), async (output, progress, cancellationToken) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var uploads = scope.ServiceProvider.GetRequiredService<ImportUploads>();
            try
            {
                var imports = scope.ServiceProvider.GetRequiredService<RegisterImportService>();
                var report = await imports.ImportAsync(actor, request, new RowProgress(progress), cancellationToken);
                Keep(await jobId.Task.WaitAsync(cancellationToken), report);
                await output.WriteAsync(Encoding.UTF8.GetBytes(report.ToText()), cancellationToken);
                return report.Committed || report.Ok
                    ? (int)Math.Min(report.Rows, int.MaxValue)
                    : throw new DomainException(report.Summary);
            }
            finally
            {
                uploads.Delete(request.Register.Path);
                uploads.Delete(request.History?.Path);
            }
        });
        jobId.SetResult(id);
        return id;
    }

    private static void Keep(Guid id, ImportReport report)
    {
        Reports[id] = report;
        Order.Enqueue(id);
        while (Order.Count > ReportsKept && Order.TryDequeue(out var old))
        {
            Reports.TryRemove(old, out _);
        }
    }

    /// <summary>The job's count is the rows read so far.</summary>
    private sealed class RowProgress(IProgress<int> progress) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => progress.Report((int)Math.Min(value.Rows, int.MaxValue));
    }
}
