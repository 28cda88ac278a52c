using Es.Core.Environments;
using Es.Core.Kernels;
using Es.Core.Randomness;

namespace Es.Core.Policies;

/// <summary>
/// A fully connected feed-forward policy: hidden layers with <see cref="Policies.Activation"/>,
/// a linear output layer, then a head chosen by the action space.
/// </summary>
/// <remarks>
/// <para>Parameter layout (the flat θ): for each layer in order, input side first, the
/// weights of shape [out, in] row-major (row o holds the weights into output unit o), then
/// the bias [out]. Layer sizes are observation, hidden sizes…, <see cref="ActionSpace.PolicyOutputs"/>.</para>
/// <para>Heads: discrete spaces write the argmax of the logits as a float into action[0]
/// (ties go to the lowest index); continuous spaces write (tanh(o)+1)/2·(high−low)+low.</para>
/// <para>Scratch buffers are allocated once, here; <see cref="Act"/> allocates nothing.
/// Not thread-safe: one instance per evaluator.</para>
/// </remarks>
public sealed class MlpPolicy : IPolicy
{
    private const double HiddenInitStd = 1.0;
    private const double OutputInitStd = 0.01;

    private readonly int[] _layerSizes;
    private readonly int[] _layerOffsets;
    private readonly float[][] _layerOutputs;
    private readonly float[] _squashed;
    private readonly float[] _low;
    private readonly float[] _range;

    /// <summary>Creates a policy; <paramref name="hiddenSizes"/> empty gives a linear policy.</summary>
    /// <param name="observationSize">Length of the observation vector (at least 1).</param>
    /// <param name="actions">The environment's action space; decides the output size and head.</param>
    /// <param name="hiddenSizes">Width of each hidden layer, input side first (each at least 1).</param>
    /// <param name="activation">Nonlinearity after each hidden layer.</param>
    public MlpPolicy(int observationSize, ActionSpace actions, IReadOnlyList<int> hiddenSizes, Activation activation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(observationSize, 1);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        if (!Enum.IsDefined(activation))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }

        _layerSizes = new int[hiddenSizes.Count + 2];
        _layerSizes[0] = observationSize;
        for (int i = 0; i < hiddenSizes.Count; i++)
        {
            if (hiddenSizes[i] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(hiddenSizes), hiddenSizes[i], $"Hidden layer {i} must have at least 1 unit.");
            }

