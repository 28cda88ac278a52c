namespace Es.Core.Strategies;

/// <summary>How raw candidate rewards are turned into the weights of the gradient estimate.</summary>
public enum FitnessShaping
{
    /// <summary>
    /// Ranks 0..n−1 (ties broken by candidate index), scaled to [−0.5, 0.5] as in Salimans
    /// et al.'s reference code: invariant to any monotone change of the reward and robust
    /// to outliers.
    /// </summary>
    CenteredRanks,

    /// <summary>Rewards standardised to mean 0 and standard deviation 1 (all equal: zeros).</summary>
    ZScore,

    /// <summary>Rewards used as they are.</summary>
    Raw,
}
