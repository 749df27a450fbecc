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
internal sealed class BulkColumn(string name, RelationalTypeMapping mapping, bool isNullable, Func<object, object?> read)
{
    public string Name { get; } = name;

    public RelationalTypeMapping Mapping { get; } = mapping;

    public bool IsNullable { get; } = isNullable;

    /// <summary>The provider value of this column for an entity, or null for SQL NULL.</summary>
    public object? Read(object entity) => read(entity);
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
        return new BulkColumn(name, mapping, property.IsColumnNullable(table), Reader(property, mapping.Converter));
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
