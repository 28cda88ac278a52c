using Es.Core.Environments;
using Es.Core.Randomness;

namespace Es.MuJoCo.Environments;

/// <summary>
/// The part every Gymnasium MuJoCo v4 task shares (<c>MujocoEnv</c>): a model loaded from
/// <c>Models/</c>, actions clipped to the actuators' ctrlrange and written to ctrl,
/// <see cref="FrameSkip"/> physics steps per environment step, and a reset that starts from
/// <c>mj_resetData</c>, perturbs qpos and qvel with noise drawn from the episode seed alone
/// and calls <c>mj_forward</c> (Gymnasium's <c>set_state</c>). Subclasses define the
/// observation, the reward terms and termination.
/// </summary>
/// <remarks>
/// Gymnasium charges its control cost on the action as given and lets MuJoCo clamp ctrl;
/// here the action is clipped first and the cost is charged on the clipped action. The two
/// agree for every action inside the bounds, which is all the tanh-squashed policies produce.
/// </remarks>
public abstract class MuJoCoEnvironment : IEnvironment, IDisposable
{
    private readonly double[] _low;
    private readonly double[] _high;
    private readonly double[] _initQpos;

    /// <summary>Loads <paramref name="modelFile"/> (a file name under <c>Models/</c>).</summary>
    /// <exception cref="EnvironmentUnavailableException">The MuJoCo library is not installed.</exception>
    protected MuJoCoEnvironment(string modelFile, int frameSkip)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameSkip, 1);
        ModelFile = modelFile;
        FrameSkip = frameSkip;
        Simulation = MuJoCoSimulation.Load(MuJoCoModels.PathOf(modelFile));
        _initQpos = Simulation.Qpos0.ToArray();
        var range = Simulation.ActuatorCtrlRange;
        _low = new double[Simulation.Nu];
        _high = new double[Simulation.Nu];
        for (int i = 0; i < Simulation.Nu; i++)
        {
            bool limited = Simulation.ActuatorCtrlLimited[i] != 0;
            _low[i] = limited ? range[2 * i] : double.NegativeInfinity;
            _high[i] = limited ? range[(2 * i) + 1] : double.PositiveInfinity;
        }

        Actions = ActionSpace.Box([.. _low.Select(v => (float)v)], [.. _high.Select(v => (float)v)]);
    }

    /// <inheritdoc/>
    public abstract EnvironmentSpec Spec { get; }

    /// <summary>The MJCF file name under <c>Models/</c>.</summary>
    public string ModelFile { get; }

    /// <summary>Physics steps (<c>mj_step</c> calls) per environment step.</summary>
    public int FrameSkip { get; }

    /// <summary>Seconds per environment step: <c>opt.timestep × frame_skip</c> (Gymnasium's <c>dt</c>).</summary>
    public double Dt => Simulation.Timestep * FrameSkip;

    /// <summary>The model and its state.</summary>
    public MuJoCoSimulation Simulation { get; }

    /// <summary>The reward terms of the last step.</summary>
    public RewardTerms LastTerms { get; protected set; }

    /// <summary>The action space: the actuators' ctrlrange.</summary>
    protected ActionSpace Actions { get; }

    /// <summary>Gymnasium's <c>init_qpos</c>: the model's qpos0.</summary>
    protected ReadOnlySpan<double> InitQpos => _initQpos;

    /// <inheritdoc/>
    public void Reset(ulong seed, Span<float> observation)
    {
        CheckObservation(observation);
        Simulation.Reset();
        var random = new DeterministicRandom(seed);
        ResetModel(ref random, Simulation.Qpos, Simulation.Qvel);
        Simulation.Forward();
        LastTerms = default;
        WriteObservation(observation);
    }

    /// <inheritdoc/>
    public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        if (action.Length < _low.Length)
        {
            throw new ArgumentException("The action span is shorter than the action space.", nameof(action));
        }

        CheckObservation(observation);
        var ctrl = Simulation.Ctrl;
        double squared = 0;
        for (int i = 0; i < ctrl.Length; i++)
        {
            double a = Math.Clamp((double)action[i], _low[i], _high[i]);
            ctrl[i] = a;
            squared += a * a;
        }

        BeforeSimulation();
        Simulation.Step(FrameSkip);
        AfterSimulation();
        var result = Transition(squared);
        WriteObservation(observation);
        return result;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Simulation.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Adds the reset noise to qpos and qvel (which hold qpos0 and zeros): Gymnasium's
    /// <c>reset_model</c>, drawing from <paramref name="random"/> in the same order.
    /// </summary>
    protected abstract void ResetModel(ref DeterministicRandom random, Span<double> qpos, Span<double> qvel);

    /// <summary>Records what the reward needs from before the step (a position, for instance).</summary>
    protected virtual void BeforeSimulation()
    {
    }

    /// <summary>
    /// Runs after the physics steps. The default does nothing; tasks whose observation holds
    /// contact forces call <see cref="MuJoCoSimulation.RnePostConstraint"/> here, as
    /// Gymnasium's <c>MujocoEnv</c> does after every <c>mj_step</c>.
    /// </summary>
    protected virtual void AfterSimulation()
    {
    }

    /// <summary>Computes the reward terms (setting <see cref="LastTerms"/>) and termination.</summary>
    /// <param name="actionSquaredNorm">Σ aᵢ² of the clipped action, for the control cost.</param>
    protected abstract StepResult Transition(double actionSquaredNorm);

    /// <summary>Writes the observation of the current state.</summary>
    protected abstract void WriteObservation(Span<float> observation);

    /// <summary>Adds U(−scale, scale) noise to every element (numpy's <c>uniform(low=-scale, high=scale, size)</c>).</summary>
    protected static void AddUniform(ref DeterministicRandom random, Span<double> values, double scale)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] += random.Uniform(-scale, scale);
        }
    }

    /// <summary>Adds scale · N(0, 1) noise to every element (numpy's <c>scale * standard_normal(size)</c>).</summary>
    protected static void AddGaussian(ref DeterministicRandom random, Span<double> values, double scale)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] += scale * random.NextGaussian();
        }
    }

    /// <summary>True when every element is finite.</summary>
    protected static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    private void CheckObservation(Span<float> observation)
    {
        if (observation.Length < Spec.ObservationSize)
        {
            throw new ArgumentException($"The observation buffer has length {observation.Length}; the environment writes {Spec.ObservationSize} values.", nameof(observation));
        }
    }
}

/// <summary>The terms a MuJoCo task's reward is made of (zero where the task has no such term).</summary>
/// <param name="Forward">Forward progress: weight × x velocity (or the task's own survival reward).</param>
/// <param name="Healthy">The healthy (alive) reward.</param>
/// <param name="ControlCost">weight × Σ aᵢ², subtracted.</param>
/// <param name="OtherCost">The task's other costs (distance and velocity penalties, contact cost), subtracted.</param>
public readonly record struct RewardTerms(double Forward, double Healthy, double ControlCost, double OtherCost)
{
    /// <summary>Forward + Healthy − ControlCost − OtherCost.</summary>
    public double Reward => Forward + Healthy - ControlCost - OtherCost;
}
