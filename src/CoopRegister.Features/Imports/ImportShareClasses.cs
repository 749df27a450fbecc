using CoopRegister.Domain.Shares;

namespace CoopRegister.Features.Imports;

/// <summary>The society's share classes as the import finds them: by name or code, ignoring case; empty is the ordinary class.</summary>
internal sealed class ImportShareClasses
{
    private readonly Dictionary<string, ShareClass> _byName = new(StringComparer.OrdinalIgnoreCase);

    public ImportShareClasses(IReadOnlyList<ShareClass> classes)
    {
        All = classes;
        Ordinary = classes.FirstOrDefault(c => c.Code == ShareClass.OrdinaryCode) ?? classes.OrderBy(c => c.Id).First();
        foreach (var c in classes)
        {
            _byName.TryAdd(c.Name.Trim(), c);
        }

        foreach (var c in classes)
        {
            _byName.TryAdd(c.Code.Trim(), c);
        }
    }

    public IReadOnlyList<ShareClass> All { get; }

    public ShareClass Ordinary { get; }

    public ShareClass? Find(string text) => text.Length == 0 ? Ordinary : _byName.GetValueOrDefault(text.Trim());

    public string Describe() => string.Join(", ", All.Select(c => $"{c.Name} ({c.Code})"));
}
