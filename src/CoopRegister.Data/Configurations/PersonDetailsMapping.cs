using CoopRegister.Data.Conversions;
using CoopRegister.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

/// <summary>How a <see cref="PersonDetails"/> is stored inside a member's or an application's row.</summary>
internal static class PersonDetailsMapping
{
    public static void Configure(ComplexPropertyBuilder<PersonDetails> d, string prefix)
    {
        d.Property(x => x.Kind).AsText().HasColumnName(prefix + "Kind");
        d.Property(x => x.Name).HasMaxLength(PersonDetails.NameMax).HasColumnName(prefix + "Name");
        d.Property(x => x.Address).HasMaxLength(PersonDetails.AddressMax).HasColumnName(prefix + "Address");
        d.Property(x => x.Postcode).HasMaxLength(PersonDetails.PostcodeMax).HasColumnName(prefix + "Postcode");
        d.Property(x => x.Country).HasMaxLength(PersonDetails.CountryMax).HasColumnName(prefix + "Country");
        d.Property(x => x.Email).HasMaxLength(PersonDetails.EmailMax).HasColumnName(prefix + "Email");
        d.Property(x => x.NoticesByEmail).HasColumnName(prefix + "NoticesByEmail");
        d.Property(x => x.Phone).HasMaxLength(PersonDetails.PhoneMax).HasColumnName(prefix + "Phone");
        d.Property(x => x.DateOfBirth).HasColumnName(prefix + "DateOfBirth");
        d.Property(x => x.RepresentativeName).HasMaxLength(PersonDetails.NameMax).HasColumnName(prefix + "RepresentativeName");
        d.Property(x => x.RepresentedBody).HasMaxLength(PersonDetails.NameMax).HasColumnName(prefix + "RepresentedBody");
        d.Property(x => x.RepresentedBodyAddress).HasMaxLength(PersonDetails.AddressMax).HasColumnName(prefix + "RepresentedBodyAddress");
        d.Property(x => x.OrganisationNumber).HasMaxLength(PersonDetails.OrganisationNumberMax).HasColumnName(prefix + "OrganisationNumber");
        d.Property(x => x.JointHolders)
            .HasConversion(new JointHoldersConverter(), JointHoldersConverter.Comparer)
            .HasMaxLength(JointHoldersConverter.MaxLength)
            .HasColumnName(prefix + "JointHolders");
    }
}
