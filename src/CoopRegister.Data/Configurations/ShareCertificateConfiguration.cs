using CoopRegister.Domain.Certificates;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

internal sealed class ShareCertificateConfiguration : IEntityTypeConfiguration<ShareCertificate>
{
    public void Configure(EntityTypeBuilder<ShareCertificate> builder)
    {
        builder.ToTable("Certificates");
        builder.HasKey(c => c.Id);
        builder.HasConcurrencyVersion();

        // A number is used once, except by the duplicates of that certificate (domain rule 38).
        builder.HasIndex(c => new { c.Number, c.DuplicateSequence }).IsUnique();
        builder.Property(c => c.VerificationCode).HasMaxLength(ShareCertificate.CodeLength);
        builder.HasIndex(c => c.VerificationCode).IsUnique();
        builder.Property(c => c.Status).AsText(16);
        builder.Property(c => c.EndReason).HasMaxLength(ShareCertificate.ReasonMax);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ShareClass>().WithMany().HasForeignKey(c => c.ShareClassId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ShareCertificate>().WithMany().HasForeignKey(c => c.ReplacedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.MemberId, c.ShareClassId, c.Status });
        builder.HasIndex(c => new { c.IssuedOn, c.Number });
        builder.HasIndex(c => c.ReplacedById);
    }
}

internal sealed class CertificateSettingsConfiguration : IEntityTypeConfiguration<CertificateSettings>
{
    public void Configure(EntityTypeBuilder<CertificateSettings> builder)
    {
        builder.ToTable("CertificateSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasConcurrencyVersion();
        builder.Property(s => s.Mode).AsText(16);
        builder.Property(s => s.FirstSignatoryName).HasMaxLength(CertificateSettings.NameMax);
        builder.Property(s => s.FirstSignatoryOffice).HasMaxLength(CertificateSettings.NameMax);
        builder.Property(s => s.SecondSignatoryName).HasMaxLength(CertificateSettings.NameMax);
        builder.Property(s => s.SecondSignatoryOffice).HasMaxLength(CertificateSettings.NameMax);
        builder.Property(s => s.FirstSignatureImage).HasMaxLength(CertificateSettings.ImageMax);
        builder.Property(s => s.SecondSignatureImage).HasMaxLength(CertificateSettings.ImageMax);
        builder.Property(s => s.Logo).HasMaxLength(CertificateSettings.ImageMax);
    }
}
