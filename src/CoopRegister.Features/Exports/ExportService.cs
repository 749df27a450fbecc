using System.Globalization;
using System.Runtime.CompilerServices;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Certificates;
using CoopRegister.Domain.Meetings;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Exports;

/// <summary>The files a registrar takes to a spreadsheet. Each is computed from the ledger as it stood on a date.</summary>
public enum ExportKind
{
    Register,
    DuplicateRegister,
    Ledger,
    Applications,
    NoticeList,
    Certificates,
    Movements,
    Officers,
}

/// <summary>
/// Which export, as at which date (default today), and for the exports of events, which period (default: the
/// financial year to the as-at date).
/// </summary>
public sealed record ExportRequest(ExportKind Kind, DateOnly? AsAt = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// CSV exports of every register and return, streamed row by row so that a million members need little memory.
/// Files are UTF-8 with a byte-order mark (Excel reads accents right), ISO dates, amounts in pounds with two decimals
/// as numbers, CRLF line ends, and text that a spreadsheet would run as a formula (= + - @ tab CR) escaped with an
/// apostrophe. Every export is audit-logged (domain rule 64): who took which file, as at when.
/// </summary>
public sealed class ExportService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    public static readonly CsvWriterOptions Csv = CsvWriterOptions.Default with
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        TrueValue = "Yes",
        FalseValue = "No",
        NewLine = "\r\n",
        FormatProvider = CultureInfo.InvariantCulture,
    };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public static string Name(ExportKind kind) => kind switch
    {
        ExportKind.DuplicateRegister => "duplicate-register",
        ExportKind.NoticeList => "notice-list",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static ExportKind? Parse(string name) =>
        Enum.GetValues<ExportKind>().Cast<ExportKind?>().FirstOrDefault(k => string.Equals(Name(k!.Value), name, StringComparison.OrdinalIgnoreCase));

    public static string Describe(ExportKind kind) => kind switch
    {
        ExportKind.Register => "The register of members (Act s.30): holdings and amounts paid",
        ExportKind.DuplicateRegister => "The duplicate register members may inspect (Act s.103): no holdings or e-mail addresses",
        ExportKind.Ledger => "Every ledger event in the period",
        ExportKind.Applications => "Applications and payments in the period, with their status",
        ExportKind.NoticeList => "Members to send notices to, by e-mail or post as each chose",
        ExportKind.Certificates => "Certificates issued, superseded and cancelled",
        ExportKind.Movements => "Members and capital at the start and end of the period, joined, ceased, allotted and withdrawn",
        ExportKind.Officers => "The register of officers (Act s.30(3)): offices held, dates appointed and ceased",
        _ => kind.ToString(),
    };

    /// <summary>The file name: the export, and the date or period it is as at.</summary>
    public string FileName(ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asAt = request.AsAt ?? Today;
        return UsesPeriod(request.Kind)
            ? $"{Name(request.Kind)}-{request.From ?? asAt.AddYears(-1).AddDays(1):yyyy-MM-dd}-to-{request.To ?? asAt:yyyy-MM-dd}.csv"
            : $"{Name(request.Kind)}-as-at-{asAt:yyyy-MM-dd}.csv";
    }

    public static bool UsesPeriod(ExportKind kind) => kind is ExportKind.Ledger or ExportKind.Applications or ExportKind.Movements;

    /// <summary>Writes the export to <paramref name="output"/> and returns the number of rows written.</summary>
    public async Task<int> WriteAsync(Actor actor, ExportRequest request, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var asAt = request.AsAt ?? Today;
        if (asAt > Today)
        {
            throw new DomainException("AsAt", $"The register cannot be shown as at a future date ({asAt:yyyy-MM-dd}).");
        }

        DateOnly from, to;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
            var society = (await db.Societies.AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.Details ?? throw new DomainException("The register has not been set up yet.");
            var year = society.FinancialYearContaining(asAt);
            from = request.From ?? year.Start;
            to = request.To ?? asAt;
            if (from > to)
            {
                throw new DomainException("From", $"The period starts ({from:yyyy-MM-dd}) after it ends ({to:yyyy-MM-dd}).");
            }

            AuditTrail.Add(db, actor, Now, "export." + Name(request.Kind), "Export", Name(request.Kind),
                UsesPeriod(request.Kind) ? $"Export '{Name(request.Kind)}' for {from:yyyy-MM-dd} to {to:yyyy-MM-dd}." : $"Export '{Name(request.Kind)}' as at {asAt:yyyy-MM-dd}.");
            await db.SaveChangesAsync(cancellationToken);
        }

        await using var csv = CsvWriter.Create(output, Csv, leaveOpen: true);
        var rows = new Counter();
        switch (request.Kind)
        {
            case ExportKind.Register:
                await csv.WriteRecordsAsync(Count(RegisterAsync(asAt, cancellationToken), rows), cancellationToken);
                break;
            case ExportKind.DuplicateRegister:
                await csv.WriteRecordsAsync(Count(DuplicateRegisterAsync(asAt, cancellationToken), rows), cancellationToken);
                break;
            case ExportKind.Ledger:
                await csv.WriteRecordsAsync(Count(LedgerAsync(from, to, cancellationToken), rows), cancellationToken);
                break;
            case ExportKind.Applications:
                await csv.WriteRecordsAsync(Count(ApplicationsAsync(from, to, cancellationToken), rows), cancellationToken);
                break;
            case ExportKind.NoticeList:
                await csv.WriteRecordsAsync(Count(NoticeListAsync(asAt, cancellationToken), rows), cancellationToken);
                break;
            case ExportKind.Certificates:
                await csv.WriteRecordsAsync(Count(CertificatesAsync(asAt, cancellationToken), rows), cancellationToken);
                break;
            case ExportKind.Movements:
                await csv.WriteRecordsAsync(Count(MovementsAsync(from, to, cancellationToken), rows), cancellationToken);
                break;
            case ExportKind.Officers:
                await csv.WriteRecordsAsync(Count(OfficersAsync(asAt, cancellationToken), rows), cancellationToken);
                break;
            default:
                throw new DomainException("Kind", $"There is no export called {request.Kind}.");
        }

        await csv.FlushAsync(cancellationToken);
        return rows.Value;
    }

    public static string Name(MeetingExportKind kind) => kind == MeetingExportKind.VoterRoll ? "voter-roll" : "ballots";

    public static MeetingExportKind? ParseMeeting(string name) =>
        Enum.GetValues<MeetingExportKind>().Cast<MeetingExportKind?>().FirstOrDefault(k => string.Equals(Name(k!.Value), name, StringComparison.OrdinalIgnoreCase));

    public static string FileName(MeetingExportKind kind, long meetingId) => $"{Name(kind)}-meeting-{meetingId.ToString(CultureInfo.InvariantCulture)}.csv";

    /// <summary>
    /// Writes a meeting's voter roll (a marked register) or, once voting has closed, its anonymised ballots, for tellers
    /// and the returning officer; audit-logged like every export. Returns the number of rows written.
    /// </summary>
    public async Task<int> WriteMeetingAsync(Actor actor, MeetingExportKind kind, long meetingId, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
            var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => new { m.Title, m.Status, m.RollTakenAt, m.RollHash }).SingleOrDefaultAsync(cancellationToken)
                          ?? throw new DomainException("Meeting", $"There is no meeting {meetingId}.");
            if (kind == MeetingExportKind.VoterRoll && meeting.RollTakenAt is null)
            {
                throw new DomainException("Roll", $"The voter roll of \"{meeting.Title}\" has not been taken yet.");
            }

            if (kind == MeetingExportKind.Ballots && meeting.Status < Domain.Meetings.MeetingStatus.VotingClosed)
            {
                throw new DomainException("Status", "The ballots are exported once voting has closed: until then no one may see how the vote is going.");
            }

            AuditTrail.Add(db, actor, Now, "export." + Name(kind), "Meeting", meetingId.ToString(CultureInfo.InvariantCulture),
                $"Export '{Name(kind)}' of \"{meeting.Title}\"{(kind == MeetingExportKind.VoterRoll ? $" (roll SHA-256 {meeting.RollHash})" : "")}.");
            await db.SaveChangesAsync(cancellationToken);
        }

        await using var csv = CsvWriter.Create(output, Csv, leaveOpen: true);
        var rows = new Counter();
        if (kind == MeetingExportKind.VoterRoll)
        {
            await csv.WriteRecordsAsync(Count(VoterRollAsync(meetingId, cancellationToken), rows), cancellationToken);
        }
        else
        {
            await csv.WriteRecordsAsync(Count(BallotsAsync(meetingId, cancellationToken), rows), cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
        return rows.Value;
    }

    private async IAsyncEnumerable<VoterRollRow> VoterRollAsync(long meetingId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = from r in db.VoterRoll.AsNoTracking()
                   where r.MeetingId == meetingId
                   join m in db.Members on r.MemberId equals m.Id
                   orderby m.MemberNumber
                   select new { m.MemberNumber, m.Details.Name, Section = db.MeetingSections.Where(s => s.Id == r.SectionId).Select(s => s.Name).FirstOrDefault(), r.VotedBy };
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new VoterRollRow { MemberNumber = r.MemberNumber, Name = r.Name, Section = r.Section, Voted = r.VotedBy is not null, Channel = r.VotedBy?.ToString() };
        }
    }

    private async IAsyncEnumerable<BallotRowCsv> BallotsAsync(long meetingId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = from c in db.BallotChoices.AsNoTracking()
                   join b in db.Ballots on c.BallotId equals b.Id
                   join m in db.Motions on c.MotionId equals m.Id
                   where b.MeetingId == meetingId
                   orderby b.Id, m.Number
                   select new { b.Id, b.ReceiptCode, b.Channel, m.Number, c.Choice };
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new BallotRowCsv { Ballot = r.Id.ToString("N", CultureInfo.InvariantCulture), Receipt = r.ReceiptCode, Channel = r.Channel.ToString(), Motion = r.Number, Choice = r.Choice.ToString(), Votes = 1 };
        }

        // Paper ballots are keyed in batches as totals, so each accepted batch is exported as its totals: only accepted
        // batches are counted (a second teller's check), and the rows add up to the papers the declaration counted.
        var motions = await db.Motions.AsNoTracking().Where(m => m.MeetingId == meetingId).OrderBy(m => m.Number)
            .Select(m => new { m.Id, m.Number, m.DecidedBy }).ToListAsync(cancellationToken);
        var sections = await db.MeetingSections.AsNoTracking().Where(s => s.MeetingId == meetingId).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var batches = await db.PaperBatches.AsNoTracking().Include(b => b.Counts).Include(b => b.Spoilt)
            .Where(b => b.MeetingId == meetingId && b.Status == PaperBatchStatus.Accepted).OrderBy(b => b.Number).ToListAsync(cancellationToken);
        foreach (var b in batches)
        {
            var batch = "batch-" + b.Number.ToString(CultureInfo.InvariantCulture);
            var section = sections.GetValueOrDefault(b.SectionId, "");
            foreach (var m in motions.Where(m => m.DecidedBy != MotionMethod.ShowOfHands))
            {
                var t = b.TallyOf(m.Id);
                foreach (var (choice, votes) in new[] { (VoteChoice.For, t.For), (VoteChoice.Against, t.Against), (VoteChoice.Abstain, t.Abstain) }.Where(x => x.Item2 > 0))
                {
                    yield return new BallotRowCsv { Ballot = batch, Channel = PaperChannel, Motion = m.Number, Choice = choice.ToString(), Section = section, Votes = votes };
                }
            }

            if (b.Spoilt.Count > 0)
            {
                yield return new BallotRowCsv { Ballot = batch, Channel = PaperChannel, Choice = "Spoilt", Section = section, Votes = b.Spoilt.Count };
            }
        }

        // A motion decided by show of hands (no ballot was cast on it) is exported as the hands at each section.
        var byHands = motions.Where(m => m.DecidedBy == MotionMethod.ShowOfHands).Select(m => m.Id).ToList();
        if (byHands.Count > 0)
        {
            var hands = await db.ShowsOfHands.AsNoTracking().Where(h => byHands.Contains(h.MotionId)).ToListAsync(cancellationToken);
            foreach (var m in motions.Where(m => byHands.Contains(m.Id)))
            {
                foreach (var h in hands.Where(h => h.MotionId == m.Id).OrderBy(h => sections.GetValueOrDefault(h.SectionId, ""), StringComparer.Ordinal))
                {
                    var section = sections.GetValueOrDefault(h.SectionId, "");
                    if (!h.HasCounts)
                    {
                        yield return new BallotRowCsv { Ballot = "hands", Channel = HandsChannel, Motion = m.Number, Choice = h.DeclaredCarried == true ? "Declared carried" : "Declared not carried", Section = section };
                        continue;
                    }

                    foreach (var (choice, votes) in new[] { (VoteChoice.For, h.For!.Value), (VoteChoice.Against, h.Against!.Value), (VoteChoice.Abstain, h.Abstain!.Value) })
                    {
                        yield return new BallotRowCsv { Ballot = "hands", Channel = HandsChannel, Motion = m.Number, Choice = choice.ToString(), Section = section, Votes = votes };
                    }
                }
            }
        }
    }

    private const string PaperChannel = "Paper";
    private const string HandsChannel = "ShowOfHands";

    /// <summary>Pence as pounds with exactly two decimals (1200 → 12.00), exact: a decimal with scale 2.</summary>
    public static decimal Pounds(long pence) => new((int)(Math.Abs(pence) & 0xFFFFFFFF), (int)(Math.Abs(pence) >> 32), 0, pence < 0, 2);

    private async IAsyncEnumerable<RegisterRow> RegisterAsync(DateOnly asAt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var classes = await ClassNamesAsync(db, cancellationToken);
        var ordinary = classes.Keys.Min();

        // Holdings as at the date come from the journal: the sum of each member's entries effective on or before it.
        // When no entry is dated after the date (always so for today: entries are never dated in the future), that sum
        // is exactly the cached holding, which every ledger entry updates in its own transaction and VerifyHoldings
        // checks; reading the cache is a plain join instead of summing millions of entries.
        var latest = await db.LedgerEntries.MaxAsync(e => (DateOnly?)e.EffectiveDate, cancellationToken);
        var rows = RegisterRowReader.ReadAsync(db, asAt, fromLedger: latest is not null && latest > asAt, cancellationToken);
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            var ceased = r.DateCeased is { } c && c <= asAt ? c : (DateOnly?)null;
            yield return new RegisterRow
            {
                MemberNumber = r.MemberNumber,
                Name = r.Name,
                Kind = r.Kind.Describe(),
                RepresentedBody = r.RepresentedBody,
                Representative = r.RepresentativeName,
                JointHolders = r.JointHolders.Count == 0 ? null : string.Join("; ", r.JointHolders.Select(h => h.Name)),
                Address = r.Address,
                Postcode = r.Postcode,
                Country = r.Country,
                Email = r.NoticesByEmail ? r.Email : null,
                NoticesByEmail = r.NoticesByEmail,
                ShareClass = classes[r.ShareClassId ?? ordinary],
                Shares = r.Shares ?? 0,
                AmountPaidPounds = Pounds(r.PaidPence ?? 0),
                DateEntered = r.DateEntered,
                DateCeased = ceased,
            };
        }
    }

    private async IAsyncEnumerable<DuplicateRegisterRow> DuplicateRegisterAsync(DateOnly asAt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Members.AsNoTracking().Where(m => m.DateEntered <= asAt).OrderBy(m => m.MemberNumber)
            .Select(m => new { m.MemberNumber, m.Details.Name, m.Details.Kind, m.Details.RepresentedBody, m.Details.Address, m.Details.Postcode, m.Details.Country, m.DateEntered, m.DateCeased });
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new DuplicateRegisterRow
            {
                MemberNumber = r.MemberNumber,
                Name = r.Name,
                Kind = r.Kind.Describe(),
                RepresentedBody = r.RepresentedBody,
                Address = r.Address,
                Postcode = r.Postcode,
                Country = r.Country,
                DateEntered = r.DateEntered,
                DateCeased = r.DateCeased is { } c && c <= asAt ? c : null,
            };
        }
    }

    private async IAsyncEnumerable<LedgerRowCsv> LedgerAsync(DateOnly periodStart, DateOnly periodEnd, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var classes = await ClassNamesAsync(db, cancellationToken);
        var rows = from e in db.LedgerEntries.AsNoTracking()
                   where e.EffectiveDate >= periodStart && e.EffectiveDate <= periodEnd
                   join m in db.Members on e.MemberId equals m.Id
                   orderby e.EffectiveDate, e.Id
                   select new { e.Id, e.EffectiveDate, m.MemberNumber, m.Details.Name, e.ShareClassId, e.Kind, e.Shares, e.AmountPaidPence, e.Reference, e.ReversesEntryId, e.Note, e.RecordedAt, e.RecordedBy };
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new LedgerRowCsv
            {
                Id = r.Id,
                EffectiveDate = r.EffectiveDate,
                MemberNumber = r.MemberNumber,
                Name = r.Name,
                ShareClass = classes[r.ShareClassId],
                Kind = r.Kind.ToString(),
                Shares = r.Shares,
                AmountPaidPounds = Pounds(r.AmountPaidPence),
                Reference = r.Reference,
                ReversesEntryId = r.ReversesEntryId,
                Note = r.Note,
                RecordedAt = r.RecordedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                RecordedBy = r.RecordedBy,
            };
        }
    }

    private async IAsyncEnumerable<ApplicationRowCsv> ApplicationsAsync(DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var classes = await ClassNamesAsync(db, cancellationToken);
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var rows = db.Applications.AsNoTracking().Where(a => a.SubmittedAt >= start && a.SubmittedAt < end).OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id)
            .Select(a => new
            {
                a.Reference,
                a.SubmittedAt,
                a.Applicant.Name,
                a.Applicant.Kind,
                MemberNumber = db.Members.Where(m => m.Id == a.MemberId).Select(m => (long?)m.MemberNumber).FirstOrDefault(),
                a.ShareClassId,
                a.SharesRequested,
                a.AmountPence,
                a.PaidPence,
                Payments = db.ApplicationPayments.Count(p => p.ApplicationId == a.Id),
                LastPayment = db.ApplicationPayments.Where(p => p.ApplicationId == a.Id).Max(p => (DateOnly?)p.ReceivedOn),
                a.PaymentMethod,
                a.Status,
                a.AllottedShares,
                a.ClosedReason,
            });
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new ApplicationRowCsv
            {
                Reference = r.Reference,
                Submitted = DateOnly.FromDateTime(r.SubmittedAt),
                Applicant = r.Name,
                Kind = r.Kind.Describe(),
                MemberNumber = r.MemberNumber,
                ShareClass = classes[r.ShareClassId],
                Shares = r.SharesRequested,
                AmountPounds = Pounds(r.AmountPence),
                PaidPounds = Pounds(r.PaidPence),
                Payments = r.Payments,
                LastPayment = r.LastPayment,
                Method = r.PaymentMethod.Describe(),
                Status = r.Status.Describe(),
                SharesAllotted = r.AllottedShares,
                ClosedReason = r.ClosedReason,
            };
        }
    }

    private async IAsyncEnumerable<NoticeRow> NoticeListAsync(DateOnly asAt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Members.AsNoTracking().Where(m => m.DateEntered <= asAt && (m.DateCeased == null || m.DateCeased > asAt))
            .OrderBy(m => m.MemberNumber).Select(m => new { m.MemberNumber, m.Details });
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var d = r.Details;
            var byEmail = d.NoticesByEmail && !string.IsNullOrEmpty(d.Email);
            yield return new NoticeRow
            {
                MemberNumber = r.MemberNumber,
                Name = d.RegisterName,
                Role = d.Kind switch
                {
                    MemberKind.Joint => "First-named joint holder",
                    MemberKind.Corporate or MemberKind.RegisteredSociety when d.RepresentativeName is not null => $"Organisation (representative: {d.RepresentativeName})",
                    MemberKind.Nominee => "Nominee",
                    _ => "Member",
                },
                SendBy = byEmail ? "E-mail" : "Post",
                Email = byEmail ? d.Email : null,
                Address = d.Address,
                Postcode = d.Postcode,
                Country = d.Country,
            };

            // Joint holders other than the first-named receive notices too (domain rule 10).
            foreach (var holder in d.JointHolders)
            {
                var holderByEmail = d.NoticesByEmail && !string.IsNullOrEmpty(holder.Email);
                yield return new NoticeRow
                {
                    MemberNumber = r.MemberNumber,
                    Name = holder.Name,
                    Role = "Joint holder",
                    SendBy = holderByEmail ? "E-mail" : "Post",
                    Email = holderByEmail ? holder.Email : null,
                    Address = d.Address,
                    Postcode = d.Postcode,
                    Country = d.Country,
                };
            }
        }
    }

    private async IAsyncEnumerable<CertificateRowCsv> CertificatesAsync(DateOnly asAt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var classes = await ClassNamesAsync(db, cancellationToken);
        var rows = from c in db.Certificates.AsNoTracking()
                   where c.IssuedOn <= asAt
                   join m in db.Members on c.MemberId equals m.Id
                   orderby c.Number, c.DuplicateSequence
                   select new
                   {
                       c.Number,
                       c.DuplicateSequence,
                       m.MemberNumber,
                       m.Details.Name,
                       c.ShareClassId,
                       c.Shares,
                       c.NominalValuePence,
                       c.AmountPaidPence,
                       c.IssuedOn,
                       c.Status,
                       ReplacedBy = db.Certificates.Where(r => r.Id == c.ReplacedById).Select(r => (long?)r.Number).FirstOrDefault(),
                       c.EndedOn,
                       c.EndReason,
                   };
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            // As at a date before it ended, a certificate was still issued.
            var ended = r.EndedOn is { } e && e <= asAt;
            yield return new CertificateRowCsv
            {
                Number = r.Number,
                Duplicate = r.DuplicateSequence > 0,
                MemberNumber = r.MemberNumber,
                Name = r.Name,
                ShareClass = classes[r.ShareClassId],
                Shares = r.Shares,
                NominalPounds = Pounds(r.NominalValuePence),
                AmountPaidPounds = Pounds(r.AmountPaidPence),
                IssuedOn = r.IssuedOn,
                Status = ended ? r.Status.ToString() : nameof(CertificateStatus.Issued),
                ReplacedBy = ended ? r.ReplacedBy : null,
                EndedOn = ended ? r.EndedOn : null,
                Reason = ended ? r.EndReason : null,
            };
        }
    }

    private async IAsyncEnumerable<MovementRow> MovementsAsync(DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var before = from.AddDays(-1);
        var membersAtStart = await db.Members.CountAsync(m => m.DateEntered <= before && (m.DateCeased == null || m.DateCeased > before), cancellationToken);
        var membersAtEnd = await db.Members.CountAsync(m => m.DateEntered <= to && (m.DateCeased == null || m.DateCeased > to), cancellationToken);
        var joined = await db.Members.CountAsync(m => m.DateEntered >= from && m.DateEntered <= to, cancellationToken);
        var ceased = await db.Members.CountAsync(m => m.DateCeased != null && m.DateCeased >= from && m.DateCeased <= to, cancellationToken);
        yield return new MovementRow { ShareClass = "All", Figure = "Members at start", Value = membersAtStart, Unit = "members" };
        yield return new MovementRow { ShareClass = "All", Figure = "Members joined", Value = joined, Unit = "members" };
        yield return new MovementRow { ShareClass = "All", Figure = "Members ceased", Value = ceased, Unit = "members" };
        yield return new MovementRow { ShareClass = "All", Figure = "Members at end", Value = membersAtEnd, Unit = "members" };

        foreach (var (classId, className) in await ClassNamesAsync(db, cancellationToken))
        {
            var atStart = await db.LedgerEntries.Where(e => e.ShareClassId == classId && e.EffectiveDate < from)
                .GroupBy(e => 1).Select(g => new { Shares = g.Sum(e => e.Shares), Paid = g.Sum(e => e.AmountPaidPence) }).SingleOrDefaultAsync(cancellationToken);
            var inPeriod = await db.LedgerEntries.Where(e => e.ShareClassId == classId && e.EffectiveDate >= from && e.EffectiveDate <= to)
                .GroupBy(e => e.Kind).Select(g => new { Kind = g.Key, Shares = g.Sum(e => e.Shares), Paid = g.Sum(e => e.AmountPaidPence) }).ToListAsync(cancellationToken);
            long Moved(params LedgerEntryKind[] kinds) => inPeriod.Where(x => kinds.Contains(x.Kind)).Sum(x => x.Shares);
            var startShares = atStart?.Shares ?? 0;
            var startPaid = atStart?.Paid ?? 0;
            var endShares = startShares + inPeriod.Sum(x => x.Shares);
            var endPaid = startPaid + inPeriod.Sum(x => x.Paid);
            yield return new MovementRow { ShareClass = className, Figure = "Shares at start", Value = startShares, Unit = "shares" };
            yield return new MovementRow { ShareClass = className, Figure = "Capital at start", Value = Pounds(startPaid), Unit = "£" };
            yield return new MovementRow { ShareClass = className, Figure = "Shares allotted", Value = Moved(LedgerEntryKind.Allotment), Unit = "shares" };
            yield return new MovementRow { ShareClass = className, Figure = "Shares withdrawn", Value = -Moved(LedgerEntryKind.Withdrawal), Unit = "shares" };
            yield return new MovementRow { ShareClass = className, Figure = "Shares transferred in", Value = Moved(LedgerEntryKind.TransferIn), Unit = "shares" };
            yield return new MovementRow { ShareClass = className, Figure = "Shares transferred out", Value = -Moved(LedgerEntryKind.TransferOut), Unit = "shares" };
            yield return new MovementRow { ShareClass = className, Figure = "Shares transmitted on death", Value = Moved(LedgerEntryKind.Transmission), Unit = "shares" };
            yield return new MovementRow { ShareClass = className, Figure = "Shares forfeited", Value = -Moved(LedgerEntryKind.Forfeiture), Unit = "shares" };
            yield return new MovementRow { ShareClass = className, Figure = "Corrections (reversals)", Value = Moved(LedgerEntryKind.Reversal), Unit = "shares" };
            yield return new MovementRow { ShareClass = className, Figure = "Shares at end", Value = endShares, Unit = "shares" };
            yield return new MovementRow { ShareClass = className, Figure = "Capital at end", Value = Pounds(endPaid), Unit = "£" };
        }
    }

    /// <summary>Everyone appointed on or before the date; an appointment that ended after it shows as still held then.</summary>
    private async IAsyncEnumerable<OfficerRowCsv> OfficersAsync(DateOnly asAt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Officers.AsNoTracking().Where(o => o.AppointedOn <= asAt).OrderBy(o => o.AppointedOn).ThenBy(o => o.Id)
            .Select(o => new
            {
                o.Name, o.Office, o.Address, o.AppointedOn, o.CeasedOn, o.CeasedReason,
                MemberNumber = db.Members.Where(m => m.Id == o.MemberId).Select(m => (long?)m.MemberNumber).FirstOrDefault(),
            });
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var ended = r.CeasedOn is { } c && c <= asAt;
            yield return new OfficerRowCsv
            {
                Name = r.Name,
                Office = r.Office,
                Address = r.Address,
                MemberNumber = r.MemberNumber,
                AppointedOn = r.AppointedOn,
                CeasedOn = ended ? r.CeasedOn : null,
                CeasedReason = ended ? r.CeasedReason : null,
            };
        }
    }

    private static async Task<Dictionary<int, string>> ClassNamesAsync(RegisterDbContext db, CancellationToken cancellationToken) =>
        await db.ShareClasses.AsNoTracking().OrderBy(c => c.Id).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);

    private static IAsyncEnumerable<T> Count<T>(IAsyncEnumerable<T> rows, Counter counter) => ReadAhead.Of(rows, () => counter.Value++);

    private sealed class Counter
    {
        public int Value { get; set; }
    }
}