            _layerSizes[i + 1] = hiddenSizes[i];
        }

        _layerSizes[^1] = actions.PolicyOutputs;

        int layers = _layerSizes.Length - 1;
        _layerOffsets = new int[layers];
        _layerOutputs = new float[layers][];
        long offset = 0;
        for (int l = 0; l < layers; l++)
        {
            _layerOffsets[l] = checked((int)offset);
            offset += ((long)_layerSizes[l] * _layerSizes[l + 1]) + _layerSizes[l + 1];
            _layerOutputs[l] = new float[_layerSizes[l + 1]];
        }

        if (offset > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(hiddenSizes), "The network has more parameters than an array can hold.");
        }

        ParameterCount = (int)offset;
        ObservationSize = observationSize;
        Actions = actions;
        Activation = activation;

        _squashed = new float[actions.PolicyOutputs];
        _low = actions.IsDiscrete ? [] : [.. actions.Low];
        _range = new float[_low.Length];
        for (int i = 0; i < _range.Length; i++)
        {
            _range[i] = actions.High[i] - actions.Low[i];
        }
    }

    /// <inheritdoc/>
    public int ParameterCount { get; }

    /// <summary>Length of the observation vector.</summary>
    public int ObservationSize { get; }

    /// <summary>The action space the head writes into.</summary>
    public ActionSpace Actions { get; }

    /// <summary>Nonlinearity after each hidden layer.</summary>
    public Activation Activation { get; }

    /// <summary>Unit counts per layer: observation size, the hidden sizes, then the output count.</summary>
    public IReadOnlyList<int> LayerSizes => _layerSizes;

    /// <inheritdoc/>
    public void Act(ReadOnlySpan<float> parameters, ReadOnlySpan<float> observation, Span<float> action)
    {
        if (action.Length != Actions.ActionLength)
        {
            ThrowWrongLength(nameof(action), Actions.ActionLength, action.Length);
        }

        ReadOnlySpan<float> outputs = Forward(parameters, observation);
        if (Actions.IsDiscrete)
        {
            int best = 0;
            for (int i = 1; i < outputs.Length; i++)
            {
                // strict comparison: ties keep the lowest index
                if (outputs[i] > outputs[best])
                {
                    best = i;
                }
            }

            action[0] = best;
        }
        else
        {
            VectorKernels.Tanh(outputs, _squashed);
            for (int i = 0; i < action.Length; i++)
            {
                action[i] = ((_squashed[i] + 1f) * 0.5f * _range[i]) + _low[i];
            }
        }
    }

    /// <summary>
    /// Salimans-style "normc" initialisation: each weight row (one output unit) drawn
    /// N(0, 1) then scaled to norm 1 for hidden layers and 0.01 for the output layer, so the
    /// first actions are near-uniform; biases 0. Draws come from one
    /// <see cref="DeterministicRandom"/> in parameter order.
    /// </summary>
    public void Initialize(Span<float> parameters, ulong seed)
    {
        if (parameters.Length != ParameterCount)
        {
            ThrowWrongLength(nameof(parameters), ParameterCount, parameters.Length);
        }

        var rng = new DeterministicRandom(seed);
        int layers = _layerOffsets.Length;
        for (int l = 0; l < layers; l++)
        {
            int inSize = _layerSizes[l];
            int outSize = _layerSizes[l + 1];
            double std = l == layers - 1 ? OutputInitStd : HiddenInitStd;
            Span<float> weights = parameters.Slice(_layerOffsets[l], inSize * outSize);
            for (int o = 0; o < outSize; o++)
            {
                Span<float> row = weights.Slice(o * inSize, inSize);
                double sumSquares = 0;
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = (float)rng.NextGaussian();
                    sumSquares += (double)row[i] * row[i];
                }

                // a zero row is practically impossible; leave it zero rather than divide by 0
                double scale = sumSquares > 0 ? std / DeterministicMath.Sqrt(sumSquares) : 0;
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = (float)(row[i] * scale);
                }
            }

            parameters.Slice(_layerOffsets[l] + (inSize * outSize), outSize).Clear();
        }
    }

    /// <summary>Runs the network and returns the output layer (logits or pre-squash values), a view of a scratch buffer.</summary>
    internal ReadOnlySpan<float> Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> observation)
    {
        if (parameters.Length != ParameterCount)
        {
            ThrowWrongLength(nameof(parameters), ParameterCount, parameters.Length);
        }

        if (observation.Length != ObservationSize)
        {
            ThrowWrongLength(nameof(observation), ObservationSize, observation.Length);
        }

        ReadOnlySpan<float> input = observation;
        int last = _layerOffsets.Length - 1;
        for (int l = 0; l <= last; l++)
        {
            int inSize = _layerSizes[l];
            int outSize = _layerSizes[l + 1];
            int weightCount = inSize * outSize;
            Span<float> output = _layerOutputs[l];
            VectorKernels.MatVec(
                parameters.Slice(_layerOffsets[l], weightCount),
                input,
                parameters.Slice(_layerOffsets[l] + weightCount, outSize),
                output);
            if (l < last)
            {
                if (Activation == Activation.Tanh)
                {
                    VectorKernels.Tanh(output, output);
                }
                else
                {
                    VectorKernels.Relu(output);
                }
            }

            input = output;
        }

        return input;
    }

    private static void ThrowWrongLength(string paramName, int expected, int actual) =>
        throw new ArgumentException($"Expected length {expected}, got {actual}.", paramName);
}
