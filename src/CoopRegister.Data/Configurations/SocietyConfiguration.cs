using CoopRegister.Domain.Society;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

internal sealed class SocietyConfiguration : IEntityTypeConfiguration<RegisteredSociety>
{
    public void Configure(EntityTypeBuilder<RegisteredSociety> builder)
    {
        builder.ToTable("Society");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasConcurrencyVersion();
        var d = builder.ComplexProperty(s => s.Details);
        d.Property(x => x.RegisteredName).HasMaxLength(SocietyDetails.NameMax).HasColumnName("RegisteredName");
        d.Property(x => x.RegistrationNumber).HasMaxLength(SocietyDetails.NumberMax).HasColumnName("RegistrationNumber");
        d.Property(x => x.RegisteredOffice).HasMaxLength(SocietyDetails.OfficeMax).HasColumnName("RegisteredOffice");
        d.Property(x => x.Jurisdiction).AsText().HasColumnName("Jurisdiction");
        d.Property(x => x.ExemptFromLimited).HasColumnName("ExemptFromLimited");
        d.Property(x => x.ShareNominalValuePence).HasColumnName("ShareNominalValuePence");
        d.Property(x => x.MinimumHoldingShares).HasColumnName("MinimumHoldingShares");
        d.Property(x => x.MaximumHoldingPence).HasColumnName("MaximumHoldingPence");
        d.Property(x => x.MinimumAge).HasColumnName("MinimumAge");
        d.Property(x => x.WithdrawalNoticeDays).HasColumnName("WithdrawalNoticeDays");
        d.Property(x => x.SharesWithdrawable).HasColumnName("SharesWithdrawable");
        d.Property(x => x.SharesTransferable).HasColumnName("SharesTransferable");
        d.Property(x => x.ProxyCapPerHolder).HasColumnName("ProxyCapPerHolder");
        d.Property(x => x.QuorumKind).AsText().HasColumnName("QuorumKind");
        d.Property(x => x.QuorumMembers).HasColumnName("QuorumMembers");
        d.Property(x => x.QuorumPercent).HasColumnName("QuorumPercent");
        d.Property(x => x.NoticeClearDays).HasColumnName("NoticeClearDays");
        d.Property(x => x.ConfirmationMinimumDays).HasColumnName("ConfirmationMinimumDays").HasDefaultValue(14);
        d.Property(x => x.ConfirmationMaximumMonths).HasColumnName("ConfirmationMaximumMonths").HasDefaultValue(1);
        d.Property(x => x.GoneAwayYears).HasColumnName("GoneAwayYears").HasDefaultValue(2);
        d.Property(x => x.RetentionMonths).HasColumnName("RetentionMonths").HasDefaultValue(SocietyDetails.DefaultRetentionMonths);
        d.Property(x => x.YearEndMonth).HasColumnName("YearEndMonth").HasDefaultValue(12);
        d.Property(x => x.YearEndDay).HasColumnName("YearEndDay").HasDefaultValue(31);
        d.Property(x => x.BankAccountName).HasMaxLength(SocietyDetails.BankNameMax).HasColumnName("BankAccountName");
        d.Property(x => x.BankSortCode).HasMaxLength(8).HasColumnName("BankSortCode");
        d.Property(x => x.BankAccountNumber).HasMaxLength(8).HasColumnName("BankAccountNumber");
    }
}
