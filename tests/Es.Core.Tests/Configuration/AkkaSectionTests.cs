using System.Text.Json.Nodes;
using Es.Core.Configuration;

namespace Es.Core.Tests.Configuration;

/// <summary>The <c>akka</c> section: kept verbatim, not checked against the schema, written back, ignorable on resume.</summary>
public sealed class AkkaSectionTests
{
    [Fact]
    public void Load_NoAkkaSection_EmptyObject() =>
        Assert.Equal("{}", ConfigLoader.Load("{}", "cfg.json").AkkaOverrides);

    [Fact]
    public void Load_AkkaSection_KeptVerbatimWhateverItsKeys()
    {
        var config = ConfigLoader.Load("""{"akka": {"loglevel": "DEBUG", "actor": {"serialization-bindings": {"System.Object, mscorlib": "json"}}, "anything-at-all": [1, 2.5e-3, true, null]}}""", "cfg.json");

        var akka = JsonNode.Parse(config.AkkaOverrides)!.AsObject();
        Assert.Equal("DEBUG", (string?)akka["loglevel"]);
        Assert.Equal("json", (string?)akka["actor"]!["serialization-bindings"]!["System.Object, mscorlib"]);
        Assert.Equal(4, akka["anything-at-all"]!.AsArray().Count);
    }

    [Fact]
    public void Load_SetAkkaKeys_AddToAndOverrideTheSection()
    {
        var config = ConfigLoader.Load("""{"akka": {"loglevel": "DEBUG", "log-config-on-start": "off"}}""", "cfg.json", ["akka.loglevel=WARNING", "akka.actor.debug.receive=on"]);

        var akka = JsonNode.Parse(config.AkkaOverrides)!.AsObject();
        Assert.Equal("WARNING", (string?)akka["loglevel"]);
        Assert.Equal("off", (string?)akka["log-config-on-start"]);
        Assert.Equal("on", (string?)akka["actor"]!["debug"]!["receive"]);
    }

    [Fact]
    public void Load_AkkaNotAnObject_NamesTheKeyAndTheSource()
    {
        var fromFile = Assert.Throws<ConfigException>(() => ConfigLoader.Load("""{"akka": "DEBUG"}""", "cfg.json"));
        var fromSet = Assert.Throws<ConfigException>(() => ConfigLoader.Load("{}", "cfg.json", ["akka=5"]));

        Assert.Equal("cfg.json: akka: expected an object ({ ... }), got \"DEBUG\"", fromFile.Message);
        Assert.Equal("--set: akka: expected an object ({ ... }), got 5", fromSet.Message);
    }

    [Fact]
    public void Load_UnknownKeyOutsideAkka_StillAnError()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load("""{"akka": {"loglevel": "DEBUG"}, "strategy": {"populaton": 8}}""", "cfg.json"));

        Assert.StartsWith("cfg.json: strategy.populaton: unknown key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownTopLevelKey_ListsAkkaAmongTheKnownOnes() =>
        Assert.Contains("akka", Assert.Throws<ConfigException>(() => ConfigLoader.Load("""{"akko": {}}""", "cfg.json")).Message, StringComparison.Ordinal);

    [Fact]
    public void ToJson_WritesTheSection_AndReloadsIt()
    {
        var original = ConfigLoader.Load("""{"akka": {"loglevel": "DEBUG"}}""", "cfg.json");

        var written = JsonNode.Parse(ConfigWriter.ToJson(original))!;
        var reloaded = ConfigLoader.Load(ConfigWriter.ToJson(original), "config.json");

        Assert.Equal("DEBUG", (string?)written["akka"]!["loglevel"]);
        Assert.Equal(ConfigWriter.ToJson(original), ConfigWriter.ToJson(reloaded));
    }

    [Fact]
    public void Differences_IgnoringAkka_IgnoresEveryKeyInIt_AddedOnes_Too()
    {
        var before = ConfigLoader.Load("""{"akka": {"loglevel": "DEBUG"}}""", "a.json");
        var after = ConfigLoader.Load("""{"akka": {"loglevel": "INFO", "stdout-loglevel": "OFF"}, "seed": 2}""", "b.json");

        Assert.Equal(["seed", "akka.loglevel", "akka.stdout-loglevel"], ConfigDiff.Differences(before, after));
        Assert.Equal(["seed"], ConfigDiff.Differences(before, after, "akka"));
    }

    [Fact]
    public void Load_FromAJsonTree_SameAsFromText_AndTheTreeIsLeftAlone()
    {
        const string text = """{"seed": 4, "strategy": {"population": 10}, "akka": {"loglevel": "DEBUG"}}""";
        var tree = JsonNode.Parse(text)!.AsObject();

        var fromTree = ConfigLoader.Load(tree, "cfg.json", ["strategy.sigma=0.2"]);

        Assert.Equal(ConfigWriter.ToJson(ConfigLoader.Load(text, "cfg.json", ["strategy.sigma=0.2"])), ConfigWriter.ToJson(fromTree));
        Assert.Null(tree["strategy"]!["sigma"]);
    }
}
