using CoopRegister.Domain.Estates;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Officers;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Transfers;
using CoopRegister.Domain.Withdrawals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

internal sealed class WithdrawalRequestConfiguration : IEntityTypeConfiguration<WithdrawalRequest>
{
    public void Configure(EntityTypeBuilder<WithdrawalRequest> builder)
    {
        builder.ToTable("Withdrawals");
        builder.HasKey(w => w.Id);

        // Paying twice is prevented by this token: two registrars paying at once, the second save finds it changed.
        builder.HasConcurrencyVersion();
        builder.Property(w => w.Source).AsText(16);
        builder.Property(w => w.Status).AsText(16);
        builder.Property(w => w.DecisionMinutes).HasMaxLength(100);
        builder.Property(w => w.PaymentMethod).HasMaxLength(40);
        builder.Property(w => w.PaymentReference).HasMaxLength(WithdrawalRequest.TextMax);
        builder.HasOne<Member>().WithMany().HasForeignKey(w => w.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ShareClass>().WithMany().HasForeignKey(w => w.ShareClassId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(w => w.Steps).WithOne().HasForeignKey(s => s.WithdrawalRequestId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(w => w.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The queue is ordered by notice date.
        builder.HasIndex(w => new { w.Status, w.NoticeGivenOn, w.Id });
        builder.HasIndex(w => w.MemberId);
    }
}

internal sealed class WithdrawalStepConfiguration : IEntityTypeConfiguration<WithdrawalStep>
{
    public void Configure(EntityTypeBuilder<WithdrawalStep> builder)
    {
        builder.ToTable("WithdrawalSteps");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.By).HasMaxLength(256);
        builder.Property(s => s.What).HasMaxLength(400);
    }
}

internal sealed class WithdrawalSuspensionConfiguration : IEntityTypeConfiguration<WithdrawalSuspension>
{
    public void Configure(EntityTypeBuilder<WithdrawalSuspension> builder)
    {
        builder.ToTable("WithdrawalSuspensions");
        builder.HasKey(s => s.Id);
        builder.HasConcurrencyVersion();
        builder.Property(s => s.Reason).HasMaxLength(300);
        builder.Property(s => s.Minutes).HasMaxLength(100);
    }
}

internal sealed class WithdrawalBudgetConfiguration : IEntityTypeConfiguration<WithdrawalBudget>
{
    public void Configure(EntityTypeBuilder<WithdrawalBudget> builder)
    {
        builder.ToTable("WithdrawalBudgets");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Minutes).HasMaxLength(100);
        builder.HasIndex(b => b.PeriodStart);
    }
}

internal sealed class ShareTransferConfiguration : IEntityTypeConfiguration<ShareTransfer>
{
    public void Configure(EntityTypeBuilder<ShareTransfer> builder)
    {
        builder.ToTable("Transfers");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.ConsentMinutes).HasMaxLength(100);
        builder.Property(t => t.RecordedBy).HasMaxLength(256);
        builder.HasOne<Member>().WithMany().HasForeignKey(t => t.FromMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(t => t.ToMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ShareClass>().WithMany().HasForeignKey(t => t.ShareClassId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => t.EffectiveDate);
    }
}

internal sealed class NominationConfiguration : IEntityTypeConfiguration<Nomination>
{
    public void Configure(EntityTypeBuilder<Nomination> builder)
    {
        builder.ToTable("Nominations");
        builder.HasKey(n => n.Id);
        builder.HasConcurrencyVersion();
        builder.Property(n => n.NomineeName).HasMaxLength(Nomination.TextMax);
        builder.Property(n => n.NomineeAddress).HasMaxLength(Nomination.AddressMax);
        builder.Property(n => n.Relationship).HasMaxLength(60);
        builder.Property(n => n.RevokedReason).HasMaxLength(Nomination.TextMax);
        builder.Property(n => n.RecordedBy).HasMaxLength(256);
        builder.HasOne<Member>().WithMany().HasForeignKey(n => n.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Nomination>().WithMany().HasForeignKey(n => n.ReplacedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => new { n.MemberId, n.ReceivedOn });
    }
}

internal sealed class DeathCaseConfiguration : IEntityTypeConfiguration<DeathCase>
{
    public void Configure(EntityTypeBuilder<DeathCase> builder)
    {
        builder.ToTable("DeathCases");
        builder.HasKey(d => d.Id);
        builder.HasConcurrencyVersion();
        builder.Property(d => d.NotifiedBy).HasMaxLength(DeathCase.TextMax);
        builder.Property(d => d.EvidenceSeen).HasMaxLength(DeathCase.TextMax);
        builder.Property(d => d.SettledTo).HasMaxLength(DeathCase.TextMax);
        builder.Property(d => d.Route).AsText(24);
        builder.HasOne<Member>().WithMany().HasForeignKey(d => d.MemberId).OnDelete(DeleteBehavior.Restrict);

        // A member dies once.
        builder.HasIndex(d => d.MemberId).IsUnique();
    }
}

internal sealed class OfficerConfiguration : IEntityTypeConfiguration<Officer>
{
    public void Configure(EntityTypeBuilder<Officer> builder)
    {
        builder.ToTable("Officers");
        builder.HasKey(o => o.Id);
        builder.HasConcurrencyVersion();
        builder.Property(o => o.Name).HasMaxLength(Officer.TextMax);
        builder.Property(o => o.Address).HasMaxLength(Officer.AddressMax);
        builder.Property(o => o.Office).HasMaxLength(100);
        builder.Property(o => o.CeasedReason).HasMaxLength(Officer.TextMax);
        builder.HasOne<Member>().WithMany().HasForeignKey(o => o.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => new { o.CeasedOn, o.AppointedOn });
    }
}

internal sealed class ContactFailureConfiguration : IEntityTypeConfiguration<ContactFailure>
{
    public void Configure(EntityTypeBuilder<ContactFailure> builder)
    {
        builder.ToTable("ContactFailures");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Kind).AsText(16);
        builder.Property(c => c.Note).HasMaxLength(ContactFailure.NoteMax);
        builder.Property(c => c.RecordedBy).HasMaxLength(256);
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.MemberId, c.On });
    }
}

internal sealed class MemberDebtConfiguration : IEntityTypeConfiguration<MemberDebt>
{
    public void Configure(EntityTypeBuilder<MemberDebt> builder)
    {
        builder.ToTable("MemberDebts");
        builder.HasKey(d => d.Id);
        builder.HasConcurrencyVersion();
        builder.Property(d => d.Reason).HasMaxLength(MemberDebt.ReasonMax);
        builder.Property(d => d.PaymentReference).HasMaxLength(100);
        builder.HasOne<Member>().WithMany().HasForeignKey(d => d.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.MemberId);
    }
}
