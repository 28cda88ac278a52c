using Es.Core.Environments;
using Es.Core.Randomness;

namespace Es.MuJoCo.Environments;

/// <summary>
/// Gymnasium's <c>InvertedPendulum-v4</c>: keep a pole upright on a cart by pushing the cart.
/// </summary>
/// <remarks>
/// Observation (4): qpos (cart x, pole angle), qvel. Reward 1 for every step, the last one
/// included; the episode terminates when the observation is not finite or |angle| &gt; 0.2 rad.
/// frame_skip 2 (dt 0.04 s); reset noise U(±0.01) on qpos and qvel; solved at 950.
/// </remarks>
public sealed class InvertedPendulumEnvironment : MuJoCoEnvironment
{
    /// <summary>The registered name.</summary>
    public const string EnvironmentName = "InvertedPendulum-v4";

    /// <summary>The model file under <c>Models/</c>.</summary>
    public const string Model = "inverted_pendulum.xml";

    private const int ObservationSize = 4;

    /// <summary>Loads the model.</summary>
    public InvertedPendulumEnvironment()
        : base(Model, frameSkip: 2)
    {
        Spec = new EnvironmentSpec(EnvironmentName, ObservationSize, Actions, MaxEpisodeSteps: 1000, SolvedThreshold: 950.0);
    }

    /// <inheritdoc/>
    public override EnvironmentSpec Spec { get; }

    /// <inheritdoc/>
    protected override void ResetModel(ref DeterministicRandom random, Span<double> qpos, Span<double> qvel)
    {
        AddUniform(ref random, qpos, 0.01);
        AddUniform(ref random, qvel, 0.01);
    }

    /// <inheritdoc/>
    protected override StepResult Transition(double actionSquaredNorm)
    {
        var qpos = Simulation.Qpos;
        bool terminated = !AllFinite(qpos) || !AllFinite(Simulation.Qvel) || Math.Abs(qpos[1]) > 0.2;
        LastTerms = new RewardTerms(0, 1.0, 0, 0);
        return new StepResult(1.0, terminated);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation)
    {
        var qpos = Simulation.Qpos;
        var qvel = Simulation.Qvel;
        observation[0] = (float)qpos[0];
        observation[1] = (float)qpos[1];
        observation[2] = (float)qvel[0];
        observation[3] = (float)qvel[1];
    }
}
