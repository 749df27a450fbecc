using CoopRegister.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(ApplicationUser.DisplayNameMax);
        builder.Property(u => u.InvitedBy).HasMaxLength(256);

        // One login per member: a member's portal shows one record, and a second login would be a second door to it.
        builder.HasIndex(u => u.MemberId).IsUnique();
    }
}
