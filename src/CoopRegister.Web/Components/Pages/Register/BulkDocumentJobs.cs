using System.Globalization;
using CoopRegister.Features.Access;
using CoopRegister.Features.Certificates;
using CoopRegister.Features.Jobs;
using CoopRegister.Web.Components.Shared.Certificates;

namespace CoopRegister.Web.Components.Pages.Register;

/// <summary>
/// Starts the bulk certificate and statement ZIPs as background jobs. The work runs after the page (and its scope) may
/// be gone, so it captures no scoped service: it opens a scope of its own and asks it for the service it needs.
/// </summary>
internal static class BulkDocumentJobs
{
    public const string ZipContentType = "application/zip";

    public static Guid StartCertificates(JobRunner jobs, IServiceScopeFactory scopes, Actor actor, CertificateSelection selection, int count, Uri siteBase)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(selection);
        var title = $"Certificates: {selection.Describe()}";
        return jobs.Start(actor, title, CertificateText.ZipFileName(selection), ZipContentType, count, async (output, progress, cancellationToken) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var certificates = scope.ServiceProvider.GetRequiredService<CertificateService>();
            return await certificates.WriteZipAsync(actor, selection, output, siteBase, progress, cancellationToken);
        });
    }

    public static Guid StartStatements(JobRunner jobs, IServiceScopeFactory scopes, Actor actor, StatementYear year)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(year);
        var title = "Annual statements, year ending " + year.End.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) + (year.InProgress ? " (so far)" : "");
        return jobs.Start(actor, title, CertificateText.StatementsZipFileName(year.End), ZipContentType, null, async (output, progress, cancellationToken) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var statements = scope.ServiceProvider.GetRequiredService<StatementService>();
            return await statements.WriteZipAsync(actor, year.YearEnding, output, progress, cancellationToken);
        });
    }
}
