using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Voting.Blt;
using CoopRegister.Domain.Voting.Counting;
using CoopRegister.Features.Access;
using CoopRegister.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using static System.FormattableString;

namespace CoopRegister.Features.Elections;

/// <summary>A BLT file as uploaded: its name, the contest it holds and anything the reader had to repair.</summary>
public sealed record BallotFile(string FileName, Contest Contest, IReadOnlyList<string> Warnings);

/// <summary>
/// Counts a BLT ballot file that a teller uploads (an election run on paper, or ballots exported from elsewhere), the
/// way <c>coopreg count</c> does at the command line, and prepares the stage-by-stage report as a PDF. Nothing is
/// stored in the register: the file is read into memory, counted, and the PDF is kept as the teller's own download
/// for a few hours (<see cref="JobRunner"/>). Tellers and the returning officer may do this (RunMeetings): counting
/// ballots is part of running a meeting, and the returning officer's lot for a tie is entered here too.
/// </summary>
public sealed class BallotFileCountService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock, JobRunner jobs)
{
    /// <summary>Far above a real society's ballots (a million papers grouped by ranking is a few MB); it bounds memory.</summary>
    public const long MaxUploadBytes = 64L * 1024 * 1024;

    public const string PdfContentType = "application/pdf";

    /// <summary>
    /// Reads a BLT file. A file that cannot be read is refused with the line and column of the first problem, on the
    /// "File" field.
    /// </summary>
    public async Task<BallotFile> ReadAsync(Actor actor, Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await RequireAsync(actor, cancellationToken);
        var name = Path.GetFileName(fileName ?? "");

        // Browser uploads can only be read asynchronously; the reader reads synchronously, so it reads a copy.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxUploadBytes)
            {
                throw new DomainException("File", Invariant($"{name} is larger than {MaxUploadBytes / (1024 * 1024)} MB, the most a ballot file may be."));
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        try
        {
            var import = BltReader.Read(buffer);
            return new BallotFile(name, import.Contest, import.Warnings);
        }
        catch (BltFormatException ex)
        {
            throw new DomainException("File", Invariant($"{name}, line {ex.Line}, column {ex.Column}: {ex.Problem}"));
        }
    }

    /// <summary>
    /// Counts the file by <paramref name="method"/>, for <paramref name="seats"/> seats (null: as many as the file
    /// says), with the lots the returning officer has drawn. A tie with no lot stops the count with
    /// <see cref="CountOutcome.LotRequired"/>.
    /// </summary>
    public static CountResult Count(BallotFile file, CountMethod method, int? seats, IReadOnlyList<TieLot> lots)
    {
        ArgumentNullException.ThrowIfNull(file);
        var contest = seats is { } n && n != file.Contest.Seats ? file.Contest.WithSeats(n) : file.Contest;
        return method == CountMethod.Plurality ? PluralityCount.Count(contest, lots) : ScottishStvCount.Count(contest, lots);
    }

    /// <summary>
    /// Starts preparing the PDF stage-by-stage report of <paramref name="result"/>, dated today and headed with the
    /// society's name, marked DRAFT when <paramref name="draft"/>; it is downloaded from <c>jobs/{id}/download</c> by
    /// the same login only.
    /// </summary>
    public async Task<Guid> StartReportAsync(Actor actor, CountResult result, bool draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        await RequireAsync(actor, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var society = (await db.Societies.AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.Details.RegisteredName;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var fileName = (draft ? "draft-" : "") + "stage-report.pdf";
        var title = $"Stage-by-stage report: {(result.Title.Length == 0 ? "election count" : result.Title)}";
        return jobs.Start(actor, title, fileName, PdfContentType, 1, async (output, progress, token) =>
        {
            await output.WriteAsync(StageReportPdf.Render(result, today, draft, string.IsNullOrWhiteSpace(society) ? null : society), token);
            progress.Report(1);
            return 1;
        });
    }

    private async Task RequireAsync(Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }
}
