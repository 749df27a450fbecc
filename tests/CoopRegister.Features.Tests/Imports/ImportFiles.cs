using System.Text;

namespace CoopRegister.Features.Tests.Imports;

/// <summary>A folder of files for one test's imports, deleted afterwards.</summary>
internal sealed class ImportFiles : IDisposable
{
    public const string Header = "Member number,Name,Kind,Acting for,Representative,Joint holders,Address,Postcode,Country,E-mail for notices,Notices by e-mail,Share class,Shares held,Amount paid (£),Date entered,Date ceased";

    private readonly string _folder = Path.Combine(AppContext.BaseDirectory, "testdb", $"import-{Guid.NewGuid():N}");

    public ImportFiles() => Directory.CreateDirectory(_folder);

    public string Folder => _folder;

    /// <summary>Writes text in an encoding (UTF-8 without a byte-order mark unless given) and returns the path.</summary>
    public string Write(string name, string text, Encoding? encoding = null)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, [.. (encoding ?? new UTF8Encoding(false)).GetPreamble(), .. (encoding ?? new UTF8Encoding(false)).GetBytes(text)]);
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A register file in our export's columns: the header, then the rows, CRLF line ends.</summary>
    public string Register(string name, params string[] rows) => Write(name, string.Join("\r\n", [Header, .. rows]) + "\r\n");

    /// <summary>One row of our export's columns for an individual holding ordinary shares.</summary>
    public static string Row(long number, string name = "Zoë Ó Briain", string postcode = "E3 2NS", string email = "zoe@example.org", long shares = 25,
        string entered = "2019-04-03", string ceased = "", string shareClass = "Ordinary shares", string paid = "", string address = "\"12 Beachy Road\nLondon\"") =>
        $"{number},{name},Individual,,,,{address},{postcode},United Kingdom,{email},{(email.Length > 0 ? "Yes" : "No")},{shareClass},{shares},{(paid.Length > 0 ? paid : shares + ".00")},{entered},{ceased}";

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a leaked handle is left under bin/, never in the repository.
        }
    }
}
