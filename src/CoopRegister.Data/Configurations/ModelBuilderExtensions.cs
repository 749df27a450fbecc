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

    /// <summary>
    /// Marks a search-key column, which prefix searches read as an index range ("bri" ≤ key &lt; "brj"). Keys hold only
    /// lower-case letters, digits and spaces, and on PostgreSQL the column uses the binary "C" collation so that the range
    /// means the same as on SQLite (whose default collation is binary).
    /// </summary>
    public static PropertyBuilder<string> IsSearchKey(this PropertyBuilder<string> builder) =>
        builder.HasAnnotation(SearchKeyAnnotation, true);

    public const string SearchKeyAnnotation = "CoopRegister:SearchKey";
}
