namespace Es.MuJoCo;

/// <summary>Where the shipped MJCF files are: <c>Models/</c> next to this assembly.</summary>
public static class MuJoCoModels
{
    /// <summary>The directory holding the models.</summary>
    public static string Directory { get; } = Path.Combine(
        Path.GetDirectoryName(typeof(MuJoCoModels).Assembly.Location) is { Length: > 0 } here ? here : AppContext.BaseDirectory,
        "Models");

    /// <summary>The full path of <paramref name="fileName"/> under <see cref="Directory"/>.</summary>
    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);
}
