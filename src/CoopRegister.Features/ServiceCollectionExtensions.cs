using CoopRegister.Data;
using CoopRegister.Features.Accounts;
using CoopRegister.Features.Mail;
using CoopRegister.Features.Society;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoopRegister.Features;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Everything below the user interface, as the web app and <c>coopreg</c> share it: the database chosen by
    /// configuration, Identity, data protection with its keys in the database, mail, and the feature services.
    /// </summary>
    public static IServiceCollection AddRegisterFeatures(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var database = DatabaseOptions.FromConfiguration(configuration, contentRoot);
        services.AddRegisterDatabase(database);
        services.TryAddSingleton(TimeProvider.System);

        // Keys in the database: a restart, the command line and a second web server all read the same keys, so
        // sign-in cookies and invitation links stay valid (architecture.md, Blazor Server specifics).
        services.AddDataProtection()
            .SetApplicationName("CoopRegister")
            .PersistKeysToDbContext<RegisterDbContext>();

        var mail = MailOptions.FromConfiguration(configuration, contentRoot);
        services.AddSingleton(mail);
        if (mail.UsesSmtp)
        {
            services.AddSingleton<IMailSender, SmtpMailSender>();
        }
        else
        {
            services.AddSingleton<IMailSender, OutboxMailSender>();
        }

        services.AddScoped<SocietyService>();
        services.AddScoped<SetupService>();
        services.AddScoped<StaffService>();
        services.AddScoped<InvitationService>();
        services.AddScoped<Registration.ApplicationService>();
        services.AddScoped<Members.MemberService>();
        services.AddScoped<Portal.PortalService>();
        services.AddScoped<Shares.ShareClassService>();
        services.AddScoped<Certificates.CertificateService>();
        services.AddScoped<Certificates.StatementService>();
        services.AddScoped<Certificates.CertificateSettingsService>();
        services.AddScoped<Exports.ExportService>();
        services.AddScoped<Estates.EstateService>();
        services.AddScoped<Cessation.CessationService>();
        services.AddScoped<Meetings.MeetingService>();
        services.AddScoped<Maintenance.BackupService>();
        services.AddScoped<Audit.AuditChainService>();
        services.AddScoped<Portal.MemberDataExport>();
        services.AddScoped<Members.RegisterTrends>();
        services.AddScoped<Meetings.TellerService>();
        services.AddScoped<Meetings.MeetingDocumentService>();
        services.AddScoped<Meetings.ProxyService>();
        services.AddScoped<Meetings.ShowOfHandsService>();
        services.AddScoped<Meetings.SpecialResolutionService>();
        services.AddScoped<Meetings.SectionChoiceService>();
        services.AddScoped<Elections.ElectionService>();
        services.AddScoped<Elections.ElectionPaperService>();
        services.AddScoped<Transfers.TransferService>();
        services.AddScoped<Officers.OfficerService>();
        services.AddScoped<Imports.RegisterImportService>();
        services.AddScoped<Withdrawals.WithdrawalService>();
        services.AddScoped<Withdrawals.WithdrawalSettingsService>();
        services.AddSingleton(new Imports.ImportUploadOptions(Path.GetFullPath(Path.Combine(DatabaseOptions.DataDirectory(contentRoot), "imports"))));
        services.AddSingleton<Imports.ImportUploads>();
        services.AddSingleton(new Jobs.JobOptions(Path.GetFullPath(Path.Combine(DatabaseOptions.DataDirectory(contentRoot), "jobs"))));
        services.AddSingleton<Jobs.JobRunner>();
        services.AddScoped<Elections.BallotFileCountService>();
        services.AddScoped<Retention.RetentionService>();
        return services;
    }
}
