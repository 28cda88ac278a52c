using System.Text.Json.Nodes;
using Es.Core.Configuration;
using Es.Seed.Configuration;

namespace Es.Seed.Tests.Configuration;

/// <summary>HOCON files become the JSON tree the loader checks: same configuration, same messages, one-line syntax errors.</summary>
public sealed class HoconConfigFileTests
{
    /// <summary>config/cartpole.json, written the ways HOCON allows: no root braces, dotted keys, ':' and '=', comments, unquoted strings, a substitution.</summary>
    internal const string CartPole = """
        # config/cartpole.json in HOCON
        seed = 1
        generations: ${evaluation.episodes}
        env.name = CartPole-v1          // unquoted, dashes and all
        policy {
          hidden = [16]
          activation = "tanh"
        }
        strategy { population = 64, sigma = 0.1, shaping = centered_ranks, l2 = 0.005 }
        optimizer {
          name = adam
          learning_rate = 0.03
        }
        evaluation.every = 5
        evaluation.episodes = 100
        """;

    private static TrainingConfig LoadHocon(string text, params string[] overrides) =>
        ConfigLoader.Load(HoconConfigFile.Parse(text, "x.conf"), "x.conf", overrides);

    private static string HoconError(string text) =>
        Assert.Throws<ConfigException>(() => LoadHocon(text)).Message;

    [Fact]
    public void Parse_CartPoleInHocon_SameResolvedConfigAsTheShippedJson()
    {
        var json = ConfigLoader.Load(File.ReadAllText(ShippedConfigs.Path("cartpole.json")), "cartpole.json");

        Assert.Equal(ConfigWriter.ToJson(json), ConfigWriter.ToJson(LoadHocon(CartPole)));
    }

    [Fact]
    public void Parse_ScalarTypes_ReadAsJsonWould()
    {
        var tree = HoconConfigFile.Parse("a = 64\nb = -2.5e-3\nc = true\nd = null\ne = CartPole-v1\nf = []\ng = [1, [2], {h = x}]\ni = 10s\nj = \"\"", "x.conf");

        Assert.Equal("""{"a":64,"b":-2.5e-3,"c":true,"d":null,"e":"CartPole-v1","f":[],"g":[1,[2],{"h":"x"}],"i":"10s","j":""}""", tree.ToJsonString());
    }

    [Fact]
    public void Parse_EmptyFile_AllDefaults() =>
        Assert.Equal(ConfigWriter.ToJson(new TrainingConfig()), ConfigWriter.ToJson(LoadHocon("# nothing but a comment\n")));

    [Fact]
    public void Parse_AkkaSection_KeptForTheActorSystem()
    {
        var config = LoadHocon("akka { loglevel = DEBUG, actor.debug.receive = on }", "akka.stdout-loglevel=OFF");

        Assert.Equal("""{"loglevel":"DEBUG","actor":{"debug":{"receive":"on"}},"stdout-loglevel":"OFF"}""", config.AkkaOverrides);
    }

    [Theory]
    [InlineData("strategy { populaton = 10 }", """{"strategy": {"populaton": 10}}""")]
    [InlineData("strategy.population = 7", """{"strategy": {"population": 7}}""")]
    [InlineData("env.name = Pong", """{"env": {"name": "Pong"}}""")]
    [InlineData("policy.hidden = [16, x]", """{"policy": {"hidden": [16, "x"]}}""")]
    [InlineData("obs_norm.enabled = yes", """{"obs_norm": {"enabled": "yes"}}""")]
    [InlineData("genrations = 5", """{"genrations": 5}""")]
    [InlineData("akka = DEBUG", """{"akka": "DEBUG"}""")]
    public void Load_BadValueInHocon_SameMessageAsInJson(string hocon, string json)
    {
        var fromJson = Assert.Throws<ConfigException>(() => ConfigLoader.Load(json, "x.conf")).Message;

        Assert.Equal(fromJson, HoconError(hocon));
    }

    [Theory]
    [InlineData("strategy {\n  population = 64\n", "not valid HOCON (line 1): '{' is never closed")]
    [InlineData("policy {\n  hidden = [16, 32\n}", "not valid HOCON (line 3): '}' where the '[' opened at line 2 should be closed")]
    [InlineData("seed = 1\n}", "not valid HOCON (line 2): '}' closes nothing")]
    [InlineData("env.name = \"CartPole-v1\nseed = 1", "not valid HOCON (line 1): unterminated string")]
    [InlineData("env.name = \"\"\"CartPole-v1", "not valid HOCON (line 1): unterminated \"\"\" string")]
    [InlineData("seed = 1\nx = 2\ngenerations = ${?GENERATIONS}", "not valid HOCON (line 3): ${?GENERATIONS}: optional substitutions are not supported")]
    [InlineData("seed = ${ generations }", "not valid HOCON (line 1): ${ generations }: expected ${path.to.key}")]
    [InlineData("seed = ${generations", "not valid HOCON (line 1): unterminated substitution")]
    [InlineData("seed = ${nowhere}", "not valid HOCON: Unresolved substitution: nowhere")]
    [InlineData("seed = 1\nstrategy.sigma = @", "not valid HOCON (line 2, column 18): Unknown token")]
    [InlineData("seed = 1 = 2", "2: not valid HOCON: no value")]
    [InlineData("include \"other.conf\"", "not valid HOCON: include \"other.conf\": includes are not supported")]
    public void Parse_Malformed_OneLineNamingTheFile(string hocon, string expected)
    {
        var message = HoconError(hocon);

        Assert.StartsWith("x.conf: " + expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void Parse_BracketsInStringsAndComments_NotCounted()
    {
        var tree = HoconConfigFile.Parse("a = \"{[\" # }\nb = \"\"\"]\n}\"\"\" // ]\nc = \"x\\\"]\"", "x.conf");

        Assert.Equal("{[", (string?)tree["a"]);
        Assert.Equal("]\n}", (string?)tree["b"]);
        Assert.Equal("x\"]", (string?)tree["c"]);
        Assert.IsType<JsonObject>(tree);
    }
}
