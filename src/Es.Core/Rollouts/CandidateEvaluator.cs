using System.Numerics;
using Es.Core.Noise;
using Es.Core.Normalization;
using Es.Core.Strategies;

namespace Es.Core.Rollouts;

/// <summary>
/// Scores candidates by name: rebuilds the candidate from its name (the generation's
/// <see cref="CandidateRecipe"/>, or θ + sign·σ·ε from the shared noise table) into a
/// buffer it owns and runs the configured episodes. One per evaluator; not thread-safe.
/// </summary>
public sealed class CandidateEvaluator
{
    private readonly IProblem _problem;
    private readonly NoiseTable _noise;
    private readonly ulong _runSeed;
    private readonly int _episodes;
    private readonly double _rewardShift;
    private readonly float[] _perturbed;

    /// <summary>Creates an evaluator.</summary>
    /// <param name="problem">This evaluator's own problem instance.</param>
    /// <param name="noise">The shared noise table.</param>
    /// <param name="runSeed">The run seed candidates' seeds derive from.</param>
    /// <param name="episodesPerCandidate">Episodes averaged per candidate.</param>
    /// <param name="rewardShift">
    /// Subtracted from each step's reward in a candidate's return (not the evaluation's): a task's
    /// survival bonus taken out, as ARS does, so that standing still no longer scores.
    /// </param>
    public CandidateEvaluator(IProblem problem, NoiseTable noise, ulong runSeed, int episodesPerCandidate, double rewardShift = 0)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentOutOfRangeException.ThrowIfLessThan(episodesPerCandidate, 1);
        _problem = problem;
        _noise = noise;
        _runSeed = runSeed;
        _episodes = episodesPerCandidate;
        _rewardShift = rewardShift;
        _perturbed = new float[problem.ParameterCount];
    }

    /// <summary>The problem being scored.</summary>
    public IProblem Problem => _problem;

    /// <summary>Scores candidate <paramref name="candidate"/>: the mean (shifted) return over its episodes, and total steps.</summary>
    /// <param name="view">The generation's θ, filter and σ.</param>
    /// <param name="candidate">The candidate's name.</param>
    /// <param name="statistics">When not null, receives the raw observations of its rollouts.</param>
    public EpisodeOutcome EvaluateCandidate(GenerationView view, CandidateName candidate, RunningStat? statistics)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Recipe is { } recipe)
        {
            recipe.Build(candidate, _perturbed);
        }
        else
        {
            int offset = CandidateSeeds.NoiseOffset(_runSeed, candidate, _noise, _perturbed.Length);
            Perturb(view.Theta, _noise.Slice(offset, _perturbed.Length), candidate.Sign * view.Sigma, _perturbed);
        }

        double total = 0;
        int steps = 0;
        for (int episode = 0; episode < _episodes; episode++)
        {
            var outcome = _problem.Run(_perturbed, CandidateSeeds.EpisodeSeed(_runSeed, candidate, episode), view.Filter, statistics);
            total += outcome.Return - (_rewardShift * outcome.Steps);
            steps += outcome.Steps;
        }

        return new EpisodeOutcome(total / _episodes, steps);
    }

    /// <summary>Runs evaluation episode <paramref name="episode"/> of the unperturbed θ.</summary>
    public EpisodeOutcome EvaluateMean(GenerationView view, int episode)
    {
        ArgumentNullException.ThrowIfNull(view);
        return _problem.Run(view.Theta, CandidateSeeds.EvaluationEpisodeSeed(_runSeed, view.Generation, episode), view.Filter, null);
    }

    /// <summary>
    /// result = theta + scale·noise. Element-wise (no reduction), so every lane width gives
    /// the same bits; written without FMA for the same reason.
    /// </summary>
    internal static void Perturb(ReadOnlySpan<float> theta, ReadOnlySpan<float> noise, float scale, Span<float> result)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<float>(scale);
            for (; i <= theta.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(theta[i..]) + (new Vector<float>(noise[i..]) * s)).CopyTo(result[i..]);
            }
        }

        for (; i < theta.Length; i++)
        {
            result[i] = theta[i] + (noise[i] * scale);
        }
    }

    /// <summary>The plain reference of <see cref="Perturb"/>.</summary>
    internal static void PerturbReference(ReadOnlySpan<float> theta, ReadOnlySpan<float> noise, float scale, Span<float> result)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            result[i] = theta[i] + (noise[i] * scale);
        }
    }
}
