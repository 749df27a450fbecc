using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Access;
using CoopRegister.Features.Certificates;
using CoopRegister.Features.Exports;
using CoopRegister.Features.Jobs;
using CoopRegister.Web.Security;

namespace CoopRegister.Web.Endpoints;

/// <summary>
/// Files are downloaded through these endpoints, never pushed through a Blazor circuit (architecture.md). Each declares
/// who may call it, and the service behind it checks again: a member asking for another member's certificate gets
/// 404, the same as for one that does not exist.
/// </summary>
internal static class DownloadEndpoints
{
    public const string Pdf = "application/pdf";

    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/certificates/{id:long}.pdf", async (long id, HttpContext http, CertificateService certificates, CancellationToken ct) =>
            await certificates.RenderAsync(CurrentActor.From(http.User), id, SiteBase(http), ct) is { } file
                ? Results.File(file.Pdf, Pdf, file.FileName)
                : Results.NotFound())
            .RequireAuthorization();

        // Everything held about the signed-in member (UK GDPR Art. 15); the member comes from the login, never the address.
        app.MapGet("/my/data.json", async (HttpContext http, CoopRegister.Features.Portal.MemberDataExport data, CancellationToken ct) =>
            {
                using var buffer = new MemoryStream();
                return await data.WriteMineAsync(CurrentActor.From(http.User), buffer, ct)
                    ? Results.File(buffer.ToArray(), "application/json", data.FileName)
                    : Results.NotFound();
            })
            .RequireAuthorization(Permissions.MemberPortal);

        app.MapGet("/my/statement.pdf", async (int? year, HttpContext http, StatementService statements, CancellationToken ct) =>
            await statements.RenderMineAsync(CurrentActor.From(http.User), year, ct) is { } file
                ? Results.File(file.Pdf, Pdf, file.FileName)
                : Results.NotFound())
            .RequireAuthorization(Permissions.MemberPortal);

        app.MapGet("/members/{memberId:long}/statement.pdf", async (long memberId, int? year, HttpContext http, StatementService statements, CancellationToken ct) =>
            await statements.RenderAsync(CurrentActor.From(http.User), memberId, year, ct) is { } file
                ? Results.File(file.Pdf, Pdf, file.FileName)
                : Results.NotFound())
            .RequireAuthorization(Permissions.ReadRegister);

        app.MapGet("/members/{memberId:long}/final-statement.pdf", async (long memberId, HttpContext http, CoopRegister.Features.Estates.EstateService estates, CancellationToken ct) =>
            await estates.RenderFinalStatementAsync(CurrentActor.From(http.User), memberId, ct) is { } file
                ? Results.File(file.Pdf, Pdf, file.FileName)
                : Results.NotFound())
            .RequireAuthorization(Permissions.ReadRegister);

        app.MapGet("/register/gone-away.csv", async (int? years, HttpContext http, CoopRegister.Features.Cessation.CessationService cessations, CancellationToken ct) =>
            {
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = "attachment; filename=\"gone-away.csv\"";
                try
                {
                    await cessations.WriteGoneAwayCsvAsync(CurrentActor.From(http.User), years, http.Response.Body, ct);
                }
                catch (CoopRegister.Domain.DomainException ex) when (!http.Response.HasStarted)
                {
                    http.Response.Headers.ContentDisposition = default;
                    return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
                }

                return Results.Empty;
            })
            .RequireAuthorization(Permissions.ReadRegister);

        app.MapGet("/admin/certificates/specimen.pdf", async (HttpContext http, CertificateSettingsService settings, CancellationToken ct) =>
            Results.File(await settings.PreviewAsync(CurrentActor.From(http.User), SiteBase(http), ct), Pdf, "specimen-certificate.pdf"))
            .RequireAuthorization(Permissions.ManageSociety);

        // Exports stream straight into the response: a million-row register never sits in memory.
        app.MapGet("/exports/{kind}.csv", async (string kind, DateOnly? asAt, DateOnly? from, DateOnly? to, HttpContext http, ExportService exports, CancellationToken ct) =>
            {
                if (ExportService.Parse(kind) is not { } exportKind)
                {
                    return Results.NotFound();
                }

                var request = new ExportRequest(exportKind, asAt, from, to);
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{exports.FileName(request)}\"";
                try
                {
                    await exports.WriteAsync(CurrentActor.From(http.User), request, http.Response.Body, ct);
                }
                catch (CoopRegister.Domain.DomainException ex) when (!http.Response.HasStarted)
                {
                    // A bad date is refused before the first byte is sent, with the reason.
                    http.Response.Headers.ContentDisposition = default;
                    return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
                }

                return Results.Empty;
            })
            .RequireAuthorization(Permissions.ReadRegister);

        // A meeting's voter roll and, after the close, its anonymised ballots, for tellers and the returning officer.
        app.MapGet("/meetings/{id:long}/exports/{kind}.csv", async (long id, string kind, HttpContext http, ExportService exports, CancellationToken ct) =>
            {
                if (ExportService.ParseMeeting(kind) is not { } meetingKind)
                {
                    return Results.NotFound();
                }

                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{ExportService.FileName(meetingKind, id)}\"";
                try
                {
                    await exports.WriteMeetingAsync(CurrentActor.From(http.User), meetingKind, id, http.Response.Body, ct);
                }
                catch (CoopRegister.Domain.DomainException ex) when (!http.Response.HasStarted)
                {
                    http.Response.Headers.ContentDisposition = default;
                    return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
                }

                return Results.Empty;
            })
            .RequireAuthorization(Permissions.RunMeetings);

        // The published list of ballot receipts, once voting has closed: one code a line, in code order.
        app.MapGet("/meetings/{id:long}/receipts.txt", async (long id, HttpContext http, CoopRegister.Features.Meetings.MeetingService meetings, CancellationToken ct) =>
                Results.Text(string.Concat((await meetings.ReceiptsAsync(CurrentActor.From(http.User), id, ct)).Select(r => r + "\r\n")), "text/plain; charset=utf-8"))
            .RequireAuthorization(Permissions.MeetingResults);

        // The results as CSV: the same figures and visibility as the results page and report.
        app.MapGet("/meetings/{id:long}/results.csv", async (long id, HttpContext http, CoopRegister.Features.Meetings.MeetingDocumentService documents, CancellationToken ct) =>
            {
                using var buffer = new MemoryStream();
                return await documents.WriteResultsCsvAsync(CurrentActor.From(http.User), id, buffer, ct) is { } name
                    ? Results.File(buffer.ToArray(), "text/csv; charset=utf-8", name)
                    : Results.NotFound();
            })
            .RequireAuthorization(Permissions.MeetingResults);

        // An election's stage-by-stage report, with the same visibility and DRAFT rule as the results report.
        app.MapGet("/meetings/{id:long}/elections/{electionId:long}/stages.pdf", async (long id, long electionId, HttpContext http, CoopRegister.Features.Elections.ElectionService elections, CancellationToken ct) =>
            await elections.StageReportAsync(CurrentActor.From(http.User), id, electionId, ct) is { } file
                ? Results.File(file.Pdf, Pdf, file.FileName)
                : Results.NotFound())
            .RequireAuthorization(Permissions.MeetingResults);

        // The results report: after the declaration for everyone who may see results; a DRAFT before it for tellers and the returning officer.
        app.MapGet("/meetings/{id:long}/results.pdf", async (long id, HttpContext http, CoopRegister.Features.Meetings.MeetingDocumentService documents, CancellationToken ct) =>
            await documents.ResultsReportAsync(CurrentActor.From(http.User), id, ct) is { } file
                ? Results.File(file.Pdf, Pdf, file.FileName)
                : Results.NotFound())
            .RequireAuthorization(Permissions.MeetingResults);

        // The printed marked register of one section, for tellers at the door; ?order=name or ?order=number.
        app.MapGet("/meetings/{id:long}/sections/{sectionId:long}/marked-register.pdf", async (long id, long sectionId, string? order, HttpContext http,
                CoopRegister.Features.Meetings.MeetingDocumentService documents, CancellationToken ct) =>
            {
                if (CoopRegister.Features.Meetings.MeetingDocumentService.ParseOrder(order) is not { } sorted)
                {
                    return Results.Text("The order is \"name\" or \"number\".", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
                }

                http.Response.ContentType = Pdf;
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{CoopRegister.Features.Meetings.MeetingDocumentService.MarkedRegisterFileName(id, sectionId)}\"";
                try
                {
                    await documents.WriteMarkedRegisterAsync(CurrentActor.From(http.User), id, sectionId, sorted, http.Response.Body, ct);
                }
                catch (CoopRegister.Domain.DomainException ex) when (!http.Response.HasStarted)
                {
                    http.Response.Headers.ContentDisposition = default;
                    return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
                }

                return Results.Empty;
            })
            .RequireAuthorization(Permissions.RunMeetings);

        // An election's ballots as BLT, after the close, for tellers and the returning officer to check the count in another counter.
        app.MapGet("/meetings/{id:long}/elections/{electionId:long}/ballots.blt", async (long id, long electionId, HttpContext http,
                CoopRegister.Features.Elections.ElectionService elections, CancellationToken ct) =>
            {
                using var buffer = new MemoryStream();
                try
                {
                    var name = await elections.WriteBltAsync(CurrentActor.From(http.User), id, electionId, buffer, ct);
                    return Results.File(buffer.ToArray(), "text/plain; charset=utf-8", name);
                }
                catch (CoopRegister.Domain.DomainException ex)
                {
                    return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
                }
            })
            .RequireAuthorization(Permissions.RunMeetings);

        app.MapGet("/jobs/{id:guid}/download", (Guid id, HttpContext http, JobRunner jobs) =>
            jobs.OpenResult(id, CurrentActor.From(http.User)) is { } result
                ? Results.File(result.Content, result.ContentType, result.FileName, enableRangeProcessing: true)
                : Results.NotFound())
            .RequireAuthorization(Permissions.Staff);

        return app;
    }

    /// <summary>The site's own address, for links printed in documents (the verification URL).</summary>
    public static Uri SiteBase(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
    }
}
