using Es.Core.Configuration;
using Es.Core.Rollouts;

namespace Es.MuJoCo.Tests;

/// <summary>The MuJoCo configurations in config/ load (with the tasks registered, as the hosts do) and build their problem.</summary>
public sealed class ShippedConfigTests
{
    static ShippedConfigTests() => MuJoCoEnvironments.Register();

    public static TheoryData<string> MuJoCoConfigs() =>
    [
        "inverted-pendulum.json", "inverted-double-pendulum.json", "swimmer.json", "hopper.json",
        "half-cheetah.json", "walker2d.json", "ant.json", "humanoid.json",
    ];

    [Theory]
    [MemberData(nameof(MuJoCoConfigs))]
    public void Load_MuJoCoConfig_BuildsItsProblemWithObservationNormalisation(string file)
    {
        var path = Path.Combine(ConfigDirectory(), file);

        var config = ConfigLoader.Load(File.ReadAllText(path), path);
        var problem = ProblemFactory.Create(config);

        Assert.Contains(config.Env.Name, MuJoCoEnvironments.Names);
        Assert.True(config.ObsNorm.Enabled);
        Assert.True(problem.ParameterCount <= config.Noise.TableSize);
    }

    [Fact]
    public void Configs_EveryFileInConfig_LoadsWithTheTasksRegistered()
    {
        foreach (var path in Directory.EnumerateFiles(ConfigDirectory(), "*.json*", SearchOption.AllDirectories))
        {
            Assert.False(string.IsNullOrEmpty(ConfigLoader.Load(File.ReadAllText(path), path).Env.Name));
        }
    }

    [Fact]
    public void Configs_EveryMuJoCoTask_HasAConfig()
    {
        var named = Directory.EnumerateFiles(ConfigDirectory(), "*.json")
            .Select(path => ConfigLoader.Load(File.ReadAllText(path), path).Env.Name)
            .ToHashSet();

        Assert.All(MuJoCoEnvironments.Names, name => Assert.Contains(name, named));
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
}
