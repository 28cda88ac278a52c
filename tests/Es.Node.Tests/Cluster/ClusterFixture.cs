using System.Text.Json;
using Es.TestKit;

namespace Es.Node.Tests.Cluster;

/// <summary>A broker of its own, a scratch directory, the run configuration and the embedded reference hash.</summary>
internal sealed class ClusterScene : IDisposable
{
    private ClusterScene(RabbitMqServer broker)
    {
        Broker = broker;
        Root = Directory.CreateTempSubdirectory("es-cluster-tests-").FullName;
    }

    public RabbitMqServer Broker { get; }

    public string Root { get; }

    /// <summary>Credentials travel in the environment, never on the command line.</summary>
    public Dictionary<string, string> Environment => new() { ["ES_BROKER_PASSWORD"] = Broker.Password, ["ES_BROKER_CONNECT_TIMEOUT"] = "120" };

    public static ClusterScene Start() => new(RabbitMqServer.Start());

    /// <summary>A scene around a broker already started (e.g. in a network namespace); the scene disposes it.</summary>
    public static ClusterScene Around(RabbitMqServer broker) => new(broker);

    /// <summary>Pendulum (every episode 200 steps) with a 128×128 policy: tasks heavy enough that a node stopped or cut off mid-run is caught holding some.</summary>
    /// <param name="generations">Generations to train.</param>
    /// <param name="name">The file name.</param>
    /// <param name="persistence">The persistence provider, as JSON.</param>
    /// <param name="population">Population: more, smaller tasks keep a node holding unacked tasks for longer.</param>
    /// <param name="candidatesPerTask">Candidates per task.</param>
    public string WriteConfig(int generations, string name = "c.json", string persistence = "\"sqlite\"", int population = 64, int candidatesPerTask = 8)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, $$"""
            { "seed": 5, "generations": {{generations}}, "env": { "name": "Pendulum-v1" }, "policy": { "hidden": [128, 128] },
              "strategy": { "population": {{population}}, "sigma": 0.05, "episodes_per_candidate": 2 }, "noise": { "table_size": 1048576 },
              "obs_norm": { "fraction": 0.25 }, "tasks": { "candidates_per_task": {{candidatesPerTask}}, "episodes_per_eval_task": 2 },
              "evaluation": { "every": 4, "episodes": 4, "stop_when_solved": false },
              "persistence": { "provider": {{persistence}}, "snapshot_every": 3 } }
            """);
        return path;
    }

    public static JsonElement Summary(string runDir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "summary.json"))).RootElement;

    public static string Hash(string runDir) => Summary(runDir).GetProperty("theta_sha256").GetString()!;

    /// <summary>The embedded run of the same configuration: the hash every cluster run must reach.</summary>
    public async Task<string> ReferenceHashAsync(string config, CancellationToken deadline)
    {
        var runDir = Path.Combine(Root, "reference");
        using var reference = HostProcess.Seed(new Dictionary<string, string>(), "train", config, "--run-dir", runDir, "--workers", "2");
        var log = await reference.WaitForExitAsync(deadline);
        Assert.True(reference.ExitCode == 0, log);
        return Hash(runDir);
    }

    public void Dispose()
    {
        Broker.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
