using Es.Core.Configuration;

namespace Es.Core.Tests.Configuration;

/// <summary>Every file in config/ (and the reference) must load: the samples stay true to the code.</summary>
public sealed class ShippedConfigTests
{
    /// <summary>
    /// Every file whose task Es.Core knows. Files naming an environment an extension registers
    /// (the MuJoCo tasks) are loaded by that extension's tests, with the extension registered.
    /// </summary>
    public static TheoryData<string> ConfigFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(ConfigDirectory(), "*.json*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!NamesExtensionTask(file))
            {
                data.Add(Path.GetRelativePath(ConfigDirectory(), file));
            }
        }

        return data;
    }

    private static bool NamesExtensionTask(string file)
    {
        var options = new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file), options);
        return document.RootElement.TryGetProperty("env", out var env)
            && env.TryGetProperty("name", out var name)
            && name.GetString() is string text
            && !ConfigLoader.Problems.Contains(text, StringComparer.OrdinalIgnoreCase)
            && text.EndsWith("-v4", StringComparison.Ordinal);
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
