using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CoopRegister.Data.Bulk;
using CoopRegister.Domain;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Audit;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;

namespace CoopRegister.Features.Demo;

/// <summary>
/// Makes a realistic register for demonstrations and for measuring the app at scale (quality.md: a million members):
/// members of every kind with names from the traditions of the people who join (<see cref="DemoNames"/>), UK
/// addresses whose postcodes match their towns, decades of dated allotments, top-ups and withdrawals, members who
/// ceased, and applications still waiting for payment or allotment.
/// <para>
/// Everything goes through the domain: members are admitted by <see cref="Member.Admit"/> (so their details are
/// validated and their search keys computed as the app computes them), ledger entries are made by
/// <see cref="LedgerEntry"/>'s factories after <see cref="HoldingRules.CheckAddition"/>, holdings by
/// <see cref="Holding.Apply"/>, and applications by <see cref="ShareApplication.Submit"/> and
/// <see cref="ShareApplication.RecordPayment"/>. A rule the generator broke would be an exception, not a bad row.
/// </para>
/// <para>
/// Deterministic: one <see cref="Random"/> seeded from the options, no clock, no GUIDs, and members made in order of
/// entry, so the same options and starting keys give the same rows whatever the batch size. E-mail addresses use
/// reserved domains (example.com, .example: RFC 2606) and telephone numbers Ofcom's drama ranges, so a demo register
/// can never reach a real person.
/// </para>
/// </summary>
public sealed class DemoRegisterGenerator
{
    private const string ReferenceAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static readonly string[] EmailDomains = ["example.com", "example.org", "example.net", "mail.example", "post.example", "inbox.example", "webmail.example"];

    /// <summary>First purchases by people, in pounds, with how often each is chosen.</summary>
    private static readonly (long Pounds, int Weight)[] FirstPurchase =
        [(1, 4), (5, 4), (10, 14), (20, 10), (25, 10), (50, 15), (100, 15), (200, 8), (250, 5), (500, 7), (1_000, 4), (2_500, 2), (5_000, 1)];

    private static readonly (long Pounds, int Weight)[] OrganisationPurchase =
        [(50, 5), (100, 20), (250, 20), (500, 20), (1_000, 15), (2_000, 8), (5_000, 7), (10_000, 4), (25_000, 1)];

    private static readonly (long Pounds, int Weight)[] TopUp =
        [(5, 8), (10, 18), (20, 15), (25, 12), (50, 16), (100, 14), (150, 4), (200, 5), (250, 3), (500, 3), (1_000, 1), (2_000, 1)];

    /// <summary>Ages on entry, by band (a readers' co-operative's members are mostly middle-aged and older).</summary>
    private static readonly (int From, int To, int Weight)[] AgeOnEntry =
        [(16, 24, 6), (25, 34, 12), (35, 44, 15), (45, 54, 18), (55, 64, 22), (65, 74, 18), (75, 90, 9)];

    private readonly DemoRegisterOptions _options;
    private readonly SocietyDetails _society;
    private readonly ShareClass _shareClass;
    private readonly BulkKeyAssigner _keys;
    private readonly Random _random;
    private readonly HashSet<string> _references;
    private readonly long _nominal;
    private readonly int _minimumAge;
    private readonly DateOnly[] _meetings;
    private readonly double[] _cumulative;
    private readonly double _ceasedPerDay;
    private int _meeting;
    private bool _started;

