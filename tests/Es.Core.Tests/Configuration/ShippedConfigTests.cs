using Es.Core.Configuration;

namespace Es.Core.Tests.Configuration;

/// <summary>Every file in config/ (and the reference) must load: the samples stay true to the code.</summary>
public sealed class ShippedConfigTests
{
    public static TheoryData<string> ConfigFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(ConfigDirectory(), "*.json*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(ConfigDirectory(), file));
        }

        return data;
    }

    private static string ConfigDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EsAkka.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("EsAkka.sln not found above the test binaries"), "config");
    }

    [Theory]
    [MemberData(nameof(ConfigFiles))]
    public void Load_ShippedConfig_IsValid(string relativePath)
    {
        var path = Path.Combine(ConfigDirectory(), relativePath);
        var config = ConfigLoader.Load(File.ReadAllText(path), path);
        Assert.False(string.IsNullOrEmpty(config.Env.Name));
    }

    [Fact]
    public void Reference_ListsEveryKey_WithItsDefault()
    {
        var reference = ConfigLoader.Load(File.ReadAllText(Path.Combine(ConfigDirectory(), "reference.jsonc")), "reference.jsonc");
        Assert.Equal(ConfigWriter.ToJson(new TrainingConfig()), ConfigWriter.ToJson(reference));
        var text = File.ReadAllText(Path.Combine(ConfigDirectory(), "reference.jsonc"));
        foreach (var (section, node) in ConfigWriter.ToNode(new TrainingConfig()))
        {
            Assert.Contains($"\"{section}\"", text, StringComparison.Ordinal);
            if (node is System.Text.Json.Nodes.JsonObject keys)
            {
                foreach (var (key, _) in keys)
                {
                    Assert.Contains($"\"{key}\"", text, StringComparison.Ordinal);
                }
            }
        }
    }
}
