using CoopRegister.Domain.Shares;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

internal sealed class ShareClassConfiguration : IEntityTypeConfiguration<ShareClass>
{
    public void Configure(EntityTypeBuilder<ShareClass> builder)
    {
        builder.ToTable("ShareClasses");
        builder.HasKey(c => c.Id);
        builder.HasConcurrencyVersion();
        builder.Property(c => c.Code).HasMaxLength(ShareClass.CodeMax);
        builder.Property(c => c.Name).HasMaxLength(ShareClass.NameMax);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.OnLostContact).AsText(16).HasDefaultValue(LostContactTreatment.ConvertToDebt).HasSentinel((LostContactTreatment)(-1));
    }
}
