using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoopRegister.Data.Configurations;

internal static class ModelBuilderExtensions
{
    /// <summary>
    /// An application-managed optimistic-concurrency token (architecture.md, convention 8): a shadow property
    /// <c>Version</c> that <see cref="RegisterDbContext"/> increments on every update. Neither provider needs
    /// a database-generated row version, so the same model runs on both.
    /// </summary>
    public static PropertyBuilder<long> HasConcurrencyVersion<T>(this EntityTypeBuilder<T> builder)
        where T : class =>
        builder.Property<long>(RegisterDbContext.VersionProperty).IsConcurrencyToken().HasDefaultValue(0L).ValueGeneratedNever();

    /// <summary>Enums are stored as their names, readable in the database and stable when members are reordered.</summary>
    public static PropertyBuilder<TEnum> AsText<TEnum>(this PropertyBuilder<TEnum> builder, int maxLength = 32) =>
        builder.HasConversion<string>().HasMaxLength(maxLength);

    /// <inheritdoc cref="AsText{TEnum}(PropertyBuilder{TEnum}, int)"/>
    public static ComplexTypePropertyBuilder<TEnum> AsText<TEnum>(this ComplexTypePropertyBuilder<TEnum> builder, int maxLength = 32) =>
        builder.HasConversion<string>().HasMaxLength(maxLength);
}
