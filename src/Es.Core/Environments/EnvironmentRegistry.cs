using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using Es.Core.Environments.Acrobot;
using Es.Core.Environments.CartPole;
using Es.Core.Environments.Catch;
using Es.Core.Environments.MountainCar;
using Es.Core.Environments.Pendulum;

namespace Es.Core.Environments;

/// <summary>Creates environments by their registered (Gymnasium) names.</summary>
public static class EnvironmentRegistry
{
    /// <summary>Every registered name, in a stable order.</summary>
    public static IReadOnlyList<string> Names { get; } = new ReadOnlyCollection<string>(
    [
        CartPoleEnvironment.EnvironmentName,
        PendulumEnvironment.EnvironmentName,
        AcrobotEnvironment.EnvironmentName,
        MountainCarEnvironment.EnvironmentName,
        MountainCarContinuousEnvironment.EnvironmentName,
        CatchEnvironment.EnvironmentName,
    ]);

    /// <summary>
    /// Creates a fresh environment named <paramref name="name"/>. The exact name matches
    /// first; otherwise a case-insensitive match is accepted (<c>cartpole-v1</c>).
    /// </summary>
    /// <param name="name">A registered name.</param>
    /// <param name="environment">The new environment, or null when the name is unknown.</param>
    /// <returns>True when the name is known.</returns>
    public static bool TryCreate(string? name, [NotNullWhen(true)] out IEnvironment? environment)
    {
        environment = name is null ? null : CreateExact(name) ?? CreateExact(Canonical(name));
        return environment is not null;
    }

    /// <summary>Creates a fresh environment named <paramref name="name"/> (matched as in <see cref="TryCreate"/>).</summary>
    /// <param name="name">A registered name.</param>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static IEnvironment Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryCreate(name, out var environment))
        {
            return environment;
        }

        throw new ArgumentException(
            $"Unknown environment '{name}'. Known environments: {string.Join(", ", Names)}.", nameof(name));
    }

    private static string Canonical(string name)
    {
        foreach (string known in Names)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return name;
    }

    private static IEnvironment? CreateExact(string name) => name switch
    {
        CartPoleEnvironment.EnvironmentName => new CartPoleEnvironment(),
        PendulumEnvironment.EnvironmentName => new PendulumEnvironment(),
        AcrobotEnvironment.EnvironmentName => new AcrobotEnvironment(),
        MountainCarEnvironment.EnvironmentName => new MountainCarEnvironment(),
        MountainCarContinuousEnvironment.EnvironmentName => new MountainCarContinuousEnvironment(),
        CatchEnvironment.EnvironmentName => new CatchEnvironment(),
        _ => null,
    };
}
