using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Normalization;
using Es.Core.Rollouts;
using Es.Core.Strategies;

namespace Es.Core.Tests.Rollouts;

/// <summary>strategy.reward_shift: taken off every training step, never off an evaluation.</summary>
public sealed class RewardShiftTests
{
    private static readonly NoiseTable Noise = new(1 << 16, 123);

    [Fact]
    public void EvaluateCandidate_Shift_SubtractedPerStep_EvaluationUnchanged()
    {
        var config = ConfigLoader.Load("{\"env\": {\"name\": \"CartPole-v1\"}, \"policy\": {\"hidden\": [4]}, \"strategy\": {\"episodes_per_candidate\": 3}}", "cfg.json");
        var problem = ProblemFactory.Create(config);
        var theta = new float[problem.ParameterCount];
        problem.Initialize(theta, 1);
        var view = new GenerationView(0, theta, ObservationFilter.Identity(problem.ObservationSize), 0.1f);
        var plain = new CandidateEvaluator(ProblemFactory.Create(config), Noise, 1, 3);
        var shifted = new CandidateEvaluator(ProblemFactory.Create(config), Noise, 1, 3, rewardShift: 0.25);
        var candidate = new CandidateName(0, 5);

        var before = plain.EvaluateCandidate(view, candidate, null);
        var after = shifted.EvaluateCandidate(view, candidate, null);

        // Three episodes averaged: the mean return loses 0.25 per step taken, averaged the same way.
        Assert.True(before.Steps > 3, "episodes of one step would not tell per step from per episode");
        Assert.Equal(before.Steps, after.Steps);
        Assert.Equal(before.Return - (0.25 * before.Steps / 3.0), after.Return, 9);
        Assert.Equal(plain.EvaluateMean(view, 0), shifted.EvaluateMean(view, 0));
    }
}
