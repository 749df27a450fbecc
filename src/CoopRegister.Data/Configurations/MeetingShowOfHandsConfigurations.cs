using CoopRegister.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

/// <summary>Shows of hands: one per motion and section, recorded (and corrected) by a teller until the count.</summary>
internal sealed class ShowOfHandsConfiguration : IEntityTypeConfiguration<ShowOfHands>
{
    public void Configure(EntityTypeBuilder<ShowOfHands> builder)
    {
        builder.ToTable("ShowsOfHands");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.RecordedById).HasMaxLength(PaperBatch.TellerIdMax);
        builder.Property(h => h.RecordedByName).HasMaxLength(PaperBatch.TellerNameMax);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(h => h.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Motion>().WithMany().HasForeignKey(h => h.MotionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MeetingSection>().WithMany().HasForeignKey(h => h.SectionId).OnDelete(DeleteBehavior.Restrict);

        // One show of hands per motion at each section; two tellers recording at once collide here.
        builder.HasIndex(h => new { h.MotionId, h.SectionId }).IsUnique();
        builder.HasIndex(h => h.MeetingId);
        builder.HasIndex(h => h.SectionId);
        builder.Ignore(h => h.HasCounts);
        builder.Ignore(h => h.Count);
    }
}

/// <summary>Demands for a poll: one per motion is enough to send it to ballot.</summary>
internal sealed class PollDemandConfiguration : IEntityTypeConfiguration<PollDemand>
{
    public void Configure(EntityTypeBuilder<PollDemand> builder)
    {
        builder.ToTable("PollDemands");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.DemandedBy).HasMaxLength(PollDemand.DemandedByMax);
        builder.Property(p => p.RecordedByName).HasMaxLength(PaperBatch.TellerNameMax);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Motion>().WithMany().HasForeignKey(p => p.MotionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MeetingSection>().WithMany().HasForeignKey(p => p.SectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.MotionId).IsUnique();
        builder.HasIndex(p => p.MeetingId);
        builder.HasIndex(p => p.SectionId);
    }
}

/// <summary>
/// The two-meeting special resolutions (Act s.111, s.113): one per first motion carried, linked to the confirming motion
/// once that meeting is declared.
/// </summary>
internal sealed class SpecialResolutionConfiguration : IEntityTypeConfiguration<SpecialResolution>
{
    public void Configure(EntityTypeBuilder<SpecialResolution> builder)
    {
        builder.ToTable("SpecialResolutions");
        builder.HasKey(r => r.Id);
        builder.HasConcurrencyVersion();
        builder.Property(r => r.Kind).AsText(16);
        builder.Property(r => r.Status).AsText(24);
        builder.Property(r => r.Title).HasMaxLength(SpecialResolution.TitleMax);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(r => r.FirstMeetingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Motion>().WithMany().HasForeignKey(r => r.FirstMotionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(r => r.ConfirmingMeetingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Motion>().WithMany().HasForeignKey(r => r.ConfirmingMotionId).OnDelete(DeleteBehavior.Restrict);

        // A motion carried once opens one resolution (a declaration cannot be repeated, but the database says so too).
        builder.HasIndex(r => r.FirstMotionId).IsUnique();
        builder.HasIndex(r => r.FirstMeetingId);
        builder.HasIndex(r => r.ConfirmingMeetingId);
        builder.HasIndex(r => r.ConfirmingMotionId);
        builder.HasIndex(r => r.Status);
        builder.Ignore(r => r.Window);
    }
}

/// <summary>The columns a motion gains for the way it was decided and for confirming a special resolution.</summary>
internal sealed class MotionDecisionConfiguration : IEntityTypeConfiguration<Motion>
{
    public void Configure(EntityTypeBuilder<Motion> builder)
    {
        builder.Property(m => m.DecidedBy).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<SpecialResolution>().WithMany().HasForeignKey(m => m.ConfirmsResolutionId).OnDelete(DeleteBehavior.Restrict);

        // A resolution is confirmed by one motion (nulls do not collide in a unique index on either engine).
        builder.HasIndex(m => m.ConfirmsResolutionId).IsUnique();
        builder.Ignore(m => m.Window);
    }
}

/// <summary>The section a member chose in advance, beside the one they attended.</summary>
internal sealed class VoterRollChoiceConfiguration : IEntityTypeConfiguration<VoterRollEntry>
{
    public void Configure(EntityTypeBuilder<VoterRollEntry> builder)
    {
        builder.HasOne<MeetingSection>().WithMany().HasForeignKey(r => r.ChosenSectionId).OnDelete(DeleteBehavior.Restrict);

        // The tellers' desk counts the members expected at each section.
        builder.HasIndex(r => new { r.MeetingId, r.ChosenSectionId });
        builder.HasIndex(r => r.ChosenSectionId);
    }
}
