using Akka.Event;
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Seed.Configuration;

namespace Es.Seed.Tests.Configuration;

/// <summary>The <c>akka</c> section of a configuration file reaches the actor system, over the embedded defaults.</summary>
public sealed class AkkaOverridesTests
{
    private static async Task<string> ActorSystemSetting(TrainingConfig config, string path)
    {
        var host = ActorHost.Start("akka-overrides-test", null, AkkaSettings.Overrides(config));
        await using (host)
        {
            return host.System.Settings.Config.GetString(path);
        }
    }

    /// <summary>The level the actor system logs at (Akka.Hosting writes it back in a spelling of its own).</summary>
    private static async Task<LogLevel> ActorSystemLogLevel(TrainingConfig config)
    {
        var host = ActorHost.Start("akka-overrides-test", null, AkkaSettings.Overrides(config));
        await using (host)
        {
            return host.System.EventStream.LogLevel;
        }
    }

    [Fact]
    public async Task Start_AkkaSectionOfAHoconFile_WinsOverTheDefaults_WhichStayUnderIt()
    {
        var config = ConfigLoader.Load(HoconConfigFile.Parse("seed = 2\nakka { loglevel = DEBUG }", "x.conf"), "x.conf");

        Assert.Equal(LogLevel.DebugLevel, await ActorSystemLogLevel(config));
        Assert.Equal("off", await ActorSystemSetting(config, "akka.log-dead-letters"));
    }

    [Fact]
    public async Task Start_SetAkkaLoglevel_OverridesTheJsonFilesSection()
    {
        var config = ConfigLoader.Load("""{"akka": {"loglevel": "DEBUG"}}""", "x.json", ["akka.loglevel=WARNING"]);

        Assert.Equal(LogLevel.WarningLevel, await ActorSystemLogLevel(config));
    }

    [Fact]
    public void Overrides_KeysWithDotsAndCharactersJsonEscapes_ArriveAsWritten()
    {
        var config = ConfigLoader.Load("""{"akka": {"actor": {"serialization-bindings": {"My.Type+Inner, My.Assembly": "json"}}, "x": "é <&> ${y}"}}""", "x.json");

        var hocon = AkkaSettings.Overrides(config)!;

        Assert.Equal("json", hocon.GetConfig("akka.actor.serialization-bindings").AsEnumerable().Single(kv => kv.Key == "My.Type+Inner, My.Assembly").Value.GetString());
        Assert.Equal("é <&> ${y}", hocon.GetString("akka.x"));
    }

    [Fact]
    public void Overrides_NoSection_Null() =>
        Assert.Null(AkkaSettings.Overrides(new TrainingConfig()));

    [Fact]
    public async Task Check_SettingAkkaRefuses_OneLineNamingTheSourceAndAkka()
    {
        var config = ConfigLoader.Load("""{"akka": {"loglevel": "LOUD"}}""", "x.json");

        var e = await Assert.ThrowsAsync<ConfigException>(() => AkkaSettings.CheckAsync(config, "x.json"));

        Assert.StartsWith("x.json: akka: Akka.NET refused these settings: Unknown LogLevel: \"LOUD\"", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
