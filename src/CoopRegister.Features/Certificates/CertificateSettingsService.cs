using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Certificates;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Certificates;

/// <summary>The certificate settings as the administrator's page shows them (images only as present or not).</summary>
public sealed record CertificateSettingsView(bool IssueOnAllotment, CertificateMode Mode, string FirstSignatoryName, string FirstSignatoryOffice, bool HasFirstSignature,
    string SecondSignatoryName, string SecondSignatoryOffice, bool HasSecondSignature, bool HasLogo, long Version);

/// <summary>How certificates are issued and who signs them; an administrator's settings, audited.</summary>
public sealed class CertificateSettingsService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Images = ["FirstSignature", "SecondSignature", "Logo"];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<CertificateSettingsView> GetAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, Now, cancellationToken);
        var s = await db.CertificateSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? CertificateSettings.Default();
        var version = await db.CertificateSettings.Select(x => (long?)EF.Property<long>(x, RegisterDbContext.VersionProperty)).SingleOrDefaultAsync(cancellationToken) ?? -1;
        return new CertificateSettingsView(s.IssueOnAllotment, s.Mode, s.FirstSignatoryName, s.FirstSignatoryOffice, s.FirstSignatureImage is not null,
            s.SecondSignatoryName, s.SecondSignatoryOffice, s.SecondSignatureImage is not null, s.Logo is not null, version);
    }

    /// <summary>Saves the settings; <paramref name="expectedVersion"/> is -1 when none were saved before.</summary>
    public async Task UpdateAsync(Actor actor, bool issueOnAllotment, CertificateMode mode, string firstName, string firstOffice, string secondName, string secondOffice,
        long expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, Now, cancellationToken);
        var settings = await LoadAsync(db, expectedVersion, cancellationToken);
        var before = Snapshot(settings);
        settings.Change(issueOnAllotment, mode, firstName, firstOffice, secondName, secondOffice, Now);
        AuditTrail.Add(db, actor, Now, "certificates.settings-changed", "CertificateSettings", "1", "Certificate settings changed.", before, Snapshot(settings));
        await SaveAsync(db, cancellationToken);
    }

    /// <summary>Sets ("FirstSignature", "SecondSignature" or "Logo") or clears (null) an image.</summary>
    public async Task SetImageAsync(Actor actor, string which, byte[]? image, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, Now, cancellationToken);
        var settings = await LoadAsync(db, null, cancellationToken);
        settings.SetImage(which, image, Now);
        AuditTrail.Add(db, actor, Now, "certificates.image-changed", "CertificateSettings", "1",
            image is null ? $"{which} image removed." : $"{which} image uploaded ({image.Length / 1024} KB).");
        await SaveAsync(db, cancellationToken);
    }

    /// <summary>A specimen certificate with the current settings, for the administrator to look at before printing.</summary>
    public async Task<byte[]> PreviewAsync(Actor actor, Uri siteBase, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, Now, cancellationToken);
        var society = (await db.Societies.AsNoTracking().SingleAsync(cancellationToken)).Details;
        var s = await db.CertificateSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? CertificateSettings.Default();
        return CertificatePdf.Render(new CertificateDocument
        {
            SocietyRegisteredName = society.RegisteredName,
            RegistrationNumber = society.RegistrationNumber,
            RegisteredOffice = society.RegisteredOffice,
            CertificateNumber = "SPECIMEN",
            MemberName = "Zoë Ó Briain",
            MemberNumber = "0",
            ShareClassName = "Ordinary shares",
            NumberOfShares = 250,
            NominalValuePerSharePence = society.ShareNominalValuePence,
            AmountPaidPence = 250 * society.ShareNominalValuePence,
            Withdrawable = society.SharesWithdrawable,
            Transferable = society.SharesTransferable,
            IssuedOn = DateOnly.FromDateTime(Now),
            FirstSignatory = new CertificateSignatory(Or(s.FirstSignatoryName, "The Chair"), Or(s.FirstSignatoryOffice, "Chair"), s.FirstSignatureImage),
            SecondSignatory = new CertificateSignatory(Or(s.SecondSignatoryName, "The Secretary"), Or(s.SecondSignatoryOffice, "Secretary"), s.SecondSignatureImage),
            Logo = s.Logo,
            VerificationUrl = CertificateService.VerificationUrl(siteBase, "specimen"),
        });
    }

    private static async Task<CertificateSettings> LoadAsync(RegisterDbContext db, long? expectedVersion, CancellationToken cancellationToken)
    {
        var settings = await db.CertificateSettings.SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = CertificateSettings.Default();
            db.CertificateSettings.Add(settings);
        }
        else if (expectedVersion is { } v)
        {
            db.Entry(settings).Property(RegisterDbContext.VersionProperty).OriginalValue = v;
        }

        return settings;
    }

    private static async Task SaveAsync(RegisterDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: "23505" })
        {
            throw new ConflictException("Another administrator changed the certificate settings at the same moment. Reload to see them.", ex);
        }
    }

    private static object Snapshot(CertificateSettings s) => new { s.IssueOnAllotment, Mode = s.Mode.ToString(), s.FirstSignatoryName, s.FirstSignatoryOffice, s.SecondSignatoryName, s.SecondSignatoryOffice };

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;
}
