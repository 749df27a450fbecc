using System.Globalization;
using System.IO.Compression;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;
using CoopRegister.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Certificates;

/// <summary>
/// Annual statements (domain rule 63; rule 20: a society may keep share accounts and send a yearly statement instead of
/// certificates): each member's holding at the start and end of the society's financial year and every movement in
/// between, from the ledger.
/// </summary>
public sealed class StatementService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>The financial year ending in <paramref name="yearEnding"/> (a calendar year), or the year that has just ended when null.</summary>
    public static (DateOnly Start, DateOnly End) Year(SocietyDetails society, int? yearEnding, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(society);
        if (yearEnding is { } y)
        {
            if (y is < 1900 or > 9999)
            {
                throw new DomainException("Year", $"{y} is not a year the register can have.");
            }

            var end = new DateOnly(y, society.YearEndMonth, society.YearEndDay);
            return (end.AddYears(-1).AddDays(1), end);
        }

        var current = society.FinancialYearContaining(today);
        return (current.Start.AddYears(-1), current.Start.AddDays(-1));
    }

    /// <summary>The member's own statement for a year.</summary>
    public async Task<(string FileName, byte[] Pdf)?> RenderMineAsync(Actor actor, int? yearEnding, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var memberId = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.MemberId).SingleOrDefaultAsync(cancellationToken);
        return memberId is { } id ? await RenderCoreAsync(db, id, yearEnding, cancellationToken) : null;
    }

    public async Task<(string FileName, byte[] Pdf)?> RenderAsync(Actor actor, long memberId, int? yearEnding, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        return await RenderCoreAsync(db, memberId, yearEnding, cancellationToken);
    }

    /// <summary>
    /// A ZIP with one statement per member who belonged at any time in the year, written as it goes, in member-number
    /// order. Returns how many were written.
    /// </summary>
    public async Task<int> WriteZipAsync(Actor actor, int? yearEnding, Stream output, IProgress<int>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        DateOnly start, end;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
            (start, end) = Year((await db.Societies.AsNoTracking().SingleAsync(cancellationToken)).Details, yearEnding, Today);
        }

        var written = 0;
        long after = 0;
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var ids = await db.Members.AsNoTracking()
                .Where(m => m.Id > after && m.DateEntered <= end && (m.DateCeased == null || m.DateCeased >= start))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(200).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            foreach (var id in ids)
            {
                var statement = await BuildAsync(db, id, start, end, cancellationToken);
                var entry = zip.CreateEntry($"statement-{end:yyyy-MM-dd}-member-{statement.MemberNumber}.pdf", CompressionLevel.NoCompression);
                entry.LastWriteTime = new DateTimeOffset(end.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                await using (var stream = entry.Open())
                {
                    StatementPdf.Render(statement, stream);
                }

                written++;
                progress?.Report(written);
            }

            after = ids[^1];
        }

        return written;
    }

    private async Task<(string FileName, byte[] Pdf)?> RenderCoreAsync(RegisterDbContext db, long memberId, int? yearEnding, CancellationToken cancellationToken)
    {
        if (!await db.Members.AnyAsync(m => m.Id == memberId, cancellationToken))
        {
            return null;
        }

        var (start, end) = Year((await db.Societies.AsNoTracking().SingleAsync(cancellationToken)).Details, yearEnding, Today);
        var statement = await BuildAsync(db, memberId, start, end, cancellationToken);
        return ($"statement-{end:yyyy-MM-dd}-member-{statement.MemberNumber}.pdf", StatementPdf.Render(statement));
    }

    internal async Task<StatementDocument> BuildAsync(RegisterDbContext db, long memberId, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        var society = (await db.Societies.AsNoTracking().SingleAsync(cancellationToken)).Details;
        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == memberId, cancellationToken);
        var classes = await db.ShareClasses.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var opening = await db.LedgerEntries.AsNoTracking().Where(e => e.MemberId == memberId && e.EffectiveDate < start)
            .GroupBy(e => 1).Select(g => new { Shares = g.Sum(e => e.Shares), Paid = g.Sum(e => e.AmountPaidPence) }).SingleOrDefaultAsync(cancellationToken);
        var movements = await db.LedgerEntries.AsNoTracking().Where(e => e.MemberId == memberId && e.EffectiveDate >= start && e.EffectiveDate <= end)
            .OrderBy(e => e.EffectiveDate).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var statementDate = Today < end ? Today : end;
        return new StatementDocument
        {
            SocietyRegisteredName = society.RegisteredName,
            RegistrationNumber = society.RegistrationNumber,
            RegisteredOffice = society.RegisteredOffice,
            MemberName = member.Details.RegisterName,
            MemberNumber = member.MemberNumber.ToString(CultureInfo.InvariantCulture),
            MemberAddress = member.Details.Address + (member.Details.Postcode.Length > 0 ? "\n" + member.Details.Postcode : ""),
            YearStart = start,
            YearEnd = end,
            StatementDate = statementDate,
            OpeningShares = opening?.Shares ?? 0,
            OpeningValuePence = opening?.Paid ?? 0,
            Movements = movements.Select(e => new StatementMovement(e.EffectiveDate, Describe(e, classes), e.Shares, e.AmountPaidPence)).ToList(),
        };
    }

    private static string Describe(LedgerEntry e, IReadOnlyDictionary<int, string> classes)
    {
        var what = e.Kind switch
        {
            LedgerEntryKind.Allotment => "Shares allotted",
            LedgerEntryKind.Withdrawal => "Shares withdrawn",
            LedgerEntryKind.TransferIn => "Shares transferred in",
            LedgerEntryKind.TransferOut => "Shares transferred out",
            LedgerEntryKind.Transmission => "Shares transmitted on death",
            LedgerEntryKind.Forfeiture => "Shares forfeited",
            _ => "Correction of an earlier entry",
        };
        var reference = string.IsNullOrEmpty(e.Reference) ? "" : $" ({e.Reference})";
        return classes.Count > 1 ? $"{what}, {classes[e.ShareClassId]}{reference}" : what + reference;
    }
}
