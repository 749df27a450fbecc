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

        // The series exist from the start, so that two first allotments collide on the row's version, not on its insert.
        builder.HasData(
            new { Name = NumberCounter.MemberNumbers, Next = 1L, Version = 0L },
            new { Name = NumberCounter.CertificateNumbers, Next = 1L, Version = 0L });
    }
}
