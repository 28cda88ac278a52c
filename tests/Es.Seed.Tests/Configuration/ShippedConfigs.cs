namespace Es.Seed.Tests.Configuration;

/// <summary>The repository's config/ folder, found above the test binaries.</summary>
internal static class ShippedConfigs
{
    public static string Path(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "EsAkka.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? throw new DirectoryNotFoundException("EsAkka.sln not found above the test binaries");
        return System.IO.Path.Combine(root, "config", name);
    }
}
