using CoopRegister.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.ToTable("AuditChainHead");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(AuditChainHash.Length);

        // The row exists from the start, so that two first audit writers queue on its lock rather than race to insert it.
        builder.HasData(new AuditChainHead { Id = AuditChainHead.SingleRowId, Sequence = 0, Hash = AuditChainHash.Genesis });
    }
}
