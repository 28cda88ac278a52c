using System.Diagnostics.CodeAnalysis;

namespace Es.Core.Functions;

/// <summary>Creates objective functions by their registered names (case-insensitive).</summary>
public static class ObjectiveRegistry
{
    private static readonly Entry[] Entries =
    [
        new(QuadraticFunction.FunctionName, 1, d => new QuadraticFunction(d)),
        new(SphereFunction.FunctionName, 1, d => new SphereFunction(d)),
        new(RastriginFunction.FunctionName, 1, d => new RastriginFunction(d)),
        new(RosenbrockFunction.FunctionName, 2, d => new RosenbrockFunction(d)),
        new(AckleyFunction.FunctionName, 1, d => new AckleyFunction(d)),
    ];

    /// <summary>The registered names, in registration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(Entries.Select(e => e.Name).ToArray());

    /// <summary>
    /// Creates the function called <paramref name="name"/>; false when the name is unknown
    /// or <paramref name="dimension"/> is below that function's minimum.
    /// </summary>
    public static bool TryCreate(string name, int dimension, [NotNullWhen(true)] out IObjectiveFunction? function)
    {
        Entry? entry = Find(name);
        function = entry is not null && dimension >= entry.MinimumDimension ? entry.Factory(dimension) : null;
        return function is not null;
    }

    /// <summary>Creates the function called <paramref name="name"/> in <paramref name="dimension"/> dimensions.</summary>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known names).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is below the function's minimum.</exception>
    public static IObjectiveFunction Create(string name, int dimension)
    {
        ArgumentNullException.ThrowIfNull(name);
        Entry entry = Find(name)
            ?? throw new ArgumentException($"Unknown objective function '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
        if (dimension < entry.MinimumDimension)
        {
            throw new ArgumentOutOfRangeException(
                nameof(dimension), dimension, $"Objective function '{entry.Name}' needs a dimension of at least {entry.MinimumDimension}.");
        }

        return entry.Factory(dimension);
    }

    private static Entry? Find(string? name) =>
        name is null ? null : Array.Find(Entries, e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    private sealed record Entry(string Name, int MinimumDimension, Func<int, IObjectiveFunction> Factory);
}
