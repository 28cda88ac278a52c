using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using Es.Core.Environments.Acrobot;
using Es.Core.Environments.CartPole;
using Es.Core.Environments.Catch;
using Es.Core.Environments.MountainCar;
using Es.Core.Environments.Pendulum;

namespace Es.Core.Environments;

/// <summary>
/// Creates environments by their registered (Gymnasium) names: the built-in tasks, then
/// those an extension added with <see cref="Register"/> (Es.MuJoCo's, for instance, which
/// keeps the native engine out of Es.Core; the hosts register them at start-up).
/// </summary>
public static class EnvironmentRegistry
{
    private static readonly string[] BuiltIn =
    [
        CartPoleEnvironment.EnvironmentName,
        PendulumEnvironment.EnvironmentName,
        AcrobotEnvironment.EnvironmentName,
        MountainCarEnvironment.EnvironmentName,
        MountainCarContinuousEnvironment.EnvironmentName,
        CatchEnvironment.EnvironmentName,
    ];

    private static readonly Lock Gate = new();

    // Copy-on-write: readers take the current arrays without a lock.
    private static volatile IReadOnlyList<string> _names = new ReadOnlyCollection<string>(BuiltIn);
    private static volatile Dictionary<string, Func<IEnvironment>> _extensions = new(StringComparer.Ordinal);

    /// <summary>Every registered name, in a stable order: the built-in tasks, then extensions in registration order.</summary>
    public static IReadOnlyList<string> Names => _names;

    /// <summary>
    /// Adds an environment made outside Es.Core. Registering a name again replaces its
    /// factory; a built-in name cannot be replaced. The factory runs once per
    /// <see cref="Create"/>, so whatever it needs (a native library) is first touched then.
    /// </summary>
    /// <param name="name">The Gymnasium name, e.g. <c>Hopper-v4</c>.</param>
    /// <param name="factory">Creates a fresh instance.</param>
    /// <exception cref="ArgumentException">The name is a built-in one (case-insensitively).</exception>
    public static void Register(string name, Func<IEnvironment> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (BuiltIn.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{name}' is a built-in environment and cannot be replaced.", nameof(name));
        }

        lock (Gate)
        {
            var extensions = new Dictionary<string, Func<IEnvironment>>(_extensions, StringComparer.Ordinal) { [name] = factory };
            if (!_extensions.ContainsKey(name))
            {
                _names = new ReadOnlyCollection<string>([.. _names, name]);
            }

            _extensions = extensions;
        }
    }

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
        _ => _extensions.TryGetValue(name, out var factory) ? factory() : null,
    };
}
