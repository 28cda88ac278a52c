using Es.Core.Configuration;

namespace Es.Core.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private static ConfigException Fails(string json, params string[] overrides) =>
        Assert.Throws<ConfigException>(() => ConfigLoader.Load(json, "cfg.json", overrides));

    [Fact]
    public void Load_EmptyObject_AllDefaults()
    {
        Assert.Equal(ConfigWriter.ToJson(new TrainingConfig()), ConfigWriter.ToJson(ConfigLoader.Load("{}", "cfg.json")));
        Assert.Equal([32, 32], ConfigLoader.Load("{}", "cfg.json").Policy.Hidden);
    }

    [Fact]
    public void Load_CommentsAndTrailingCommas_Accepted()
    {
        var config = ConfigLoader.Load("{ // a comment\n \"seed\": 5, /* block */ \"strategy\": { \"sigma\": 0.2, }, }", "cfg.jsonc");
        Assert.Equal(5UL, config.Seed);
        Assert.Equal(0.2, config.Strategy.Sigma);
    }

    [Fact]
    public void Load_Overrides_ApplyNumbersArraysAndStrings()
    {
        var config = ConfigLoader.Load("{}", "cfg.json", ["strategy.sigma=0.3", "policy.hidden=[64,64]", "env.name=Pendulum-v1", "obs_norm.enabled=false"]);
        Assert.Equal(0.3, config.Strategy.Sigma);
        Assert.Equal([64, 64], config.Policy.Hidden);
        Assert.Equal("Pendulum-v1", config.Env.Name);
        Assert.False(config.ObsNorm.Enabled);
    }

    [Fact]
    public void Load_NamesAreCaseInsensitive_StoredCanonically()
    {
        var config = ConfigLoader.Load("{\"env\": {\"name\": \"cartpole-v1\"}, \"optimizer\": {\"name\": \"SGD\"}}", "cfg.json");
        Assert.Equal("CartPole-v1", config.Env.Name);
        Assert.Equal("sgd", config.Optimizer.Name);
    }

    [Fact]
    public void Load_MalformedJson_NamesTheFileAndLine()
    {
        var e = Fails("{\n \"seed\": 1,\n \"generations\" 5 }");
        Assert.StartsWith("cfg.json: not valid JSON (line 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TopLevelArray_Rejected() =>
        Assert.Contains("expected a JSON object", Fails("[1, 2]").Message, StringComparison.Ordinal);

    [Fact]
    public void Load_UnknownTopLevelKey_NamedWithTheKnownOnes()
    {
        var e = Fails("{\"genrations\": 5}");
        Assert.Equal("genrations", e.Key);
        Assert.Contains("cfg.json: genrations: unknown key", e.Message, StringComparison.Ordinal);
        Assert.Contains("generations", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownNestedKey_NamedWithItsPath()
    {
        var e = Fails("{\"strategy\": {\"sigmaa\": 0.1}}");
        Assert.Equal("strategy.sigmaa", e.Key);
        Assert.Contains("sigma", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongType_SaysWhatWasExpected()
    {
        var e = Fails("{\"strategy\": {\"population\": \"many\"}}");
        Assert.Equal("cfg.json: strategy.population: expected a whole number from 2 to 10000000, got \"many\"", e.Message);
    }

    [Fact]
    public void Load_SectionNotAnObject_Rejected() =>
        Assert.Equal("strategy", Fails("{\"strategy\": 3}").Key);

    [Theory]
    [InlineData("{\"strategy\": {\"sigma\": 0}}", "strategy.sigma")]
    [InlineData("{\"strategy\": {\"sigma\": -1}}", "strategy.sigma")]
    [InlineData("{\"strategy\": {\"population\": 7}}", "strategy.population")]
    [InlineData("{\"strategy\": {\"population\": 2.5}}", "strategy.population")]
    [InlineData("{\"generations\": 0}", "generations")]
    [InlineData("{\"obs_norm\": {\"fraction\": 1.5}}", "obs_norm.fraction")]
    [InlineData("{\"optimizer\": {\"learning_rate\": 0}}", "optimizer.learning_rate")]
    [InlineData("{\"noise\": {\"table_size\": 10}}", "noise.table_size")]
    [InlineData("{\"policy\": {\"hidden\": [0]}}", "policy.hidden")]
    [InlineData("{\"seed\": -1}", "seed")]
    [InlineData("{\"evaluation\": {\"stop_when_solved\": 1}}", "evaluation.stop_when_solved")]
    [InlineData("{\"strategy\": {\"name\": \"ga\", \"sigma_decay\": 0}}", "strategy.sigma_decay")]
    [InlineData("{\"strategy\": {\"name\": \"ga\", \"sigma_decay\": 1.5}}", "strategy.sigma_decay")]
    [InlineData("{\"strategy\": {\"name\": \"ga\", \"sigma\": 0.1, \"sigma_limit\": 0.2}}", "strategy.sigma_limit")]
    [InlineData("{\"strategy\": {\"name\": \"openai-es\", \"sigma_decay\": 0.99}}", "strategy.sigma_decay")]
    [InlineData("{\"strategy\": {\"name\": \"cma-es\", \"sigma_limit\": 0.01}}", "strategy.sigma_limit")]
    public void Load_OutOfRange_NamesTheKey(string json, string key) => Assert.Equal(key, Fails(json).Key);

    [Fact]
    public void Load_UnknownEnvironment_ListsTheKnownNames()
    {
        var e = Fails("{\"env\": {\"name\": \"Pong\"}}");
        Assert.Equal("env.name", e.Key);
        foreach (var name in new[] { "CartPole-v1", "Pendulum-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Catch", "quadratic", "rastrigin" })
        {
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_UnknownStrategy_ListsTheKnownNames()
    {
        var e = Fails("{\"strategy\": {\"name\": \"xnes\"}}");
        Assert.Equal("cfg.json: strategy.name: unknown value \"xnes\"; known: openai-es, pgpe, snes, cma-es, sep-cma-es, ars, ga", e.Message);
    }

    [Theory]
    [InlineData("openai-es", true)]
    [InlineData("pgpe", true)]
    [InlineData("ars", true)]
    [InlineData("cma-es", false)]
    [InlineData("snes", false)]
    [InlineData("ga", false)]
    public void Load_OddPopulation_RefusedOnlyForMirroredStrategies(string strategy, bool refused)
    {
        var json = $"{{\"strategy\": {{\"name\": \"{strategy}\", \"population\": 11, \"truncation\": 5}}}}";
        if (refused)
        {
            Assert.Contains("even number", Fails(json).Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(11, ConfigLoader.Load(json, "cfg.json").Strategy.Population);
        }
    }

    [Fact]
    public void Load_GaTruncationAbovePopulation_NamesTheKey()
    {
        var e = Fails("{\"strategy\": {\"name\": \"ga\", \"population\": 10, \"truncation\": 11}}");
        Assert.Equal("strategy.truncation", e.Key);
    }

    [Fact]
    public void Load_BadOverride_NamesSetAsTheSource()
    {
        var e = Fails("{}", "strategy.sigma=-2");
        Assert.StartsWith("--set: strategy.sigma:", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("--set:", Fails("{}", "nonsense").Message, StringComparison.Ordinal);
        Assert.Equal("strategy.sigmaa", Fails("{}", "strategy.sigmaa=1").Key);
    }

    [Fact]
    public void Hash_SameResolvedConfig_SameHash_DifferentValue_DifferentHash()
    {
        var a = ConfigLoader.Load("{\"seed\": 3}", "a.json");
        var b = ConfigLoader.Load("{\"seed\": 3, \"generations\": 200}", "b.json");
        var c = ConfigLoader.Load("{\"seed\": 4}", "c.json");
        Assert.Equal(ConfigWriter.Hash(a), ConfigWriter.Hash(b));
        Assert.NotEqual(ConfigWriter.Hash(a), ConfigWriter.Hash(c));
    }

    [Fact]
    public void ToJson_RoundTrips_ThroughTheLoader()
    {
        var original = ConfigLoader.Load("{\"seed\": 9, \"env\": {\"name\": \"Acrobot-v1\"}, \"policy\": {\"hidden\": [4]}}", "cfg.json");
        var reloaded = ConfigLoader.Load(ConfigWriter.ToJson(original), "config.json");
        Assert.Equal(ConfigWriter.Hash(original), ConfigWriter.Hash(reloaded));
        Assert.Equal([4], reloaded.Policy.Hidden);
    }
    [Fact]
    public void Load_StartAndThreshold_UnsetByDefault_SetWhenGiven_RoundTrip()
    {
        var unset = ConfigLoader.Load("{}", "cfg.json");
        Assert.Null(unset.Env.Start);
        Assert.Null(unset.Evaluation.Threshold);
        Assert.Equal(475.0, unset.Evaluation.SolvedThreshold(475.0));

        var set = ConfigLoader.Load("{\"env\": {\"name\": \"rosenbrock\", \"start\": 0.5}}", "cfg.json", ["evaluation.threshold=-1e-10"]);
        Assert.Equal(0.5, set.Env.Start);
        Assert.Equal(-1e-10, set.Evaluation.SolvedThreshold(-1e-2));
        var reloaded = ConfigLoader.Load(ConfigWriter.ToJson(set), "config.json");
        Assert.Equal(0.5, reloaded.Env.Start);
        Assert.Equal(-1e-10, reloaded.Evaluation.Threshold);
        Assert.NotEqual(ConfigWriter.Hash(unset), ConfigWriter.Hash(ConfigLoader.Load("{}", "cfg.json", ["evaluation.threshold=475"])));
    }

    [Fact]
    public void Load_StartForAnEnvironment_RejectedNamingTheFunctions()
    {
        var e = Fails("{\"env\": {\"name\": \"CartPole-v1\", \"start\": 0}}");
        Assert.Equal("env.start", e.Key);
        Assert.Contains("only for a black-box function", e.Message, StringComparison.Ordinal);
        Assert.Contains("rosenbrock", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"env\": {\"name\": \"sphere\", \"start\": \"zero\"}}", "env.start")]
    [InlineData("{\"env\": {\"name\": \"sphere\", \"start\": 1e7}}", "env.start")]
    [InlineData("{\"evaluation\": {\"threshold\": true}}", "evaluation.threshold")]
    public void Load_StartOrThresholdNotANumber_NamesTheKey(string json, string key) => Assert.Equal(key, Fails(json).Key);
}