    /// <param name="options">What to make.</param>
    /// <param name="society">The society's settings: minimum age, share value, minimum holding and caps.</param>
    /// <param name="shareClass">The class allotted (the ordinary shares), with its key.</param>
    /// <param name="keys">Numbers members and keys rows; its starting point is where the register stands now.</param>
    /// <param name="takenReferences">Application references already in the register, never to be issued again.</param>
    public DemoRegisterGenerator(DemoRegisterOptions options, SocietyDetails society, ShareClass shareClass, BulkKeyAssigner keys, IEnumerable<string>? takenReferences = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(society);
        ArgumentNullException.ThrowIfNull(shareClass);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Members);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Years, 1);
        _options = options;
        _society = society;
        _shareClass = shareClass;
        _keys = keys;
        _random = new Random(options.Seed);
        _references = new HashSet<string>(takenReferences ?? [], StringComparer.Ordinal);
        _nominal = shareClass.NominalValuePence;
        _minimumAge = Math.Max(StatutoryLimits.MinimumAgeForOfficersAndWithdrawal, society.MinimumAge ?? 0);
        (_meetings, _cumulative) = CommitteeMeetings();

        // Members who have been members longer are likelier to have ceased; scale so that the expected share is CeasedShare.
        var expectedDays = 0.0;
        for (var k = 0; k < _meetings.Length; k++)
        {
            expectedDays += (_cumulative[k] - (k == 0 ? 0 : _cumulative[k - 1])) * (options.Today.DayNumber - _meetings[k].DayNumber);
        }

        _ceasedPerDay = expectedDays > 0 ? options.CeasedShare / expectedDays : 0;
    }

    /// <summary>
    /// The register in batches of at most <paramref name="batchSize"/> members, numbered and keyed, ready to write. A
    /// generator makes its register once: it draws from one random sequence and numbers from one key assigner.
    /// </summary>
    /// <param name="batchSize">Members per batch.</param>
    /// <param name="audit">Makes the audit event that records a batch; called once per batch, before it is closed.</param>
    public IEnumerable<RegisterBatch> Generate(int batchSize, Func<RegisterBatch, AuditEvent>? audit = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (_started)
        {
            throw new InvalidOperationException("This generator has made its register already; make a new generator for another.");
        }

        _started = true;
        return Batches(batchSize, audit);
    }

    private IEnumerable<RegisterBatch> Batches(int batchSize, Func<RegisterBatch, AuditEvent>? audit)
    {
        var batch = new RegisterBatch(_keys.Next);
        for (var i = 0; i < _options.Members; i++)
        {
            AddMember(batch, i);
            if (batch.Members.Count == batchSize)
            {
                yield return Close(batch, audit);
                batch = new RegisterBatch(_keys.Next);
            }
        }

        if (batch.Members.Count > 0 || batch.Applications.Count > 0)
        {
            yield return Close(batch, audit);
        }
    }

    private RegisterBatch Close(RegisterBatch batch, Func<RegisterBatch, AuditEvent>? audit)
    {
        if (audit is not null)
        {
            batch.End = _keys.Next;
            var e = audit(batch);
            _keys.AssignKey(e);
            batch.AuditEvents.Add(e);
        }

        batch.End = _keys.Next;
        return batch;
    }

    /// <summary>
    /// The committee's monthly meetings (the second Wednesday) over the years of history, each weighted by how many
    /// members it admits: membership grows over time, the spring and autumn share appeals bring more, and some years
    /// (campaigns, anniversaries) are better than others.
    /// </summary>
    private (DateOnly[] Meetings, double[] Cumulative) CommitteeMeetings()
    {
        var today = _options.Today;
        var from = today.AddYears(-_options.Years);
        if (_options.EnteredFrom is { } earliest && earliest > from)
        {
            from = earliest > today ? today : earliest;
        }

        var meetings = new List<DateOnly>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= today; month = month.AddMonths(1))
        {
            var firstWednesday = month.AddDays(((int)DayOfWeek.Wednesday - (int)month.DayOfWeek + 7) % 7);
            var meeting = firstWednesday.AddDays(7);
            if (meeting >= from && meeting <= today)
            {
                meetings.Add(meeting);
            }
        }

        if (meetings.Count == 0)
        {
            meetings.Add(today);
        }

        var yearFactor = new Dictionary<int, double>();
        var weights = new double[meetings.Count];
        var total = 0.0;
        for (var k = 0; k < meetings.Count; k++)
        {
            var year = meetings[k].Year;
            if (!yearFactor.TryGetValue(year, out var factor))
            {
                factor = 0.75 + (_random.NextDouble() * 0.7);
                yearFactor[year] = factor;
            }

            var t = meetings.Count == 1 ? 1 : (double)k / (meetings.Count - 1);
            var appeal = meetings[k].Month is 3 or 10 ? 1.6 : 1.0;
            weights[k] = (0.35 + (2.6 * Math.Pow(t, 1.6))) * appeal * factor;
            total += weights[k];
        }

        var cumulative = new double[weights.Length];
        var sum = 0.0;
        for (var k = 0; k < weights.Length; k++)
        {
            sum += weights[k];
            cumulative[k] = sum / total;
        }

        cumulative[^1] = 1.0;
        return (meetings.ToArray(), cumulative);
    }

    private void AddMember(RegisterBatch batch, int index)
    {
        // Members are made in order of entry, so member numbers follow the dates they were entered.
        var share = (index + 0.5) / _options.Members;
        while (_meeting < _cumulative.Length - 1 && _cumulative[_meeting] < share)
        {
            _meeting++;
        }

        var entered = _meetings[_meeting];
        var kind = PickKind();
        var details = Details(kind, entered, allowAbroad: true);
        var createdAt = Instant(entered);
        var marketing = _random.NextDouble() < 0.35;
        var member = Member.Admit(_keys.TakeMemberNumber(), details, marketing, entered, _society, entered, createdAt);
        var memberId = _keys.AssignKey(member);
        batch.Members.Add(member);

        var ceased = CeasedOn(entered);
        var holding = Holding.Empty(memberId, _shareClass.Id);
        History(batch, member, holding, ceased, createdAt);
        batch.Holdings.Add(holding);

        if (_random.NextDouble() < _options.PendingApplicationShare)
        {
            var topUp = ceased is null && _random.NextDouble() < 0.3;
            batch.Applications.Add(topUp && Room(kind, holding.Shares) >= 1 ? TopUpApplication(member, holding) : NewApplication());
            _keys.AssignKeys(batch.Applications[^1]);
        }
    }

    private MemberKind PickKind()
    {
        var r = _random.NextDouble();
        MemberKind kind;
        if (r < _options.OrganisationShare)
        {
            // Organisations: most are union branches and other unincorporated bodies holding through a nominee.
            var o = r / _options.OrganisationShare;
            kind = o < 0.70 ? MemberKind.Nominee : o < 0.90 ? MemberKind.Corporate : MemberKind.RegisteredSociety;
        }
        else
        {
            kind = r < _options.OrganisationShare + _options.JointShare ? MemberKind.Joint : MemberKind.Individual;
        }

        // A class the rules close to a kind is not offered to it (domain rule 12).
        return _shareClass.AllowsKind(kind) ? kind : MemberKind.Individual;
    }

    /// <summary>The date a member ceased, or null: likelier the longer they have been a member.</summary>
    private DateOnly? CeasedOn(DateOnly entered)
    {
        var days = _options.Today.DayNumber - entered.DayNumber;
        if (days < 60 || _random.NextDouble() >= Math.Min(0.9, _ceasedPerDay * days))
        {
            return null;
        }

        return entered.AddDays(30 + _random.Next(days - 30));
    }

    /// <summary>
    /// The member's ledger: the allotment that admitted them, top-ups at later committee meetings, perhaps a partial
    /// withdrawal, and, for a member who ceased, the entry that took the holding to nothing. Each allotment is checked
    /// against the holding rules (Act s.24 cap, minimum holding) before it is made.
    /// </summary>
    private void History(RegisterBatch batch, Member member, Holding holding, DateOnly? ceased, DateTime createdAt)
    {
        var kind = member.Details.Kind;
        var first = Math.Max(_shareClass.MinimumHoldingShares, Shares(kind.IsOrganisation() || kind == MemberKind.Nominee ? OrganisationPurchase : FirstPurchase));
        if (kind is MemberKind.Individual or MemberKind.Joint && _random.NextDouble() < 0.004)
        {
            // A few members hold a great deal, some of them right up to the cap.
            first = _random.NextDouble() < 0.2 ? long.MaxValue : 20_000_00 / _nominal * (1 + _random.Next(5));
        }

        first = Math.Max(1, Math.Min(first, Room(kind, 0)));
        Allot(batch, member, holding, member.DateEntered, first, createdAt, $"Admission {Iso(member.DateEntered)}", becomingMember: true);

        var end = ceased ?? _options.Today.AddDays(1);
        var later = 0;
        for (var k = _meeting + 1; k < _meetings.Length && _meetings[k] < end; k++)
        {
            later++;
        }

        var steps = new List<(DateOnly Date, bool Withdraw)>();
        var count = kind is MemberKind.Nominee or MemberKind.Corporate or MemberKind.RegisteredSociety
            ? (int)(later / 12.0 * _random.NextDouble())
            : TopUpCount();
        count = Math.Min(count, later / 2);
        for (var i = 0; i < count; i++)
        {
            steps.Add((_meetings[_meeting + 1 + _random.Next(later)], false));
        }

        if (ceased is null && later > 0 && _random.NextDouble() < 0.04)
        {
            steps.Add((_meetings[_meeting + 1 + _random.Next(later)], true));
        }

        steps.Sort((a, b) => a.Date.CompareTo(b.Date));
        foreach (var (date, withdraw) in steps)
        {
            var at = Instant(date);
            if (withdraw)
            {
                var above = holding.Shares - Math.Max(1, _shareClass.MinimumHoldingShares);
                if (above > 0)
                {
                    var shares = Math.Max(1, (long)(above * (0.2 + (_random.NextDouble() * 0.6))));
                    Move(batch, holding, LedgerEntryKind.Withdrawal, date, shares, at, $"Withdrawal {Iso(date)}",
                        $"Part withdrawal after {_society.WithdrawalNoticeDays.ToString(CultureInfo.InvariantCulture)} days' notice.");
                }
            }
            else
            {
                var shares = Math.Min(Shares(TopUp), Room(kind, holding.Shares));
                if (shares >= 1)
                {
                    var reference = date.Month is 3 or 10 ? $"Share appeal {date.Year.ToString(CultureInfo.InvariantCulture)}" : $"Top-up {Iso(date)}";
                    Allot(batch, member, holding, date, shares, at, reference, becomingMember: false);
                }
            }
        }

        if (ceased is { } on)
        {
            Cease(batch, member, holding, on);
        }
    }

    private void Cease(RegisterBatch batch, Member member, Holding holding, DateOnly on)
    {
        var at = Instant(on);
        var age = member.Details.DateOfBirth is { } dob ? PersonDetails.AgeOn(dob, on) : 0;
        var organisation = member.Details.Kind is MemberKind.Corporate or MemberKind.RegisteredSociety;
        var r = _random.NextDouble();
        (string Reason, LedgerEntryKind Kind, string Note) how;
        if (organisation || (member.Details.Kind == MemberKind.Nominee && r < 0.5))
        {
            how = r < 0.4
                ? ("The body was wound up.", LedgerEntryKind.Withdrawal, "Repaid in full on winding up.")
                : r < 0.7
                    ? ("Merged into another body, which holds shares in its own right.", LedgerEntryKind.Withdrawal, "Repaid in full on merger.")
                    : ("Resigned by letter from the secretary.", LedgerEntryKind.Withdrawal, "Repaid in full on resignation.");
        }
        else if (r < (age >= 75 ? 0.65 : 0.12))
        {
            how = ("Died; death notified by the family.", LedgerEntryKind.Transmission,
                "Transmitted to the personal representatives and repaid (Act s.40: up to £5,000 without probate).");
        }
        else if (r < 0.55)
        {
            how = ("Resigned in writing.", LedgerEntryKind.Withdrawal, "Repaid in full on resignation.");
        }
        else if (r < 0.80)
        {
            how = ("Lost contact: no reply to communications for two years.", LedgerEntryKind.Forfeiture, "Forfeited under the rules after two years without contact.");
        }
        else if (r < 0.95)
        {
            how = ("Withdrew every share, falling below the minimum holding.", LedgerEntryKind.Withdrawal, "Withdrawn in full after notice.");
        }
        else
        {
            how = ("Expelled by resolution of the committee.", LedgerEntryKind.Withdrawal, "Repaid in full on expulsion.");
        }

        if (holding.Shares > 0)
        {
            Move(batch, holding, how.Kind, on, holding.Shares, at, $"Ceased {Iso(on)}", how.Note);
        }

        member.Cease(on, KindOf(how.Reason), how.Reason, at);
    }

    private static CessationKind KindOf(string reason) => reason switch
    {
        _ when reason.StartsWith("Died", StringComparison.Ordinal) => CessationKind.Death,
        _ when reason.StartsWith("Lost contact", StringComparison.Ordinal) => CessationKind.LostContact,
        _ when reason.StartsWith("Withdrew", StringComparison.Ordinal) => CessationKind.BelowMinimum,
        _ when reason.StartsWith("Expelled", StringComparison.Ordinal) => CessationKind.Expulsion,
        _ when reason.StartsWith("Resigned", StringComparison.Ordinal) => CessationKind.Resignation,
        _ => CessationKind.Other,
    };

    private void Allot(RegisterBatch batch, Member member, Holding holding, DateOnly date, long shares, DateTime at, string reference, bool becomingMember)
    {
        var errors = HoldingRules.CheckAddition(member.Details.Kind, _shareClass, _society, holding.Shares, shares, becomingMember);
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        var entry = LedgerEntry.Allotment(holding.MemberId, _shareClass.Id, date, shares, checked(shares * _nominal), reference, null, at, _options.RecordedBy);
        _keys.AssignKey(entry);
        holding.Apply(entry);
        batch.LedgerEntries.Add(entry);
    }

    /// <summary>A movement that takes shares away (withdrawal, transmission on death, forfeiture), fully paid shares repaid at par.</summary>
    private void Move(RegisterBatch batch, Holding holding, LedgerEntryKind kind, DateOnly date, long shares, DateTime at, string reference, string note)
    {
        var entry = LedgerEntry.Movement(kind, holding.MemberId, _shareClass.Id, date, -shares, -checked(shares * _nominal), reference, note, at, _options.RecordedBy);
        _keys.AssignKey(entry);
        holding.Apply(entry);
        batch.LedgerEntries.Add(entry);
    }

    /// <summary>How many more shares the member may hold: the cap for the kind (Act s.24; a registered society only the rules' maximum).</summary>
    private long Room(MemberKind kind, long current)
    {
        var cap = HoldingRules.CapFor(kind, _shareClass, _society);
        return cap is { } c ? Math.Max(0, (c.Pence / _nominal) - current) : long.MaxValue - current;
    }

    private int TopUpCount()
    {
        var r = _random.NextDouble();
        return r switch
        {
            < 0.50 => 0,
            < 0.72 => 1,
            < 0.83 => 2,
            < 0.89 => 3,
            < 0.96 => 4 + _random.Next(3),
            _ => 7 + _random.Next(9),
        };
    }

    private long Shares((long Pounds, int Weight)[] table)
    {
        var total = 0;
        foreach (var (_, w) in table)
        {
            total += w;
        }

        var r = _random.Next(total);
        foreach (var (pounds, w) in table)
        {
            if ((r -= w) < 0)
            {
                return Math.Max(1, pounds * 100 / _nominal);
            }
        }

        return 1;
    }

    private PersonDetails Details(MemberKind kind, DateOnly on, bool allowAbroad)
    {
        var abroad = allowAbroad && kind is MemberKind.Individual or MemberKind.Joint && _random.NextDouble() < 0.005;
        var town = PickTown();
        var female = _random.Next(2) == 0;
        var tradition = PickTradition(town);
        var (given, family, name) = PersonName(tradition, female);
        var (address, postcode, country) = abroad ? AbroadAddress() : Address(town, tradition);
        var person = kind is MemberKind.Individual or MemberKind.Joint;
        var details = new PersonDetails
        {
            Kind = kind,
            Name = name,
            Address = address,
            Postcode = postcode,
            Country = country,
            Phone = _random.NextDouble() < 0.45 ? Phone(town, abroad) : null,
            DateOfBirth = person || (kind == MemberKind.Nominee && _random.NextDouble() < 0.3) ? DateOfBirth(on) : null,
        };

        switch (kind)
        {
            case MemberKind.Joint:
                details = details with { JointHolders = JointHolders(tradition, family, female) };
                break;
            case MemberKind.Nominee:
                details = details with
                {
                    RepresentedBody = DemoOrganisations.UnincorporatedBody(_random, town),
                    RepresentedBodyAddress = _random.NextDouble() < 0.5 ? BodyAddress(town) : null,
                };
                break;
            case MemberKind.Corporate:
                var (company, companyNumber) = DemoOrganisations.Company(_random, town, family.Male);
                details = details with { Name = company, OrganisationNumber = companyNumber, RepresentativeName = name, DateOfBirth = null };
                break;
            case MemberKind.RegisteredSociety:
                var (society, societyNumber) = DemoOrganisations.Society(_random, town);
                details = details with { Name = society, OrganisationNumber = societyNumber, RepresentativeName = name, DateOfBirth = null };
                break;
        }

        var emailChance = kind == MemberKind.Individual ? 0.85 : 0.9;
        if (_random.NextDouble() < emailChance)
        {
            var email = kind is MemberKind.Corporate or MemberKind.RegisteredSociety
                ? $"{Pick("office", "secretary", "info", "accounts")}@{Slug(details.Name)}.example"
                : kind == MemberKind.Nominee && _random.NextDouble() < 0.5
                    ? $"{Pick("secretary", "treasurer", "branch")}@{Slug(details.RepresentedBody!)}.example"
                    : PersonalEmail(given, family.For(female), details.DateOfBirth);
            details = details with { Email = email, NoticesByEmail = _random.NextDouble() < 0.7 };
        }

        return details;
    }

    private Town PickTown()
    {
        var r = _random.Next(DemoPlaces.TotalWeight);
        foreach (var town in DemoPlaces.Towns)
        {
            if ((r -= town.Weight) < 0)
            {
                return town;
            }
        }

        return DemoPlaces.Towns[0];
    }

    /// <summary>Mostly the country's mix; in Wales, Scotland and Northern Ireland, more often the local tradition.</summary>
    private NameTradition PickTradition(Town town)
    {
        var local = town.Nation switch
        {
            Nation.Wales => "Welsh",
            Nation.Scotland => "Scottish",
            Nation.NorthernIreland => "Irish",
            _ => null,
        };
        if (local is not null && _random.NextDouble() < 0.45)
        {
            return Array.Find(DemoNames.Traditions, t => t.Name == local)!;
        }

        var r = _random.Next(DemoNames.TotalWeight);
        foreach (var tradition in DemoNames.Traditions)
        {
            if ((r -= tradition.Weight) < 0)
            {
                return tradition;
            }
        }

        return DemoNames.Traditions[0];
    }

    private (string Given, FamilyName Family, string Name) PersonName(NameTradition tradition, bool female)
    {
        var givenNames = female ? tradition.Female : tradition.Male;
        var given = givenNames[_random.Next(givenNames.Length)];
        var family = tradition.Family[_random.Next(tradition.Family.Length)];
        var surname = family.For(female);
        var sb = new StringBuilder(given);
        if (_random.NextDouble() < 0.18)
        {
            var middle = givenNames[_random.Next(givenNames.Length)];
            if (middle != given)
            {
                sb.Append(' ').Append(middle);
            }
        }

        sb.Append(' ');
        if (tradition.Name == "English" && _random.NextDouble() < 0.02)
        {
            var other = tradition.Family[_random.Next(tradition.Family.Length)].For(female);
            if (other != surname)
            {
                sb.Append(other).Append('-');
            }
        }

        sb.Append(surname);
        return (given, family, sb.ToString());
    }

    private List<JointHolder> JointHolders(NameTradition tradition, FamilyName family, bool firstFemale)
    {
        var holders = new List<JointHolder>();
        var count = _random.NextDouble() < 0.85 ? 1 : 2;
        for (var i = 0; i < count; i++)
        {
            // The first other holder is usually a partner, often with the same family name; a second is usually grown-up family.
            var female = i == 0 ? !firstFemale : _random.Next(2) == 0;
            string name;
            string given;
            string surname;
            if (_random.NextDouble() < 0.6)
            {
                var givenNames = female ? tradition.Female : tradition.Male;
                given = givenNames[_random.Next(givenNames.Length)];
                surname = family.For(female);
                name = $"{given} {surname}";
            }
            else
            {
                var other = PickTradition(DemoPlaces.Towns[0]);
                (given, var otherFamily, name) = PersonName(other, female);
                surname = otherFamily.For(female);
            }

            var email = _random.NextDouble() < 0.5 ? PersonalEmail(given, surname, null) : null;
            holders.Add(new JointHolder(name, email));
        }

        return holders;
    }

    /// <summary>
    /// A date of birth that makes the person at least the minimum age on <paramref name="on"/>, and at most 97
    /// today: someone who joined thirty years ago at 80 and has not ceased would be a living 110-year-old.
    /// </summary>
    private DateOnly DateOfBirth(DateOnly on)
    {
        var total = 0;
        foreach (var (_, _, w) in AgeOnEntry)
        {
            total += w;
        }

        var oldest = Math.Max(_minimumAge, Math.Min(90, 97 - ((_options.Today.DayNumber - on.DayNumber) / 366)));
        var age = 0;
        for (var attempt = 0; attempt < 8 && (age < _minimumAge || age > oldest); attempt++)
        {
            var r = _random.Next(total);
            foreach (var (from, to, w) in AgeOnEntry)
            {
                if ((r -= w) < 0)
                {
                    age = from + _random.Next(to - from + 1);
                    break;
                }
            }
        }

        age = Math.Clamp(age, _minimumAge, oldest);

        // Born between 'age' years and 'age' years less a day before entry: exactly 'age' on the day of entry.
        var dob = on.AddYears(-age).AddDays(-_random.Next(364));
        var earliest = _options.Today.AddYears(-125);
        return dob < earliest ? earliest : dob;
    }

    private (string Address, string Postcode, string Country) Address(Town town, NameTradition tradition)
    {
        var streets = DemoPlaces.StreetsOf(town);
        var street = streets[_random.Next(streets.Length)];
        var number = (1 + _random.Next(_random.NextDouble() < 0.8 ? 120 : 400)).ToString(CultureInfo.InvariantCulture);
        var lines = new List<string>(4);
        var r = _random.NextDouble();
        if (town.Nation == Nation.Scotland && r < 0.35)
        {
            // Scottish tenements: floor and position ("2/1" in Glasgow, "2F1" in Edinburgh).
            var floor = 1 + _random.Next(4);
            var position = 1 + _random.Next(3);
            lines.Add(town.Name == "Edinburgh"
                ? $"{floor.ToString(CultureInfo.InvariantCulture)}F{position.ToString(CultureInfo.InvariantCulture)}, {number} {street}"
                : $"Flat {floor.ToString(CultureInfo.InvariantCulture)}/{position.ToString(CultureInfo.InvariantCulture)}, {number} {street}");
        }
        else if (r < 0.15)
        {
            var flat = (1 + _random.Next(60)).ToString(CultureInfo.InvariantCulture);
            lines.Add(_random.Next(2) == 0
                ? $"Flat {flat}, {DemoPlaces.FlatBlocks[_random.Next(DemoPlaces.FlatBlocks.Length)]}"
                : $"Flat {flat}");
            lines.Add($"{number} {street}");
        }
        else if (r < 0.23)
        {
            var houses = town.Nation == Nation.Wales ? DemoPlaces.WelshHouseNames : DemoPlaces.HouseNames;
            lines.Add(houses[_random.Next(houses.Length)]);
            lines.Add(street);
        }
        else
        {
            lines.Add($"{number} {street}");
        }

        if (town.Localities is { } localities && _random.NextDouble() < 0.4)
        {
            lines.Add(localities[_random.Next(localities.Length)]);
        }

        // Welsh and Gaelic speakers often write the town's own name.
        var localName = town.OtherName is { } other && (tradition.Name is "Welsh" or "Scottish" or "Irish") && _random.NextDouble() < 0.5 ? other : town.Name;
        lines.Add(localName);
        return (string.Join('\n', lines), Postcode(town), PersonDetails.UnitedKingdom);
    }

    private string Postcode(Town town)
    {
        var district = town.Districts[_random.Next(town.Districts.Length)];
        var letters = DemoPlaces.InwardLetters;
        return string.Create(CultureInfo.InvariantCulture,
            $"{district} {_random.Next(10)}{letters[_random.Next(letters.Length)]}{letters[_random.Next(letters.Length)]}");
    }

    private (string Address, string Postcode, string Country) AbroadAddress()
    {
        var place = DemoPlaces.Abroad[_random.Next(DemoPlaces.Abroad.Length)];
        var street = place.Streets[_random.Next(place.Streets.Length)];
        var number = (1 + _random.Next(150)).ToString(CultureInfo.InvariantCulture);
        var line = place.Country is "France" or "United States" or "Australia" or "Canada" or "Ireland" ? $"{number} {street}" : $"{street} {number}";
        return ($"{line}\n{place.Town}", place.PostalCode(_random), place.Country);
    }

    private string BodyAddress(Town town)
    {
        var building = Pick("Unity House", "Trades Hall", "Transport House", "Solidarity House", "The Union Rooms", "Friends Meeting House");
        var streets = DemoPlaces.StreetsOf(town);
        var number = (1 + _random.Next(200)).ToString(CultureInfo.InvariantCulture);
        return $"{building}\n{number} {streets[_random.Next(streets.Length)]}\n{town.Name}\n{Postcode(town)}";
    }

    /// <summary>A number in Ofcom's ranges for drama: a mobile (07700 900xxx) or the town's landline range.</summary>
    private string Phone(Town town, bool abroad)
    {
        var tail = _random.Next(1000).ToString("000", CultureInfo.InvariantCulture);
        if (abroad)
        {
            return "+44 7700 900" + tail;
        }

        return _random.NextDouble() < 0.6 ? "07700 900" + tail : town.Phone + tail;
    }

    private string PersonalEmail(string given, string surname, DateOnly? dob)
    {
        var first = Ascii(given);
        var last = Ascii(surname);
        if (first.Length == 0)
        {
            first = "member";
        }

        if (last.Length == 0)
        {
            last = "demo";
        }

        var digits = _random.Next(100).ToString("00", CultureInfo.InvariantCulture);
        var local = _random.Next(6) switch
        {
            0 => $"{first}.{last}",
            1 => $"{first}.{last}{digits}",
            2 => $"{first}{last}{(dob is { } d ? (d.Year % 100).ToString("00", CultureInfo.InvariantCulture) : digits)}",
            3 => $"{first[0]}.{last}{digits}",
            4 => $"{first}_{last}",
            _ => $"{last}.{first}{_random.Next(1000).ToString(CultureInfo.InvariantCulture)}",
        };
        return $"{local}@{EmailDomains[_random.Next(EmailDomains.Length)]}";
    }

    /// <summary>A name as people write it in an e-mail address: letters and digits only, accents folded (Łukasz → lukasz).</summary>
    private static string Ascii(string name)
    {
        var key = SearchKeys.Name(name);
        var sb = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Slug(string name)
    {
        var key = SearchKeys.Name(name);
        var sb = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (c == ' ' && sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var slug = sb.ToString().Trim('-');
        slug = slug.Length <= 40 ? slug : slug[..40].TrimEnd('-');
        return slug.Length > 0 ? slug : "members";
    }

    /// <summary>An application from someone not yet a member, submitted in the last three months.</summary>
    private ShareApplication NewApplication()
    {
        var submitted = _options.Today.AddDays(-_random.Next(90));
        var r = _random.NextDouble();
        var kind = r < 0.9 ? MemberKind.Individual : r < 0.95 ? MemberKind.Joint : MemberKind.Nominee;
        kind = _shareClass.AllowsKind(kind) ? kind : MemberKind.Individual;
        var details = Details(kind, submitted, allowAbroad: false);
        var shares = Math.Max(_shareClass.MinimumHoldingShares, Shares(FirstPurchase));
        shares = Math.Max(1, Math.Min(shares, Room(kind, 0)));
        return Apply(details, _random.NextDouble() < 0.35, shares, submitted, null, 0);
    }

    /// <summary>A current member applying for more shares: the details are the member's own.</summary>
    private ShareApplication TopUpApplication(Member member, Holding holding)
    {
        var earliest = member.DateEntered > _options.Today.AddDays(-89) ? member.DateEntered : _options.Today.AddDays(-89);
        var submitted = earliest.AddDays(_random.Next(_options.Today.DayNumber - earliest.DayNumber + 1));
        var shares = Math.Max(1, Math.Min(Shares(TopUp), Room(member.Details.Kind, holding.Shares)));
        return Apply(member.Details, member.MarketingConsent, shares, submitted, member, holding.Shares);
    }

    /// <summary>
    /// Submits an application and records what has been paid so far, through the domain, which sets the status:
    /// nothing yet (Submitted), part of a transfer or cheque (PartPaid), or enough to allot (Paid).
    /// </summary>
    private ShareApplication Apply(PersonDetails details, bool marketing, long shares, DateOnly submitted, Member? member, long holding)
    {
        var amount = checked(shares * _nominal);
        var method = PickMethod();
        long? instalment = null;
        if (method == PaymentMethod.StandingOrder)
        {
            var monthly = Math.Max(_nominal, (5 + (5 * _random.Next(5))) * 100L / _nominal * _nominal);
            if (monthly <= amount)
            {
                instalment = monthly;
            }
            else
            {
                method = PaymentMethod.BankTransfer;
            }
        }

        var submittedAt = Instant(submitted);
        var application = ShareApplication.Submit(NewReference(), TokenHash(), details, marketing, _shareClass, shares, method, instalment,
            declarationsAccepted: true, member, holding, _society, submitted, submittedAt, "you");

        var plan = _random.NextDouble();
        var last = submittedAt;
        if (plan < 0.45)
        {
            return application;
        }

        if (method == PaymentMethod.StandingOrder)
        {
            // Monthly instalments from the month after the application, as many as have fallen due by today.
            var due = submitted.AddMonths(1);
            var paid = 0L;
            while (due <= _options.Today && paid + instalment!.Value <= amount)
            {
                last = Pay(application, instalment.Value, due, method, "SO " + application.Reference, last);
                paid += instalment.Value;
                due = due.AddMonths(1);
            }

            return application;
        }

        var received = submitted.AddDays(_random.Next(_options.Today.DayNumber - submitted.DayNumber + 1));
        var part = plan < 0.65 && shares >= 2 ? Math.Max(_nominal, amount / 2 / _nominal * _nominal) : amount;
        var reference = method switch
        {
            PaymentMethod.BankTransfer => application.Reference,
            PaymentMethod.Cheque => "Cheque " + _random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture),
            PaymentMethod.Card => "Card ending " + _random.Next(10_000).ToString("0000", CultureInfo.InvariantCulture),
            _ => null,
        };
        Pay(application, part, received, method, reference, last);
        return application;
    }

    private DateTime Pay(ShareApplication application, long amount, DateOnly received, PaymentMethod method, string? reference, DateTime after)
    {
        var at = Instant(received);
        if (at <= after)
        {
            at = after.AddMinutes(5 + _random.Next(120));
        }

        application.RecordPayment(amount, received, method, reference, _options.Today, at, _options.RecordedBy);
        return at;
    }

    private PaymentMethod PickMethod()
    {
        var r = _random.NextDouble();
        return r switch
        {
            < 0.50 => PaymentMethod.BankTransfer,
            < 0.65 => PaymentMethod.Cheque,
            < 0.85 => PaymentMethod.StandingOrder,
            < 0.95 => PaymentMethod.Card,
            _ => PaymentMethod.Cash,
        };
    }

    /// <summary>"SH-" and six characters that cannot be misread (no I, O, 0 or 1), never one already issued.</summary>
    private string NewReference()
    {
        while (true)
        {
            var reference = string.Create(ShareApplication.ReferenceLength, _random, static (span, random) =>
            {
                span[0] = 'S';
                span[1] = 'H';
                span[2] = '-';
                for (var i = 3; i < span.Length; i++)
                {
                    span[i] = ReferenceAlphabet[random.Next(ReferenceAlphabet.Length)];
                }
            });
            if (_references.Add(reference))
            {
                return reference;
            }
        }
    }

    /// <summary>The hash of a status-link secret that is drawn and at once forgotten: demo applicants get no working link.</summary>
    private string TokenHash()
    {
        Span<byte> secret = stackalloc byte[32];
        _random.NextBytes(secret);
        return Convert.ToHexStringLower(SHA256.HashData(secret));
    }

    /// <summary>An instant in office hours (UTC) on a date: when the registrar recorded what the committee decided.</summary>
    private DateTime Instant(DateOnly date) =>
        date.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc).AddSeconds(_random.Next(8 * 3600));

    private string Pick(params string[] choices) => choices[_random.Next(choices.Length)];

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
