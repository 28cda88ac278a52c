using System.Diagnostics;
using Es.Core.Randomness;

namespace Es.Core.Environments.Catch;

/// <summary>
/// Catch (not a Gymnasium task): move a three-cell basket along the bottom of a 10×10
/// grid to catch a ball falling straight down one row per step.
/// </summary>
/// <remarks>
/// <para>
/// The ball starts in row 0 at a column drawn from the episode seed. The basket sits on row
/// 9 with its centre at column 4 (cells 3–5); its centre is clamped to 1..8 so all three
/// cells stay on the grid. Actions: 0 = left, 1 = stay, 2 = right. Each step first moves the
/// basket, then the ball. When the ball enters row 9 (always on step 9) the episode
/// terminates with +1 if the ball's column is under the basket and −1 otherwise; every
/// other step earns 0. From any start the ball can be caught: the basket needs at most four
/// moves.
/// </para>
/// <para>
/// Observation: the 100 cells in row-major order, 1 for the ball and for each basket cell,
/// 0 elsewhere (a ball in the basket's row shows as a single 1 in its cell).
/// </para>
/// </remarks>
public sealed class CatchEnvironment : IEnvironment
{
    /// <summary>The registered name.</summary>
    public const string EnvironmentName = "Catch";

    /// <summary>Rows and columns of the grid.</summary>
    internal const int GridSize = 10;

    /// <summary>The basket's centre column at the start of an episode.</summary>
    internal const int StartBasketCentre = 4;

    private const int BottomRow = GridSize - 1;
    private const int MinBasketCentre = 1;
    private const int MaxBasketCentre = GridSize - 2;
    private const int ObservationSize = GridSize * GridSize;

    private static readonly EnvironmentSpec SharedSpec =
        new(EnvironmentName, ObservationSize, ActionSpace.Discrete(3), MaxEpisodeSteps: 20, SolvedThreshold: 0.9);

    private int _ballRow;
    private int _ballColumn;
    private int _basketCentre = StartBasketCentre;

    /// <inheritdoc/>
    public EnvironmentSpec Spec => SharedSpec;

    /// <inheritdoc/>
    public void Reset(ulong seed, Span<float> observation)
    {
        EnvironmentGuard.Observation(observation, ObservationSize);
        var random = new DeterministicRandom(seed);
        _ballRow = 0;
        _ballColumn = random.NextInt(GridSize);
        _basketCentre = StartBasketCentre;
        WriteObservation(observation);
    }

    /// <inheritdoc/>
    public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        int index = EnvironmentGuard.DiscreteAction(action, 3);
        EnvironmentGuard.Observation(observation, ObservationSize);
        Debug.Assert(_ballRow < BottomRow, "The rollout never steps past termination.");

        _basketCentre = Math.Clamp(_basketCentre + index - 1, MinBasketCentre, MaxBasketCentre);
        _ballRow++;
        WriteObservation(observation);

        if (_ballRow < BottomRow)
        {
            return new StepResult(0.0, Terminated: false);
        }

        bool caught = Math.Abs(_ballColumn - _basketCentre) <= 1;
        return new StepResult(caught ? 1.0 : -1.0, Terminated: true);
    }

    /// <summary>Puts the game in an exact state (for tests that replay known trajectories).</summary>
    internal void SetState(int ballRow, int ballColumn, int basketCentre)
    {
        Debug.Assert(ballRow is >= 0 and < BottomRow);
        Debug.Assert(ballColumn is >= 0 and < GridSize);
        Debug.Assert(basketCentre is >= MinBasketCentre and <= MaxBasketCentre);
        _ballRow = ballRow;
        _ballColumn = ballColumn;
        _basketCentre = basketCentre;
    }

    private void WriteObservation(Span<float> observation)
    {
        Span<float> grid = observation[..ObservationSize];
        grid.Clear();
        int basketRow = BottomRow * GridSize;
        grid[basketRow + _basketCentre - 1] = 1f;
        grid[basketRow + _basketCentre] = 1f;
        grid[basketRow + _basketCentre + 1] = 1f;
        grid[(_ballRow * GridSize) + _ballColumn] = 1f;
    }
}
