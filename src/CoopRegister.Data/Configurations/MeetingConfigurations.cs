using CoopRegister.Domain.Meetings;
using CoopRegister.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("Meetings");
        builder.HasKey(m => m.Id);

        // Two tellers opening, closing or counting at once: the second save finds the meeting changed.
        builder.HasConcurrencyVersion();
        builder.Property(m => m.Kind).AsText(16);
        builder.Property(m => m.Status).AsText(16);
        builder.Property(m => m.Title).HasMaxLength(Meeting.TitleMax);
        builder.Property(m => m.RollHash).HasMaxLength(Meeting.HashLength);
        builder.Property(m => m.DeclaredBy).HasMaxLength(256);
        builder.Property(m => m.Precedence).AsText(32);
        builder.Property(m => m.ReconciliationDifferences).HasMaxLength(Reconciliation.NoteMax);
        builder.Property(m => m.ReconciliationNote).HasMaxLength(Reconciliation.NoteMax);
        builder.Property(m => m.ReconciliationNotedById).HasMaxLength(PaperBatch.TellerIdMax);
        builder.Property(m => m.ReconciliationNotedBy).HasMaxLength(PaperBatch.TellerNameMax);
        builder.Property(m => m.ReconciliationSignedOffBy).HasMaxLength(PaperBatch.TellerNameMax);

        var e = builder.ComplexProperty(m => m.Eligibility);
        e.Property(x => x.MemberOnNoticeDate).HasColumnName("EligibleMemberOnNoticeDate");
        e.Property(x => x.MemberOnMeetingDate).HasColumnName("EligibleMemberOnMeetingDate");
        e.Property(x => x.MinimumAge).HasColumnName("EligibleMinimumAge");
        e.Property(x => x.MinimumHoldingFullyPaid).HasColumnName("EligibleMinimumHoldingFullyPaid");

        var q = builder.ComplexProperty(m => m.Quorum);
        q.Property(x => x.Kind).AsText(16).HasColumnName("QuorumKind");
        q.Property(x => x.Members).HasColumnName("QuorumMembers");
        q.Property(x => x.Percent).HasColumnName("QuorumPercent");
        q.Property(x => x.CountsInPerson).HasColumnName("QuorumCountsInPerson");
        q.Property(x => x.CountsProxies).HasColumnName("QuorumCountsProxies");
        q.Property(x => x.TestedAt).AsText(16).HasColumnName("QuorumTestedAt");

        builder.HasMany(m => m.Sections).WithOne().HasForeignKey(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Sections).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(m => m.Motions).WithOne().HasForeignKey(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Motions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(m => m.Status);
    }
}

/// <summary>
/// Proxy appointments: one per member and meeting (changed in place, revoked with a reason). They name the member, as
/// a proxy form does; the ballot a proxy casts at the count is a secret ballot like any other, with nothing leading back.
/// </summary>
internal sealed class ProxyAppointmentConfiguration : IEntityTypeConfiguration<ProxyAppointment>
{
    public void Configure(EntityTypeBuilder<ProxyAppointment> builder)
    {
        builder.ToTable("ProxyAppointments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.RevokedReason).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(p => p.AppointerMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(p => p.HolderMemberId).OnDelete(DeleteBehavior.Restrict);

        // One appointment per member and meeting; the cap counts a holder's appointments.
        builder.HasIndex(p => new { p.MeetingId, p.AppointerMemberId }).IsUnique();
        builder.HasIndex(p => new { p.MeetingId, p.HolderMemberId });
        builder.HasIndex(p => p.AppointerMemberId);
        builder.HasIndex(p => p.HolderMemberId);
        builder.HasMany(p => p.Mandates).WithOne().HasForeignKey(m => m.ProxyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Mandates).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(p => p.ElectionPreferences).WithOne().HasForeignKey(e => e.ProxyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.ElectionPreferences).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(p => p.IsActive);
        builder.Ignore(p => p.HoldsChair);
    }
}

internal sealed class ProxyMotionMandateConfiguration : IEntityTypeConfiguration<ProxyMotionMandate>
{
    public void Configure(EntityTypeBuilder<ProxyMotionMandate> builder)
    {
        builder.ToTable("ProxyMandates");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Mandate).AsText(16);
        builder.Property(m => m.HolderChoice).HasConversion<string>().HasMaxLength(8);
        builder.HasOne<Motion>().WithMany().HasForeignKey(m => m.MotionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ProxyId, m.MotionId }).IsUnique();
        builder.HasIndex(m => m.MotionId);
    }
}

