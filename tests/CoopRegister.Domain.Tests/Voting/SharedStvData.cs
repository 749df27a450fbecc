namespace CoopRegister.Domain.Tests.Voting;

/// <summary>
/// The STV test data kept beside the repository (../shared/data/stv), never copied into it. Tests that need it call
/// <see cref="RequireFolder"/>, which skips them, visibly, when the folder is absent.
/// </summary>
internal static class SharedStvData
{
    public static string? Folder { get; } = Locate();

    public static string RequireFolder(string subfolder)
    {
        var folder = Folder is null ? null : Path.Combine(Folder, subfolder);
        if (folder is null || !Directory.Exists(folder))
        {
            Assert.Skip($"The shared STV test data (../shared/data/stv/{subfolder} beside the repository) is not present.");
        }

        return folder!;
    }

    public static string Glasgow(string file) => Path.Combine(RequireFolder("glasgow-2007"), file);

    /// <summary>The Glasgow ballot files by name, for theories; empty when the data is absent.</summary>
    public static TheoryData<string> GlasgowWards()
    {
        var data = new TheoryData<string>();
        var folder = Folder is null ? null : Path.Combine(Folder, "glasgow-2007");
        if (folder is null || !Directory.Exists(folder))
        {
            data.Add("(shared data absent)");
            return data;
        }

        foreach (var file in Directory.GetFiles(folder, "*.blt").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }

        return data;
    }

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CoopRegister.sln")))
            {
                return dir.Parent is null ? null : Path.Combine(dir.Parent.FullName, "shared", "data", "stv");
            }
        }

        return null;
    }
}
