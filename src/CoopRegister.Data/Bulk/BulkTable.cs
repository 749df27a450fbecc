using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CoopRegister.Data.Bulk;

/// <summary>
/// One column of a bulk insert, taken from the EF model: its name, EF's type mapping for the provider, and how to read
/// the value EF would store from an entity (the model's getter, through complex properties, then the model's value
/// converter: enums to their names, joint holders to JSON, instants to UTC).
/// </summary>
internal sealed class BulkColumn(string name, RelationalTypeMapping mapping, bool isNullable, Func<object, object?> read, IProperty property)
{
    public string Name { get; } = name;

    public RelationalTypeMapping Mapping { get; } = mapping;

    public bool IsNullable { get; } = isNullable;

    /// <summary>The provider value of this column for an entity, or null for SQL NULL.</summary>
    public object? Read(object entity) => read(entity);

    /// <summary>
    /// The provider value of this column as a typed, compiled expression over the entity (<c>object</c> in, the
    /// provider type out, nullable where the column can be NULL): the same members and the same value converter as
    /// <see cref="Read"/>, without boxing every value, for writers that bind millions of them.
    /// </summary>
    public LambdaExpression ProviderValue()
    {
        var entity = Expression.Parameter(typeof(object), "entity");
        var converter = Mapping.Converter;
        if (property.IsShadowProperty())
        {
            var value = Read(new object());
            var type = converter?.ProviderClrType ?? property.ClrType;
            return Expression.Lambda(Expression.Constant(value, value is null ? Nullable(type) : type), entity);
        }

        var model = Expression.MakeMemberAccess(Instance(property.DeclaringType, entity), Member(property));
        if (converter is null)
        {
            return Expression.Lambda(model, entity);
        }

        var provider = converter.ProviderClrType;
        Expression Convert(Expression v) => Expression.Invoke(converter.ConvertToProviderExpression, Expression.Convert(v, converter.ModelClrType));
        if (!model.Type.IsValueType)
        {
            var result = Nullable(provider);
            return Expression.Lambda(
                Expression.Condition(Expression.Equal(model, Expression.Constant(null, model.Type)), Expression.Constant(null, result), Expression.Convert(Convert(model), result)),
                entity);
        }

        if (System.Nullable.GetUnderlyingType(model.Type) is not null)
        {
            var result = Nullable(provider);
            return Expression.Lambda(
                Expression.Condition(Expression.Property(model, "HasValue"), Expression.Convert(Convert(Expression.Property(model, "Value")), result), Expression.Constant(null, result)),
                entity);
        }

        return Expression.Lambda(Convert(model), entity);
    }

    private static Type Nullable(Type type) => type.IsValueType && System.Nullable.GetUnderlyingType(type) is null ? typeof(Nullable<>).MakeGenericType(type) : type;

    private static MemberInfo Member(IPropertyBase property) =>
        (MemberInfo?)property.PropertyInfo ?? property.FieldInfo ?? throw new InvalidOperationException($"{property.Name} has neither a property nor a field to read.");

    /// <summary>The object that declares a property: the entity itself, or the complex object reached through the entity's complex properties.</summary>
    private static Expression Instance(ITypeBase type, ParameterExpression entity) => type switch
    {
        IComplexType complex => Expression.MakeMemberAccess(Instance(complex.ComplexProperty.DeclaringType, entity), Member(complex.ComplexProperty)),
        _ => Expression.Convert(entity, type.ClrType),
    };
}

/// <summary>
/// A table as the EF model maps one entity type: every column, in a fixed order. Built from the model rather than
/// written out by hand so that a column added to the model is written by the bulk writer too, with EF's own name,
/// type and conversion; a column it could not fill (a shadow property with no default) stops the build instead of
/// being silently left out.
/// </summary>
internal sealed class BulkTable
{
    private BulkTable(Type clrType, string name, string? schema, string keyColumn, IReadOnlyList<BulkColumn> columns)
    {
        ClrType = clrType;
        Name = name;
        Schema = schema;
        KeyColumn = keyColumn;
        Columns = columns;
    }

    public Type ClrType { get; }

    public string Name { get; }

    public string? Schema { get; }

    /// <summary>The first column of the primary key (the identity column of tables that have one).</summary>
    public string KeyColumn { get; }

    public IReadOnlyList<BulkColumn> Columns { get; }

    public static BulkTable For<T>(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var entityType = model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not part of the register's model.");
        var tableName = entityType.GetTableName()
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped to a table.");
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        var columns = new List<BulkColumn>();
        foreach (var property in entityType.GetProperties())
        {
            columns.Add(Column(property, table));
        }

        AddComplex(entityType.GetComplexProperties(), table, columns);
        var key = entityType.FindPrimaryKey()?.Properties[0].GetColumnName(table)
            ?? throw new InvalidOperationException($"{tableName} has no primary key.");
        return new BulkTable(typeof(T), tableName, entityType.GetSchema(), key, columns);
    }

    private static void AddComplex(IEnumerable<IComplexProperty> complexProperties, StoreObjectIdentifier table, List<BulkColumn> columns)
    {
        foreach (var complex in complexProperties)
        {
            if (complex.IsCollection)
            {
                throw new InvalidOperationException($"{complex.Name} is a complex collection, which the bulk writer does not map.");
            }

            foreach (var property in complex.ComplexType.GetProperties())
            {
                columns.Add(Column(property, table));
            }

            AddComplex(complex.ComplexType.GetComplexProperties(), table, columns);
        }
    }

    private static BulkColumn Column(IProperty property, StoreObjectIdentifier table)
    {
        var name = property.GetColumnName(table)
            ?? throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} has no column in {table.Name}.");
        var mapping = property.GetRelationalTypeMapping();
        return new BulkColumn(name, mapping, property.IsColumnNullable(table), Reader(property, mapping.Converter), property);
    }

    private static Func<object, object?> Reader(IProperty property, ValueConverter? converter)
    {
        if (property.IsShadowProperty())
        {
            // The only shadow properties in the register are the concurrency versions, which start at their default (0).
            var value = property.GetDefaultValue()
                ?? (property.ClrType.IsValueType && Nullable.GetUnderlyingType(property.ClrType) is null ? Activator.CreateInstance(property.ClrType) : null)
                ?? throw new InvalidOperationException($"Column {property.Name} is a shadow property without a default value; the bulk writer cannot fill it.");
            var stored = converter is null ? value : converter.ConvertToProvider(value);
            return _ => stored;
        }

        var getter = property.GetGetter();
        if (converter is null)
        {
            return getter.GetClrValueUsingContainingEntity;
        }

        var convert = converter.ConvertToProvider;
        return entity => getter.GetClrValueUsingContainingEntity(entity) is { } value ? convert(value) : null;
    }
}
