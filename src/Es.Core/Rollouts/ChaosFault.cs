namespace Es.Core.Rollouts;

/// <summary>A fault the chaos settings inject into one attempt at a candidate evaluation.</summary>
public enum ChaosFault
{
    /// <summary>Score the candidate normally.</summary>
    None,

    /// <summary>Throw inside the evaluator (it is restarted and the task scored again).</summary>
    Crash,

    /// <summary>Block until the task deadline gives up on the evaluator.</summary>
    Hang,
}
