using System.Text;
using CoopRegister.Data;
using CoopRegister.Data.Bulk;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;
using CoopRegister.Features.Demo;
using CoopRegister.Testing;

namespace CoopRegister.Features.Tests.Demo;

/// <summary>The generator on its own, without a database: what it makes, and that it makes the same thing again.</summary>
public sealed class DemoRegisterGeneratorTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly SocietyDetails Society = RegisterTestHost.SampleSociety;
    private static readonly RegisterKeys Fresh = new(1, 1, 1, 1, 1, 1, 1);

    private static readonly Lazy<List<RegisterBatch>> Large = new(() => Generate(20_000, seed: 42, batchSize: 5_000));

    [Fact]
    public void The_same_options_give_the_same_rows_whatever_the_batch_size()
    {
        var one = Generate(1_500, seed: 4, batchSize: 1_500);
        var many = Generate(1_500, seed: 4, batchSize: 97);
        var other = Generate(1_500, seed: 5, batchSize: 1_500);

        Assert.Single(one);
        Assert.Equal(16, many.Count);
        Assert.Equal(Text(one), Text(many));
        Assert.NotEqual(Text(one), Text(other));
    }

    [Fact]
    public void The_register_has_the_mix_of_a_real_one()
    {
        var members = Large.Value.SelectMany(b => b.Members).ToList();
        var entries = Large.Value.SelectMany(b => b.LedgerEntries).ToList();
        var applications = Large.Value.SelectMany(b => b.Applications).ToList();
        double Share(Func<Member, bool> predicate) => (double)members.Count(predicate) / members.Count;

        Assert.Equal(20_000, members.Count);
        Assert.InRange(Share(m => m.Details.Kind is MemberKind.Nominee or MemberKind.Corporate or MemberKind.RegisteredSociety), 0.04, 0.06);
        Assert.InRange(Share(m => m.Details.Kind == MemberKind.Joint), 0.022, 0.038);
        Assert.InRange(Share(m => m.DateCeased is not null), 0.065, 0.095);
        Assert.InRange(Share(m => m.Details.Email is not null), 0.8, 0.92);
        Assert.InRange((double)entries.Count / members.Count, 2.5, 3.2);
        Assert.InRange((double)applications.Count / members.Count, 0.003, 0.007);
        Assert.Contains(members, m => m.Details.Kind == MemberKind.Corporate);
        Assert.Contains(members, m => m.Details.Kind == MemberKind.RegisteredSociety);
        Assert.Contains(entries, e => e.Kind == LedgerEntryKind.Withdrawal);
        Assert.Contains(entries, e => e.Kind == LedgerEntryKind.Transmission);
        Assert.Contains(entries, e => e.Kind == LedgerEntryKind.Forfeiture);
        Assert.Equal([ApplicationStatus.Submitted, ApplicationStatus.PartPaid, ApplicationStatus.Paid], applications.Select(a => a.Status).Distinct().Order());
        Assert.Contains(applications, a => a.MemberId is not null);
        Assert.Contains(applications, a => a.PaymentMethod == PaymentMethod.StandingOrder && a.Payments.Count > 1);

        // Members are numbered in the order they were entered, over thirty years.
        Assert.True(members.Zip(members.Skip(1)).All(p => p.First.DateEntered <= p.Second.DateEntered && p.First.MemberNumber + 1 == p.Second.MemberNumber));
        Assert.InRange(members[0].DateEntered, Today.AddYears(-30), Today.AddYears(-29));
        Assert.InRange(members[^1].DateEntered, Today.AddMonths(-1), Today);
    }

    [Fact]
    public void Names_and_addresses_have_the_letters_a_register_must_get_right()
    {
        var members = Large.Value.SelectMany(b => b.Members).ToList();
        var names = members.Select(m => m.Details.Name).ToList();
        var text = string.Join('\n', members.Select(m => m.Details.Name + "\n" + m.Details.Address));

        Assert.Contains(names, n => n.StartsWith("Zoë ", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("Siân ", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains(" Ó ", StringComparison.Ordinal) || n.EndsWith(" Ó Briain", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains(" Ní ", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains('Ł', StringComparison.Ordinal) || n.Contains('ł', StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("Ọkọnkwọ", StringComparison.Ordinal));
        Assert.Contains(text, c => c is 'ŵ' or 'Ŵ');
        Assert.Contains(text, c => c is 'ŷ' or 'Ŷ');
        Assert.Contains(members, m => m.Details.RepresentedBody?.Contains("Branch", StringComparison.Ordinal) == true);
        Assert.Contains(members, m => m.Details.RepresentedBody?.Contains("Trades", StringComparison.Ordinal) == true);

        // Accents fold in the search keys, as the app computes them.
        Assert.Contains(members, m => m.Details.Name.StartsWith("Łukasz", StringComparison.Ordinal) && m.NameKey.StartsWith("lukasz", StringComparison.Ordinal));
        Assert.All(members, m => Assert.Equal(SearchKeys.Name(m.Details.Name), m.NameKey));
        Assert.All(names, n => Assert.True(n.IsNormalized(NormalizationForm.FormC)));
    }

    [Fact]
    public void Postcodes_addresses_and_contacts_are_well_formed_and_reach_nobody()
    {
        var members = Large.Value.SelectMany(b => b.Members).ToList();
        var uk = members.Where(m => m.Details.IsInUnitedKingdom).ToList();
        Assert.All(uk, m => Assert.True(PersonDetails.IsUkPostcode(m.Details.Postcode), m.Details.Postcode));
        Assert.InRange(members.Count - uk.Count, 1, members.Count / 100);
        Assert.Contains(uk, m => m.Details.Postcode.StartsWith("BT", StringComparison.Ordinal));
        Assert.Contains(uk, m => m.Details.Postcode.StartsWith("CF", StringComparison.Ordinal));
        Assert.Contains(uk, m => m.Details.Postcode.StartsWith("G", StringComparison.Ordinal) && char.IsAsciiDigit(m.Details.Postcode[1]));

        string[] reserved = ["@example.com", "@example.org", "@example.net", ".example"];
        var emails = members.Select(m => m.Details.Email).OfType<string>()
            .Concat(members.SelectMany(m => m.Details.JointHolders).Select(h => h.Email).OfType<string>());
        Assert.All(emails, e => Assert.True(PersonDetails.IsEmail(e) && reserved.Any(r => e.EndsWith(r, StringComparison.Ordinal)), e));

        // Ofcom's numbers for drama: 07700 900xxx, 01632 960xxx and the reserved blocks of the big cities.
        string[] drama = ["07700 900", "+44 7700 900", "01632 960", "020 7946 0", "0161 496 0", "0121 496 0", "0151 496 0", "0113 496 0", "0114 496 0",
            "0117 496 0", "0118 496 0", "0191 498 0", "0115 496 0", "0116 496 0", "029 2018 0", "0141 496 0", "0131 496 0", "028 9649 6"];
        Assert.All(members.Select(m => m.Details.Phone).OfType<string>(), p => Assert.Contains(drama, d => p.StartsWith(d, StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_member_passes_the_domain_rules_and_holds_within_the_caps()
    {
        var shareClass = ShareClass.Ordinary(Society);
        foreach (var batch in Large.Value)
        {
            var holdings = batch.Holdings.ToDictionary(h => h.MemberId);
            foreach (var m in batch.Members)
            {
                Assert.Empty(m.Details.Validate(Society, Today, admission: false));
                Assert.Empty(m.Details.Validate(Society, m.DateEntered, admission: true));
                var holding = holdings[m.Id];
                var cap = HoldingRules.CapFor(m.Details.Kind, shareClass, Society)!.Value;
                Assert.InRange(holding.AmountPaid.Pence, m.DateCeased is null ? Society.MinimumHolding.Pence : 0, cap.Pence);
            }

            var sums = batch.LedgerEntries.GroupBy(e => e.MemberId).ToDictionary(g => g.Key, g => g.Sum(e => e.Shares));
            Assert.All(batch.Holdings, h => Assert.Equal(sums[h.MemberId], h.Shares));
            Assert.All(batch.LedgerEntries, e => Assert.True(e.EffectiveDate <= Today && e.RecordedAt <= Today.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc)));
        }

        Assert.Contains(Large.Value.SelectMany(b => b.Holdings), h => h.AmountPaidPence == StatutoryLimits.WithdrawableCapGreatBritain.Pence);
    }

    [Fact]
    public void A_generator_makes_its_register_once_numbering_on_from_where_the_register_stands()
    {
        var generator = Generator(10, seed: 1, new RegisterKeys(501, 731, 9001, 41, 17, 33, 12));
        var batch = Assert.Single(generator.Generate(100));
        Assert.Throws<InvalidOperationException>(() => generator.Generate(100));

        Assert.Equal(Enumerable.Range(731, 10).Select(i => (long)i), batch.Members.Select(m => m.MemberNumber));
        Assert.Equal(Enumerable.Range(501, 10).Select(i => (long)i), batch.Members.Select(m => m.Id));
        Assert.Equal(9001, batch.LedgerEntries[0].Id);
        Assert.Equal(new RegisterKeys(511, 741, 9001 + batch.LedgerEntries.Count, 41 + batch.Applications.Count,
            17 + batch.ApplicationPaymentCount, 33 + batch.ApplicationEventCount, 12), batch.End);
    }

    private static List<RegisterBatch> Generate(int members, int seed, int batchSize) =>
        Generator(members, seed, Fresh).Generate(batchSize).ToList();

    private static DemoRegisterGenerator Generator(int members, int seed, RegisterKeys start)
    {
        using var db = new RegisterDbContext(RegisterDatabase.StandaloneOptions(new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=:memory:")));
        var options = new DemoRegisterOptions { Members = members, Seed = seed, Today = Today };
        return new DemoRegisterGenerator(options, Society, ShareClass.Ordinary(Society), new BulkKeyAssigner(db.Model, start));
    }

    private static string Text(List<RegisterBatch> batches)
    {
        // Table by table, as the database would hold them, whatever the batches.
        var sb = new StringBuilder();
        var rows = batches.SelectMany(b => b.Members).Cast<object>()
            .Concat(batches.SelectMany(b => b.LedgerEntries))
            .Concat(batches.SelectMany(b => b.Holdings))
            .Concat(batches.SelectMany(b => b.Applications));
        foreach (var row in rows)
        {
            sb.AppendLine(RegisterRows.ToJson(row));
        }

        return sb.ToString();
    }
}