/// <summary>A present holder's keyed ranking in an election, kept with the appointment until the count casts it.</summary>
internal sealed class ProxyElectionPreferenceConfiguration : IEntityTypeConfiguration<ProxyElectionPreference>
{
    public void Configure(EntityTypeBuilder<ProxyElectionPreference> builder)
    {
        builder.ToTable("ProxyElectionPreferences");
        builder.HasKey(p => p.Id);
        builder.HasOne<Election>().WithMany().HasForeignKey(p => p.ElectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ElectionCandidate>().WithMany().HasForeignKey(p => p.CandidateId).OnDelete(DeleteBehavior.Restrict);

        // A candidate is ranked once in an election, and a rank is given once (the ranking is checked before it is stored).
        builder.HasIndex(p => new { p.ProxyId, p.ElectionId, p.CandidateId }).IsUnique();
        builder.HasIndex(p => p.ElectionId);
        builder.HasIndex(p => p.CandidateId);
    }
}

internal sealed class MeetingSectionConfiguration : IEntityTypeConfiguration<MeetingSection>
{
    public void Configure(EntityTypeBuilder<MeetingSection> builder)
    {
        builder.ToTable("MeetingSections");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(MeetingSection.NameMax);
        builder.Property(s => s.Place).HasMaxLength(MeetingSection.PlaceMax);
        builder.HasIndex(s => new { s.MeetingId, s.Name }).IsUnique();
    }
}

internal sealed class MotionConfiguration : IEntityTypeConfiguration<Motion>
{
    public void Configure(EntityTypeBuilder<Motion> builder)
    {
        builder.ToTable("Motions");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Title).HasMaxLength(Motion.TitleMax);
        builder.Property(m => m.Text).HasMaxLength(Motion.TextMax);
        var t = builder.ComplexProperty(m => m.Threshold);
        t.Property(x => x.Kind).AsText(16).HasColumnName("ThresholdKind");
        t.Property(x => x.Numerator).HasColumnName("ThresholdNumerator");
        t.Property(x => x.Denominator).HasColumnName("ThresholdDenominator");
        t.Property(x => x.AbstentionsCount).HasColumnName("AbstentionsCount");
        builder.HasIndex(m => new { m.MeetingId, m.Number });
    }
}

internal sealed class VoterRollEntryConfiguration : IEntityTypeConfiguration<VoterRollEntry>
{
    public void Configure(EntityTypeBuilder<VoterRollEntry> builder)
    {
        builder.ToTable("VoterRoll");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.VotedBy).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MeetingSection>().WithMany().HasForeignKey(r => r.SectionId).OnDelete(DeleteBehavior.Restrict);

        // One member, one vote: a member is on a meeting's roll once, so its single "voted" mark is the only one there is.
        builder.HasIndex(r => new { r.MeetingId, r.MemberId }).IsUnique();
        builder.HasIndex(r => r.MemberId);
        builder.HasIndex(r => r.SectionId);
        builder.HasOne<MeetingSection>().WithMany().HasForeignKey(r => r.AttendedSectionId).OnDelete(DeleteBehavior.Restrict);

        // Papers issued and the quorum are counted per section from the attendance marks.
        builder.HasIndex(r => new { r.MeetingId, r.AttendedSectionId });
    }
}

