using CoopRegister.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

/// <summary>Committee elections held in a meeting; removed with their meeting.</summary>
internal sealed class ElectionConfiguration : IEntityTypeConfiguration<Election>
{
    public void Configure(EntityTypeBuilder<Election> builder)
    {
        builder.ToTable("Elections");
        builder.HasKey(e => e.Id);

        // Two tellers editing the same election's candidates at once: the second save finds it changed.
        builder.HasConcurrencyVersion();
        builder.Property(e => e.Title).HasMaxLength(Election.TitleMax);
        builder.Property(e => e.Method).AsText(16);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ElectedCandidateIds).HasMaxLength(Election.ElectedMax);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(e => e.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.MeetingId, e.Number });
        builder.HasMany(e => e.Candidates).WithOne().HasForeignKey(c => c.ElectionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Candidates).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(e => e.Lots).WithOne().HasForeignKey(l => l.ElectionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Lots).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(e => e.IsCounted);
        builder.Ignore(e => e.Standing);
    }
}

internal sealed class ElectionCandidateConfiguration : IEntityTypeConfiguration<ElectionCandidate>
{
    public void Configure(EntityTypeBuilder<ElectionCandidate> builder)
    {
        builder.ToTable("ElectionCandidates");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(ElectionCandidate.NameMax);
        builder.Property(c => c.Statement).HasMaxLength(ElectionCandidate.StatementMax);
        builder.HasIndex(c => new { c.ElectionId, c.Number });
    }
}

/// <summary>Lots drawn by the returning officer: part of the count, replayed by every recount.</summary>
internal sealed class ElectionLotConfiguration : IEntityTypeConfiguration<ElectionLot>
{
    public void Configure(EntityTypeBuilder<ElectionLot> builder)
    {
        builder.ToTable("ElectionLots");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Kind).AsText(16);
        builder.Property(l => l.TiedCandidateIds).HasMaxLength(ElectionLot.TiedMax);
        builder.Property(l => l.DrawnBy).HasMaxLength(ElectionLot.DrawnByMax);
        builder.HasIndex(l => new { l.ElectionId, l.Sequence }).IsUnique();
    }
}

/// <summary>
/// Preferences on secret ballots: keyed by the ballot's random id, the election and the candidate, with nothing that
/// reaches the roll or a member, and no time or sequence column (design/voting.md; tests inspect this model).
/// </summary>
internal sealed class BallotPreferenceConfiguration : IEntityTypeConfiguration<BallotPreference>
{
    public void Configure(EntityTypeBuilder<BallotPreference> builder)
    {
        builder.ToTable("BallotPreferences");
        builder.HasKey(p => new { p.BallotId, p.ElectionId, p.CandidateId });
        builder.HasOne<SecretBallot>().WithMany(b => b.Preferences).HasForeignKey(p => p.BallotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Election>().WithMany().HasForeignKey(p => p.ElectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ElectionCandidate>().WithMany().HasForeignKey(p => p.CandidateId).OnDelete(DeleteBehavior.Restrict);

        // The count reads one election's preferences.
        builder.HasIndex(p => p.ElectionId);
        builder.HasIndex(p => p.CandidateId);
    }
}

/// <summary>Batches of paper ballots in an election, keyed by tellers; papers are anonymous, so nothing in them identifies a voter.</summary>
internal sealed class ElectionPaperBatchConfiguration : IEntityTypeConfiguration<ElectionPaperBatch>
{
    public void Configure(EntityTypeBuilder<ElectionPaperBatch> builder)
    {
        builder.ToTable("ElectionPaperBatches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Status).AsText(16);
        builder.Property(b => b.KeyedById).HasMaxLength(PaperBatch.TellerIdMax);
        builder.Property(b => b.KeyedByName).HasMaxLength(PaperBatch.TellerNameMax);
        builder.Property(b => b.CheckedById).HasMaxLength(PaperBatch.TellerIdMax);
        builder.Property(b => b.CheckedByName).HasMaxLength(PaperBatch.TellerNameMax);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(b => b.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Election>().WithMany().HasForeignKey(b => b.ElectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MeetingSection>().WithMany().HasForeignKey(b => b.SectionId).OnDelete(DeleteBehavior.Restrict);

        // The number written on the batch's envelope is unique within the election; two tellers keying at once collide here.
        builder.HasIndex(b => new { b.ElectionId, b.Number }).IsUnique();
        builder.HasIndex(b => b.MeetingId);
        builder.HasIndex(b => b.SectionId);
        builder.HasMany(b => b.Papers).WithOne().HasForeignKey(p => p.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.Papers).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(b => b.IsAccepted);
        builder.Ignore(b => b.Valid);
        builder.Ignore(b => b.Spoilt);
    }
}

internal sealed class ElectionPaperEntryConfiguration : IEntityTypeConfiguration<ElectionPaperEntry>
{
    public void Configure(EntityTypeBuilder<ElectionPaperEntry> builder)
    {
        builder.ToTable("ElectionPapers");
        builder.HasKey(p => new { p.BatchId, p.Number });
        builder.Property(p => p.Marks).HasMaxLength(ElectionPaperEntry.MarksMax);
        builder.Property(p => p.SpoiltReason).HasMaxLength(SpoiltPaper.ReasonMax);
    }
}
