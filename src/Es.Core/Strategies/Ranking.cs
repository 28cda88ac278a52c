namespace Es.Core.Strategies;

/// <summary>Orders a generation's candidates by reward for the rank-based strategies.</summary>
public static class Ranking
{
    /// <summary>
    /// Writes candidate indices best first: higher reward first, ties by lower index, failed
    /// (non-finite) candidates last in index order. A total order, so every node ranks alike.
    /// </summary>
    public static void BestFirst(ReadOnlySpan<double> rewards, Span<int> order)
    {
        if (order.Length != rewards.Length)
        {
            throw new ArgumentException($"Expected {rewards.Length} places, got {order.Length}.", nameof(order));
        }

        // Insertion sort: populations are small next to the rollouts that produced them, and
        // it needs no comparer object capturing the rewards.
        for (int i = 0; i < order.Length; i++)
        {
            int candidate = i;
            int at = i;
            while (at > 0 && Before(rewards, candidate, order[at - 1]))
            {
                order[at] = order[at - 1];
                at--;
            }

            order[at] = candidate;
        }
    }

    private static bool Before(ReadOnlySpan<double> rewards, int a, int b)
    {
        bool fa = double.IsFinite(rewards[a]), fb = double.IsFinite(rewards[b]);
        if (fa != fb)
        {
            return fa;
        }

        if (fa && rewards[a] != rewards[b])
        {
            return rewards[a] > rewards[b];
        }

        return a < b;
    }
}
