using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

internal sealed class NumberCounterConfiguration : IEntityTypeConfiguration<NumberCounter>
{
    public void Configure(EntityTypeBuilder<NumberCounter> builder)
    {
        builder.ToTable("NumberCounters");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(32);
        builder.HasConcurrencyVersion();
    }
}