/// <summary>
/// Secret ballots: the key is a random GUID, and there is no member, roll row, time or sequence column, nor any
/// index or foreign key that reaches the roll (design/voting.md; tests inspect this model).
/// </summary>
internal sealed class SecretBallotConfiguration : IEntityTypeConfiguration<SecretBallot>
{
    public void Configure(EntityTypeBuilder<SecretBallot> builder)
    {
        builder.ToTable("Ballots");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Channel).AsText(16);
        builder.Property(b => b.ReceiptCode).HasMaxLength(SecretBallot.ReceiptLength);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(b => b.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.MeetingId, b.ReceiptCode }).IsUnique();
        builder.HasMany(b => b.Choices).WithOne().HasForeignKey(c => c.BallotId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.Choices).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(b => b.Preferences).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class BallotChoiceConfiguration : IEntityTypeConfiguration<BallotChoice>
{
    public void Configure(EntityTypeBuilder<BallotChoice> builder)
    {
        builder.ToTable("BallotChoices");
        builder.HasKey(c => new { c.BallotId, c.MotionId });
        builder.Property(c => c.Choice).AsText(8);
        builder.HasOne<Motion>().WithMany().HasForeignKey(c => c.MotionId).OnDelete(DeleteBehavior.Restrict);

        // The count groups each motion's choices.
        builder.HasIndex(c => new { c.MotionId, c.Choice });
    }
}

/// <summary>Batches of paper ballots keyed by tellers; aggregate counts per motion, so nothing in them identifies a voter.</summary>
internal sealed class PaperBatchConfiguration : IEntityTypeConfiguration<PaperBatch>
{
    public void Configure(EntityTypeBuilder<PaperBatch> builder)
    {
        builder.ToTable("PaperBatches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Status).AsText(16);
        builder.Property(b => b.KeyedById).HasMaxLength(PaperBatch.TellerIdMax);
        builder.Property(b => b.KeyedByName).HasMaxLength(PaperBatch.TellerNameMax);
        builder.Property(b => b.CheckedById).HasMaxLength(PaperBatch.TellerIdMax);
        builder.Property(b => b.CheckedByName).HasMaxLength(PaperBatch.TellerNameMax);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(b => b.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MeetingSection>().WithMany().HasForeignKey(b => b.SectionId).OnDelete(DeleteBehavior.Restrict);

        // The number written on the batch's envelope is unique within the meeting; two tellers keying at once collide here.
        builder.HasIndex(b => new { b.MeetingId, b.Number }).IsUnique();
        builder.HasIndex(b => b.SectionId);
        builder.HasMany(b => b.Counts).WithOne().HasForeignKey(c => c.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.Counts).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(b => b.Spoilt).WithOne().HasForeignKey(c => c.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.Spoilt).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PaperBatchCountConfiguration : IEntityTypeConfiguration<PaperBatchCount>
{
    public void Configure(EntityTypeBuilder<PaperBatchCount> builder)
    {
        builder.ToTable("PaperBatchCounts");
        builder.HasKey(c => new { c.BatchId, c.MotionId });
        builder.HasOne<Motion>().WithMany().HasForeignKey(c => c.MotionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.MotionId);
    }
}

internal sealed class SpoiltPaperConfiguration : IEntityTypeConfiguration<SpoiltPaper>
{
    public void Configure(EntityTypeBuilder<SpoiltPaper> builder)
    {
        builder.ToTable("SpoiltPapers");
        builder.HasKey(s => new { s.BatchId, s.Number });
        builder.Property(s => s.Reason).HasMaxLength(SpoiltPaper.ReasonMax);
    }
}

internal sealed class QuorumCheckConfiguration : IEntityTypeConfiguration<QuorumCheck>
{
    public void Configure(EntityTypeBuilder<QuorumCheck> builder)
    {
        builder.ToTable("QuorumChecks");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.TestedBy).HasMaxLength(QuorumCheck.TellerMax);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(q => q.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MeetingSection>().WithMany().HasForeignKey(q => q.SectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(q => new { q.MeetingId, q.SectionId });
        builder.HasIndex(q => q.SectionId);
    }
}
