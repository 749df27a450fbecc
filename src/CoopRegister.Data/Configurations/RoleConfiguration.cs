using CoopRegister.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

/// <summary>The roles exist from the first migration on, with fixed keys, so that no start-up code has to create them.</summary>
internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder) =>
        builder.HasData(Roles.All.Select(r => new IdentityRole
        {
            Id = "role-" + r.ToLowerInvariant(),
            Name = r,
            NormalizedName = r.ToUpperInvariant(),
            ConcurrencyStamp = "seed-" + r.ToLowerInvariant(),
        }));
}
