using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("LedgerEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).AsText(16);
        builder.Property(e => e.Reference).HasMaxLength(LedgerEntry.ReferenceMax);
        builder.Property(e => e.Note).HasMaxLength(LedgerEntry.NoteMax);
        builder.Property(e => e.RecordedBy).HasMaxLength(256);
        builder.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ShareClass>().WithMany().HasForeignKey(e => e.ShareClassId).OnDelete(DeleteBehavior.Restrict);

        // An entry is reversed at most once.
        builder.HasIndex(e => e.ReversesEntryId).IsUnique();
        builder.HasOne<LedgerEntry>().WithMany().HasForeignKey(e => e.ReversesEntryId).OnDelete(DeleteBehavior.Restrict);

        // A member's history, and the register as at a date, read entries by member, class and date; the index also
        // carries the amounts, so summing a member's holding as at a date never touches the table itself.
        builder.HasIndex(e => new { e.MemberId, e.ShareClassId, e.EffectiveDate, e.Shares, e.AmountPaidPence });
        builder.HasIndex(e => new { e.EffectiveDate, e.Id });
        builder.HasIndex(e => e.ApplicationId);
    }
}
