using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Es.Node.Tests.Cluster;

/// <summary>A scratch directory, the run configuration, a free port for the seed and the embedded reference hash.</summary>
internal sealed class ClusterScene : IDisposable
{
    private ClusterScene()
    {
        Root = Directory.CreateTempSubdirectory("es-cluster-tests-").FullName;
    }

    public string Root { get; }

    /// <summary>No secrets travel: the cluster needs none (TLS passwords come from a file).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public static ClusterScene Start() => new();

    /// <summary>A loopback port nothing listens on now (the seed binds it next).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Pendulum (every episode 200 steps) with a 128×128 policy: tasks heavy enough that a node stopped or cut off mid-run is caught holding some.</summary>
    /// <param name="generations">Generations to train.</param>
    /// <param name="name">The file name.</param>
    /// <param name="persistence">The persistence provider, as JSON.</param>
    /// <param name="population">Population.</param>
    /// <param name="candidatesPerTask">Candidates per task.</param>
    /// <param name="hidden">The policy's hidden layers, as JSON.</param>
    /// <param name="tableSize">The noise table (at least the parameter count).</param>
    /// <param name="episodes">Episodes per candidate.</param>
    public string WriteConfig(int generations, string name = "c.json", string persistence = "\"sqlite\"", int population = 64, int candidatesPerTask = 8, string hidden = "[128, 128]", int tableSize = 1048576, int episodes = 2)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, $$"""
            { "seed": 5, "generations": {{generations}}, "env": { "name": "Pendulum-v1" }, "policy": { "hidden": {{hidden}} },
              "strategy": { "population": {{population}}, "sigma": 0.05, "episodes_per_candidate": {{episodes}} }, "noise": { "table_size": {{tableSize}} },
              "obs_norm": { "fraction": 0.25 }, "tasks": { "candidates_per_task": {{candidatesPerTask}}, "episodes_per_eval_task": 2 },
              "evaluation": { "every": 4, "episodes": 4, "stop_when_solved": false },
              "persistence": { "provider": {{persistence}}, "snapshot_every": 3 } }
            """);
        return path;
    }

    public static JsonElement Summary(string runDir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "summary.json"))).RootElement;

    public static string Hash(string runDir) => Summary(runDir).GetProperty("theta_sha256").GetString()!;

    /// <summary>The embedded run of the same configuration (with <paramref name="options"/>, e.g. <c>--generations N</c>): the hash every cluster run must reach.</summary>
    public async Task<string> ReferenceHashAsync(string config, CancellationToken deadline, params string[] options)
    {
        var runDir = Path.Combine(Root, "reference-" + Path.GetFileNameWithoutExtension(config) + string.Concat(options));
        using var reference = HostProcess.Seed(new Dictionary<string, string>(), ["train", config, "--run-dir", runDir, "--workers", "2", .. options]);
        var log = await reference.WaitForExitAsync(deadline);
        Assert.True(reference.ExitCode == 0, log);
        return Hash(runDir);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
