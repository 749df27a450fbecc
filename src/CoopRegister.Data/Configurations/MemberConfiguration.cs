using CoopRegister.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.ToTable("Members");
        builder.HasKey(m => m.Id);
        builder.HasConcurrencyVersion();
        builder.HasIndex(m => m.MemberNumber).IsUnique();
        PersonDetailsMapping.Configure(builder.ComplexProperty(m => m.Details), "");
        builder.Property(m => m.NameKey).HasMaxLength(SearchKeys.KeyMax).IsSearchKey();
        builder.Property(m => m.SurnameKey).HasMaxLength(SearchKeys.KeyMax).IsSearchKey();
        builder.Property(m => m.FamilyNameKey).HasMaxLength(SearchKeys.KeyMax).IsSearchKey();
        builder.Property(m => m.PostcodeKey).HasMaxLength(PersonDetails.PostcodeMax).IsSearchKey();
        builder.Property(m => m.EmailKey).HasMaxLength(PersonDetails.EmailMax).IsSearchKey();
        builder.Property(m => m.CeasedReason).HasMaxLength(Member.ReasonMax);
        builder.Property(m => m.CeasedKind).HasConversion<string>().HasMaxLength(16);

        // The "gone away" list: current members not heard from since a date.
        builder.HasIndex(m => new { m.LastContactOn, m.MemberNumber });

        // Search by name, family name, postcode and e-mail is a prefix range scan on these (quality.md: p95 under 50 ms
        // over a million members); the member number makes each index unique in order, for stable paging.
        builder.HasIndex(m => new { m.NameKey, m.MemberNumber });
        builder.HasIndex(m => new { m.SurnameKey, m.MemberNumber });
        builder.HasIndex(m => new { m.FamilyNameKey, m.MemberNumber });
        builder.HasIndex(m => new { m.PostcodeKey, m.MemberNumber });
        builder.HasIndex(m => new { m.EmailKey, m.MemberNumber });
        builder.HasIndex(m => new { m.DateEntered, m.MemberNumber });
        builder.HasIndex(m => m.DateCeased);
    }
}
