namespace Es.Core.Tests.Environments;

/// <summary>
/// A trajectory computed by reference/make_reference_trajectories.py from Gymnasium's
/// published equations: the actions applied from a known state and what must follow.
/// </summary>
internal sealed record ReferenceTrajectory(
    float[] Actions,
    double[][] Observations,
    double[] Rewards,
    bool[] Terminated);
