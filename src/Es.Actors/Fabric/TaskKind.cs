namespace Es.Actors.Fabric;

/// <summary>What a task asks an evaluator to score.</summary>
public enum TaskKind
{
    /// <summary>Perturbed candidates (generation, index) of the population.</summary>
    Candidates,

    /// <summary>Evaluation episodes of the unperturbed θ.</summary>
    Evaluation,
}
