using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

internal sealed class HoldingConfiguration : IEntityTypeConfiguration<Holding>
{
    public void Configure(EntityTypeBuilder<Holding> builder)
    {
        builder.ToTable("Holdings");
        builder.HasKey(h => new { h.MemberId, h.ShareClassId });
        builder.HasConcurrencyVersion();
        builder.HasOne<Member>().WithMany().HasForeignKey(h => h.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ShareClass>().WithMany().HasForeignKey(h => h.ShareClassId).OnDelete(DeleteBehavior.Restrict);
    }
}
