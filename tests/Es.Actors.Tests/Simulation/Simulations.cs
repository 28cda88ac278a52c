using Es.Actors.Tests.Training;
using Es.Core.Configuration;
using Es.TestKit;

namespace Es.Actors.Tests.Simulation;

/// <summary>Configurations and fault-free references shared by the simulation tests.</summary>
internal static class Simulations
{
    private static readonly Lazy<Task<float[]>> CleanTheta = new(() => RunCleanAsync(Config()));

    /// <summary>CartPole, 4 generations of 16 candidates in tasks of 3, evaluated every 2.</summary>
    public static TrainingConfig Config() => TrainingConfigs.CartPole();

    /// <summary>θ of <see cref="Config"/> on a cluster without faults.</summary>
    public static Task<float[]> FaultFreeTheta => CleanTheta.Value;

    public static Task<SimulatedCluster> StartAsync(TrainingConfig config, int nodes = 2, int evaluatorsPerNode = 2, Es.Actors.Supervision.RestartPolicy? restarts = null) =>
        SimulatedCluster.StartAsync(new SimulationSetup(config, TrainingConfigs.Noise, nodes, evaluatorsPerNode) { Restarts = restarts });

    public static SimulatedCluster Create(TrainingConfig config, int nodes = 2, int evaluatorsPerNode = 2, Es.Actors.Supervision.RestartPolicy? restarts = null) =>
        SimulatedCluster.Create(new SimulationSetup(config, TrainingConfigs.Noise, nodes, evaluatorsPerNode) { Restarts = restarts });

    /// <summary>Runs to the end, advancing the clock by <paramref name="deadline"/> each time an evaluator hangs.</summary>
    public static async Task<Es.Actors.Training.TrainingOutcome> RunAdvancingOnHangsAsync(SimulatedCluster cluster, Func<string, bool> isHang, TimeSpan deadline)
    {
        while (true)
        {
            using var stop = new CancellationTokenSource();
            var hang = cluster.ExpectLogAsync(isHang, TimeSpan.FromSeconds(30), stop.Token);
            var first = await Task.WhenAny(cluster.Outcome, hang);
            if (first == cluster.Outcome)
            {
                await stop.CancelAsync();
                await hang.ContinueWith(_ => { }, TaskScheduler.Default); // observe its cancellation
                return await cluster.Outcome;
            }

            await hang;
            cluster.Clock.Advance(deadline);
        }
    }

    private static async Task<float[]> RunCleanAsync(TrainingConfig config)
    {
        await using var cluster = await StartAsync(config);
        return (await cluster.RunToEndAsync()).Theta;
    }
}
