using CoopRegister.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    /// <summary>Room for a member's whole record as JSON, before and after.</summary>
    public const int SnapshotMax = 16_000;

    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ActorUserId).HasMaxLength(64);
        builder.Property(e => e.ActorName).HasMaxLength(AuditEvent.ActorMax);
        builder.Property(e => e.Action).HasMaxLength(AuditEvent.ActionMax);
        builder.Property(e => e.SubjectType).HasMaxLength(AuditEvent.SubjectTypeMax);
        builder.Property(e => e.SubjectId).HasMaxLength(AuditEvent.SubjectIdMax);
        builder.Property(e => e.Summary).HasMaxLength(AuditEvent.SummaryMax);
        builder.Property(e => e.Before).HasMaxLength(SnapshotMax);
        builder.Property(e => e.After).HasMaxLength(SnapshotMax);
        builder.Property(e => e.PreviousHash).HasMaxLength(AuditChainHash.Length);
        builder.Property(e => e.Hash).HasMaxLength(AuditChainHash.Length);

        // The chain's order: one event per place, walked in this order by the check (AuditChain).
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.MemberId, e.Id });
        builder.HasIndex(e => new { e.SubjectType, e.SubjectId });
    }
}
