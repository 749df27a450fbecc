using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

internal sealed class ShareApplicationConfiguration : IEntityTypeConfiguration<ShareApplication>
{
    public void Configure(EntityTypeBuilder<ShareApplication> builder)
    {
        builder.ToTable("Applications");
        builder.HasKey(a => a.Id);
        builder.HasConcurrencyVersion();
        builder.Property(a => a.Reference).HasMaxLength(ShareApplication.ReferenceLength);
        builder.HasIndex(a => a.Reference).IsUnique();
        builder.Property(a => a.StatusTokenHash).HasMaxLength(ShareApplication.TokenHashLength);
        PersonDetailsMapping.Configure(builder.ComplexProperty(a => a.Applicant), "Applicant");
        builder.Property(a => a.PaymentMethod).AsText(16);
        builder.Property(a => a.MatchDecision).AsText(16);
        builder.Property(a => a.Status).AsText(16);
        builder.Property(a => a.ClosedReason).HasMaxLength(ShareApplication.ReasonMax);
        builder.HasOne<ShareClass>().WithMany().HasForeignKey(a => a.ShareClassId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Payments).WithOne().HasForeignKey(p => p.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Events).WithOne().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(a => a.Payments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(a => a.Events).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The registrar's queue filters by status and shows the oldest first.
        builder.HasIndex(a => new { a.Status, a.SubmittedAt });
        builder.HasIndex(a => a.SubmittedAt);
    }
}

internal sealed class ApplicationPaymentConfiguration : IEntityTypeConfiguration<ApplicationPayment>
{
    public void Configure(EntityTypeBuilder<ApplicationPayment> builder)
    {
        builder.ToTable("ApplicationPayments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Method).AsText(16);
        builder.Property(p => p.Reference).HasMaxLength(ApplicationPayment.ReferenceMax);
        builder.Property(p => p.RecordedBy).HasMaxLength(256);
        builder.HasIndex(p => p.ReceivedOn);
    }
}

internal sealed class ApplicationEventConfiguration : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> builder)
    {
        builder.ToTable("ApplicationEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.By).HasMaxLength(256);
        builder.Property(e => e.What).HasMaxLength(ApplicationEvent.WhatMax);
    }
}
