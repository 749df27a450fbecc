using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Features.Access;
using CoopRegister.Features.Exports;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Tests.Infrastructure;
using CsvHelper;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Estates;

/// <summary>Arrangements shared by the estates and cessation tests: a society, a registrar, members admitted through the app's own services.</summary>
public abstract class EstateTest(DatabaseProvider provider) : RegisterTest(provider)
{
    protected ApplicationService Applications => Host.Get<ApplicationService>();

    protected DateOnly Today => DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime);

    protected async Task<Actor> RegistrarAsync()
    {
        await Host.SetUpSocietyAsync();
        return await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
    }

    protected async Task<long> AdmitAsync(Actor registrar, string name, string email, long shares)
    {
        var s = await Applications.SubmitAsync(Individual(name, email, shares), Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
        return (await Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel)).Lines.Single().MemberId;
    }

    protected async Task<long> MemberNumberAsync(long memberId)
    {
        await using var db = Host.NewContext();
        return db.Members.Single(m => m.Id == memberId).MemberNumber;
    }

    protected void AdvanceDays(int days) => Host.Clock.Advance(TimeSpan.FromDays(days));

    /// <summary>The register export as at a date: its rows after the heading.</summary>
    protected async Task<List<string[]>> RegisterAsAtAsync(Actor actor, DateOnly asAt)
    {
        using var stream = new MemoryStream();
        await Host.Get<ExportService>().WriteAsync(actor, new ExportRequest(ExportKind.Register, asAt), stream, Cancel);
        var rows = new List<string[]>();
        using var reader = CsvReader.Create(new MemoryStream(stream.ToArray()), CsvReaderOptions.Default with { HasHeader = false });
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows.Skip(1).ToList();
    }
}
